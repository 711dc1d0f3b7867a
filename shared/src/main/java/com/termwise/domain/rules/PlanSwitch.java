package com.termwise.domain.rules;

import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.util.List;

/**
 * A switch to another plan. online-courses 14.3/14.10/14.11: to a lower-cost plan, at the end of
 * the current term, keeping the current plan's benefits until then. meal-plans 8(f): a downgrade
 * now, with an adjusting payment that re-prices the months already taken at the new plan's
 * standard (non-promotional) rate.
 */
public final class PlanSwitch {

    private PlanSwitch() {}

    /** {@code weekendsExcluded}: the subscriber's variant, whose price of the target plan applies (meal-plans 3(a)). */
    public static Decision decide(Plan current, Plan target, Subscription s, boolean weekendsExcluded, LocalDate today) {
        var zero = Money.zero(current.price().currency());
        var targetPrice = target.priceFor(weekendsExcluded);
        var rule = current.terms().planChange();
        if (rule.isEmpty() || !rule.get().to().contains(target.id())) {
            var clause = rule.map(Rule.PlanChange::clause).orElse(current.terms().billing().clause());
            return Decision.refused(today, zero, List.of(new Reason("PLAN_CHANGE_NOT_OFFERED", clause,
                    rule.map(r -> "From " + current.name() + " you can switch to: " + String.join(", ", r.to()) + ".")
                            .orElse(current.name() + " cannot be switched to another plan."))));
        }
        if (s.state() != SubscriptionState.ACTIVE || s.currentPeriod().isEmpty()) {
            return Decision.refused(today, zero, List.of(new Reason("NOT_ACTIVE", rule.get().clause(),
                    "Only an active subscription can change plan.")));
        }
        var period = s.currentPeriod().get();
        return switch (rule.get().timing()) {
            case AT_PERIOD_END -> Decision.of(Outcome.CHANGES_AT_PERIOD_END, period.end(), zero, List.of(), List.of(
                    new Reason("SWITCH_AT_TERM_END", rule.get().clause(), "You keep " + current.name() + " and its benefits until "
                            + period.end() + ", then move to " + target.name() + " at " + targetPrice.display() + ".")));
            case NOW_WITH_ADJUSTING_PAYMENT -> {
                // 8(f): every month taken so far is re-priced at the new plan's standard rate
                var perMonth = targetPrice.minus(s.periodPrice()).max(zero);
                var adjustment = perMonth.times(s.cycle());
                var charges = adjustment.isPositive() ? List.of(new Charge(Charge.Kind.ADJUSTING_PAYMENT, adjustment)) : List.<Charge>of();
                yield Decision.of(Outcome.CHANGED_WITH_ADJUSTMENT, today, zero, charges, List.of(new Reason("DOWNGRADE_ADJUSTMENT",
                        rule.get().clause(), "Moving to " + target.name() + " re-prices the " + s.cycle() + " month(s) taken at its standard rate of "
                                + targetPrice.display() + ": an adjusting payment of " + adjustment.display() + ".")));
            }
        };
    }
}
