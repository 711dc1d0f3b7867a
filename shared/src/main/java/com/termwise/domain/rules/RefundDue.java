package com.termwise.domain.rules;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Reason;

import java.time.LocalDate;
import java.util.ArrayList;

/**
 * A refund goes back by the method used to pay, within 14 days of being told of the cancellation
 * (course-provider 19.6, meal-plans 8(e); CCR 2013 reg 34 where the terms are silent).
 */
public final class RefundDue {

    private RefundDue() {}

    public static LocalDate by(Catalog catalog, LocalDate toldOn) {
        return toldOn.plusDays(catalog.rules().refundDeadline().map(Rule.RefundDeadline::days).orElse(14));
    }

    public static Clause clause(Catalog catalog) {
        return catalog.rules().refundDeadline().map(Rule.RefundDeadline::clause).orElse(Clause.ccr(34));
    }

    /** Adds the refund deadline and its reason to a decision that pays money back. */
    public static Decision attach(Catalog catalog, Decision decision, LocalDate toldOn) {
        if (!decision.refund().isPositive()) return decision;
        var due = by(catalog, toldOn);
        var reasons = new ArrayList<>(decision.reasons());
        reasons.add(new Reason("REFUND_DEADLINE", clause(catalog),
                "The refund of " + decision.refund().display() + " goes back to the card you paid with by " + due + "."));
        return new Decision(decision.outcome(), decision.effectiveDate(), decision.refund(), decision.charges(), reasons,
                java.util.Optional.of(due));
    }
}
