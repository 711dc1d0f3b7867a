package com.termwise.domain.rules;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * meal-plans 12(b): an operator may, as a goodwill gesture, let a customer leave a Pay Monthly Plan
 * early. The months used are charged at the standard 1-Month Plan rate, pro rata by day (28 days
 * a month), promotional rates no longer apply; what was paid beyond that is refunded, and a
 * shortfall is charged. The operator's reason is recorded.
 */
public final class GoodwillCancellationCharge {

    private GoodwillCancellationCharge() {}

    /** {@code weekendsExcluded}: the subscriber's variant; the rate plan's price for it applies (meal-plans 3(a)). */
    public static Decision decide(Catalog catalog, Plan plan, boolean weekendsExcluded, LocalDate planStart, Money paidToDate, LocalDate today,
                                  Requester requester) {
        var zero = Money.zero(catalog.currency());
        var rule = plan.terms().goodwillCancellation();
        if (rule.isEmpty()) {
            return Decision.refused(today, zero, List.of(new Reason("GOODWILL_NOT_OFFERED", plan.terms().billing().clause(),
                    plan.name() + " has no early cancellation by goodwill.")));
        }
        if (!(requester instanceof Requester.Operator) || requester.reason().filter(r -> !r.isBlank()).isEmpty()) {
            return Decision.refused(today, zero, List.of(new Reason("OPERATOR_DECISION_REQUIRED", rule.get().clause(),
                    "An early cancellation is at our discretion: our team decides it and records why.")));
        }
        var rate = catalog.plan(rule.get().ratePlan()).orElseThrow().priceFor(weekendsExcluded);
        long daysUsed = Math.max(1, ChronoUnit.DAYS.between(planStart, today));
        var owed = rate.fraction(daysUsed, 28, RoundingMode.FLOOR);
        var refund = paidToDate.minus(owed).max(zero);
        var shortfall = owed.minus(paidToDate).max(zero);
        var charges = new ArrayList<Charge>();
        if (shortfall.isPositive()) charges.add(new Charge(Charge.Kind.GOODWILL_CANCELLATION_CHARGE, shortfall));
        var decision = Decision.of(Outcome.CANCELLED_WITH_REFUND, today, refund, charges, List.of(new Reason("GOODWILL_CANCELLATION",
                rule.get().clause(), "Cancelled early as a goodwill gesture (" + requester.reason().get().strip() + "): " + daysUsed
                        + " days used at the standard rate of " + rate.display() + " per 28 days come to " + owed.display()
                        + " against " + paidToDate.display() + " paid.")));
        return RefundDue.attach(catalog, decision, today);
    }
}
