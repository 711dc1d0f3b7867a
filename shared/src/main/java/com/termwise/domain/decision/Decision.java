package com.termwise.domain.decision;

import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the terms decided (docs/api.md "decision"): an outcome, the first day it applies, the refund and
 * any charges as money, and the reasons, never empty, each naming its clause. {@code refundDueBy}
 * is the last day a refund may be paid (CCR 2013 reg 34, course-provider 19.6), when there is one.
 */
public record Decision(Outcome outcome, LocalDate effectiveDate, Money refund, List<Charge> charges,
                       List<Reason> reasons, Optional<LocalDate> refundDueBy) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(effectiveDate, "effectiveDate");
        Objects.requireNonNull(refund, "refund");
        charges = List.copyOf(charges);
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) throw new IllegalArgumentException("a decision needs at least one reason: " + outcome);
        if (refund.amount() < 0) throw new IllegalArgumentException("negative refund " + refund);
    }

    public static Decision of(Outcome outcome, LocalDate effective, Money refund, List<Charge> charges, List<Reason> reasons) {
        return new Decision(outcome, effective, refund, charges, reasons, Optional.empty());
    }

    public static Decision refused(LocalDate today, Money zero, List<Reason> reasons) {
        return of(Outcome.REFUSED, today, Money.zero(zero.currency()), List.of(), reasons);
    }

    /** The same decision with one more reason (a duty that comes with it, such as the end-of-contract notice). */
    public Decision withReason(Reason reason) {
        var all = new java.util.ArrayList<>(reasons);
        all.add(reason);
        return new Decision(outcome, effectiveDate, refund, charges, all, refundDueBy);
    }

    public Money totalCharges() {
        return Charge.sum(charges, refund.currency());
    }

    public boolean hasReason(String code) {
        return reasons.stream().anyMatch(r -> r.code().equals(code));
    }
}
