package com.termwise.domain;

import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.GoodwillCancellationCharge;
import com.termwise.domain.rules.PlanSwitch;
import com.termwise.domain.rules.Requester;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * meal-plans 3(a): a plan sold for weekdays only has its own price. Every amount a rule charges a subscriber is
 * that of their own variant: for every plan of every catalog with a weekdays-only price, and both variants, the
 * plan switches it offers and its goodwill charge price the variant the subscriber bought, never the 7-day price.
 */
class PlanVariantPricesTest {

    @Test
    void every_plan_switch_and_goodwill_charge_prices_the_subscriber_s_own_variant() {
        int checked = 0;
        for (var catalog : com.termwise.domain.catalog.Catalogs.builtIn().all(Fixtures.TERMS)) {
            for (Plan plan : catalog.plans().values()) {
                if (plan.weekdaysOnlyPrice().isEmpty()) continue;
                for (boolean weekendsExcluded : new boolean[]{true, false}) {
                    var bought = active(catalog, plan.id(), LocalDate.of(2026, 1, 5), weekendsExcluded);
                    assertEquals(plan.priceFor(weekendsExcluded), bought.periodPrice());
                    // a second month taken, where the plan has one
                    var paid = com.termwise.domain.rules.RenewalSchedule.nextRenewalDate(plan.terms(), bought).isPresent() ? paidThrough(plan, bought, 2) : bought;
                    for (var targetId : plan.terms().planChange().map(c -> c.to()).orElse(java.util.List.of())) {
                        var target = catalog.plan(targetId).orElseThrow();
                        var decision = PlanSwitch.decide(plan, target, paid, weekendsExcluded, LocalDate.of(2026, 2, 10));
                        var targetPrice = target.priceFor(weekendsExcluded);
                        assertTrue(decision.reasons().getFirst().message().contains(targetPrice.display()), plan.id() + " -> " + targetId + " " + decision);
                        if (decision.outcome() == Outcome.CHANGED_WITH_ADJUSTMENT) {
                            var perMonth = targetPrice.minus(paid.periodPrice()).max(Money.zero(targetPrice.currency()));
                            var expected = perMonth.isPositive() ? java.util.List.of(new Charge(Charge.Kind.ADJUSTING_PAYMENT, perMonth.times(paid.cycle())))
                                    : java.util.List.<Charge>of();
                            assertEquals(expected, decision.charges(), plan.id() + " -> " + targetId + (weekendsExcluded ? " weekdays only" : ""));
                        }
                        checked++;
                    }
                    var goodwill = plan.terms().goodwillCancellation();
                    if (goodwill.isPresent()) {
                        var rate = catalog.plan(goodwill.get().ratePlan()).orElseThrow().priceFor(weekendsExcluded);
                        var decision = GoodwillCancellationCharge.decide(catalog, plan, weekendsExcluded, LocalDate.of(2026, 1, 5), Money.zero(rate.currency()),
                                LocalDate.of(2026, 2, 2), new Requester.Operator("op", Optional.of("moving")));
                        assertEquals(rate, decision.totalCharges(), plan.id() + ": 28 days at the variant's rate");
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 4, "plans with a weekdays-only price were checked: " + checked);
    }
}
