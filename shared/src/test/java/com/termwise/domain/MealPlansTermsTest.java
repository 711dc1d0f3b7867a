package com.termwise.domain;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.rules.*;
import com.termwise.domain.subscription.*;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static com.termwise.domain.DecisionAssertions.assertDecided;
import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** meal-plans: one scenario per clause, asserting amounts, dates and states the customer sees. */
class MealPlansTermsTest {

    static final Money MONTH = gbp(15900);
    final com.termwise.domain.catalog.CatalogRules rules = MEALS.rules();
    final Subscription threeMonth = active(MEALS, "3-month", d("2026-01-05"));
    final PurchaseFacts firstMonth = facts(d("2026-01-05"), MONTH)
            .withDelivery(Optional.of(d("2026-01-08")), gbp(495), gbp(495));

    static Subscription apply(Subscription s, SubscriptionEvent... events) {
        for (var e : events) s = SubscriptionStateMachine.apply(s, e);
        return s;
    }

    @Test
    void clause_3_a_plans_hold_28_days_of_food_a_month_or_20_without_weekends() {
        assertEquals(28, DeliverySchedule.foodDays(rules, false));
        assertEquals(20, DeliverySchedule.foodDays(rules, true));
        assertEquals(gbp(11900), plan(MEALS, "3-month").priceFor(true));
        assertEquals(MONTH, plan(MEALS, "3-month").priceFor(false));
        assertEquals("meal-plans 3(a)", rules.foodDays().orElseThrow().clause().toString());
    }

    @Test
    void clause_4_e_and_9_a_pay_monthly_plans_renew_after_the_minimum_period_and_the_repeat_1_month_plan_renews_too() {
        var plan = plan(MEALS, "3-month");
        var instalment = RenewalSchedule.atPeriodEnd(plan, threeMonth, d("2026-02-02"));
        assertDecided(instalment, Outcome.RENEWS, "MINIMUM_TERM_INSTALMENT", "meal-plans 9(c)");
        assertEquals(MONTH, instalment.totalCharges());
        var third = paidThrough(plan, threeMonth, 3);
        var rolling = RenewalSchedule.atPeriodEnd(plan, third, d("2026-03-30"));
        assertDecided(rolling, Outcome.RENEWS, "AUTO_RENEWAL", "meal-plans 9(a)");
        assertEquals(d("2026-03-30"), rolling.effectiveDate());

        var repeat = active(MEALS, "1-month-repeat", d("2026-01-05"));
        assertDecided(RenewalSchedule.atPeriodEnd(plan(MEALS, "1-month-repeat"), repeat, d("2026-02-02")), Outcome.RENEWS, "AUTO_RENEWAL", "meal-plans 4(e)");
        var oneOff = active(MEALS, "1-month", d("2026-01-05"));
        assertTrue(oneOff.currentPeriod().isEmpty());
        assertEquals(Optional.empty(), RenewalSchedule.nextRenewalDate(plan(MEALS, "1-month").terms(), oneOff), "the plain 1-Month Plan does not renew");
    }

    @Test
    void clause_5_d_contract_formed_by_the_acceptance_email_or_on_dispatch_if_earlier() {
        var machine = new OrderStateMachine(MEALS);
        var order = new Order("ord-m", "cust-1", "meal-plans", TERMS, "3-month", OrderState.PENDING_PAYMENT, MONTH, gbp(0), gbp(0), false,
                Optional.empty(), d("2026-01-05"), Optional.empty(), Optional.empty(), Consents.none(), 0);
        var dispatchedFirst = machine.apply(order, new OrderStateMachine.Event.PaymentSucceeded(MONTH, d("2026-01-07"), Optional.of(d("2026-01-06"))));
        assertEquals(Optional.of(d("2026-01-06")), dispatchedFirst.order().contractDate());
        var mailFirst = machine.apply(order, new OrderStateMachine.Event.PaymentSucceeded(MONTH, d("2026-01-07"), Optional.empty()));
        assertEquals(Optional.of(d("2026-01-07")), mailFirst.order().contractDate());
        assertEquals(OrderStateMachine.ACCEPTANCE_MAIL, mailFirst.outbox().getFirst().template());
    }

    @Test
    void clause_6_b_i_first_month_paid_on_ordering_later_ones_at_28_day_intervals_from_the_first_payment() {
        assertEquals(new Period(d("2026-01-05"), d("2026-02-02")), threeMonth.currentPeriod().orElseThrow());
        assertEquals(Optional.of(d("2026-03-30")), threeMonth.minimumTermEnd());
        assertEquals(Optional.of(d("2026-02-02")), RenewalSchedule.nextRenewalDate(plan(MEALS, "3-month").terms(), threeMonth));
        var third = paidThrough(plan(MEALS, "3-month"), threeMonth, 3);
        assertEquals(new Period(d("2026-03-02"), d("2026-03-30")), third.currentPeriod().orElseThrow());
        assertEquals(0, third.renewals(), "instalments of the minimum term are not renewals");
    }

    @Test
    void clause_6_c_ii_price_change_no_earlier_than_30_days_after_notice_and_only_from_a_renewal() {
        var plan = plan(MEALS, "3-month");
        var inMinimumTerm = PriceChangeSchedule.forSubscriber(plan, threeMonth, gbp(16900), d("2026-01-10"));
        assertDecided(inMinimumTerm, Outcome.PRICE_CHANGE_SCHEDULED, "NOT_DURING_MINIMUM_TERM", "meal-plans 6(c)(ii)");
        assertEquals(d("2026-03-30"), inMinimumTerm.effectiveDate());
        var third = paidThrough(plan, threeMonth, 3);
        var late = PriceChangeSchedule.forSubscriber(plan, third, gbp(16900), d("2026-03-20"));
        assertEquals(d("2026-04-27"), late.effectiveDate(), "30 days after 2026-03-20 is 2026-04-19: the next renewal after that");
    }

    @Test
    void clause_6_c_iii_and_v_failed_payment_moves_billing_and_withholds_the_delivery() {
        var dunning = rules.dunning().orElseThrow();
        assertEquals(Optional.of(d("2026-04-02")), DunningSchedule.retryOn(dunning, d("2026-03-30"), 1));
        assertEquals(Optional.of(d("2026-04-09")), DunningSchedule.retryOn(dunning, d("2026-03-30"), 2));
        assertEquals(Optional.empty(), DunningSchedule.retryOn(dunning, d("2026-03-30"), 3));

        var pastDue = apply(threeMonth, new SubscriptionEvent.PaymentFailed(d("2026-02-02"), 2, false, "pi_1"));
        assertEquals(SubscriptionState.PAST_DUE, pastDue.state());
        var withheld = DeliverySchedule.withheld(rules, pastDue.state()).orElseThrow();
        assertEquals("meal-plans 6(c)(iii)", withheld.clause().toString());
        assertTrue(DeliverySchedule.withheld(rules, threeMonth.state()).isEmpty());

        var recovered = apply(pastDue, new SubscriptionEvent.PeriodPaid(2, new Period(d("2026-02-05"), d("2026-03-05")), MONTH, false));
        assertEquals(SubscriptionState.ACTIVE, recovered.state());
        assertEquals(SubscriptionState.CANCELLED, apply(pastDue, new SubscriptionEvent.DunningExhausted(d("2026-02-09"))).state());
    }

    @Test
    void clause_6_c_iii_a_declined_renewal_is_retried_on_the_schedule_each_attempt_with_its_own_key_then_the_plan_ends() {
        var dunning = rules.dunning().orElseThrow();
        var terms = plan(MEALS, "3-month").terms();
        // the renewal for month 2 is due on 2026-02-02 (28 days after 2026-01-05)
        assertEquals(Optional.of(d("2026-02-02")), RenewalSchedule.nextDue(terms, rules.dunning(), threeMonth));
        var charging = apply(threeMonth, new SubscriptionEvent.ChargeStarted(2, d("2026-02-02")));
        assertEquals("renewal-sub-1-2-1", charging.renewalCharge().orElseThrow().idempotencyKey("sub-1"));
        assertEquals(charging, apply(charging, new SubscriptionEvent.ChargeStarted(2, d("2026-02-02"))), "a repeated message takes the same attempt");

        var declined = apply(charging, new SubscriptionEvent.PaymentFailed(d("2026-02-02"), 2, false, "pi_1"));
        var first = DunningSchedule.afterFailure(dunning, declined.renewalCharge().orElseThrow(), gbp(16395), gbp(15900), d("2026-02-02"));
        assertDecided(first, Outcome.RENEWS, "PAYMENT_RETRY", "meal-plans 6(c)(iii)");
        assertEquals(d("2026-02-05"), first.effectiveDate());
        assertTrue(first.hasReason("DELIVERY_WITHHELD"));
        assertEquals(Optional.of(d("2026-02-05")), RenewalSchedule.nextDue(terms, rules.dunning(), declined));

        var retry = apply(declined, new SubscriptionEvent.ChargeStarted(2, d("2026-02-05")));
        assertEquals("renewal-sub-1-2-2", retry.renewalCharge().orElseThrow().idempotencyKey("sub-1"), "a retry is a new attempt with its own key");
        var declinedAgain = apply(retry, new SubscriptionEvent.PaymentFailed(d("2026-02-05"), 2, false, "pi_2"));
        assertEquals(Optional.of(d("2026-02-12")), RenewalSchedule.nextDue(terms, rules.dunning(), declinedAgain), "3 then 7 days after the first failure");
        var last = apply(declinedAgain, new SubscriptionEvent.ChargeStarted(2, d("2026-02-12")),
                new SubscriptionEvent.PaymentFailed(d("2026-02-12"), 2, false, "pi_3"));
        var ends = DunningSchedule.afterFailure(dunning, last.renewalCharge().orElseThrow(), gbp(16395), gbp(15900), d("2026-02-12"));
        assertDecided(ends, Outcome.ENDS, "PAYMENT_NOT_RECEIVED", "meal-plans 6(c)(iii)");
        // 6(c)(iv): the uncollected month stays owed (its withheld box is cancelled, so not its delivery charge)
        assertDecided(ends, Outcome.ENDS, "UNCOLLECTED_OWED", "meal-plans 6(c)(iv)");
        assertEquals(gbp(15900), ends.totalCharges());

        // a bank that wants 3-D Secure: no blind retry, the plan waits for the customer until the last retry day
        var authenticate = apply(charging, new SubscriptionEvent.PaymentFailed(d("2026-02-02"), 2, true, "pi_1"));
        assertEquals(Optional.of(d("2026-02-12")), RenewalSchedule.nextDue(terms, rules.dunning(), authenticate));
        var waiting = DunningSchedule.afterFailure(dunning, authenticate.renewalCharge().orElseThrow(), gbp(16395), gbp(15900), d("2026-02-02"));
        assertDecided(waiting, Outcome.RENEWS, "AUTHENTICATION_REQUIRED", "meal-plans 6(c)(iii)");
        assertEquals(d("2026-02-12"), waiting.effectiveDate());
    }

    @Test
    void clause_7_a_and_7_c_dispatch_within_3_working_days_of_a_12_30_cut_off_and_first_delivery_within_30_days() {
        assertEquals(d("2026-03-05"), DeliverySchedule.dispatchBy(rules.dispatch().orElseThrow(), LocalDateTime.parse("2026-03-02T12:30")));
        assertEquals(d("2026-03-06"), DeliverySchedule.dispatchBy(rules.dispatch().orElseThrow(), LocalDateTime.parse("2026-03-02T12:31")));
        assertEquals(d("2026-03-06"), DeliverySchedule.firstDelivery(rules, LocalDateTime.parse("2026-03-02T12:00"), d("2026-03-02"), Optional.empty()));
        assertEquals(d("2026-03-09"), DeliverySchedule.firstDelivery(rules, LocalDateTime.parse("2026-03-02T12:45"), d("2026-03-02"), Optional.empty()));
        // Good Friday order: Easter Monday is not a working day either
        assertEquals(d("2026-04-13"), DeliverySchedule.firstDelivery(rules, LocalDateTime.parse("2026-04-03T10:00"), d("2026-04-03"), Optional.empty()));
        assertEquals(d("2026-03-07"), DeliverySchedule.firstDelivery(rules, LocalDateTime.parse("2026-03-02T12:00"), d("2026-03-02"), Optional.of(DayOfWeek.SATURDAY)));
        assertEquals(30, rules.firstDelivery().orElseThrow().withinDays());
    }

    @Test
    void clause_7_b_later_deliveries_every_28_days_and_a_delay_of_up_to_21_days_with_5_working_days_notice() {
        assertEquals(d("2026-04-03"), DeliverySchedule.deliveryFor(rules, d("2026-03-06"), 2));
        // 5 working days before Friday 10 April 2026, skipping Easter Monday and Good Friday, is Wednesday 1 April
        var inTime = DeliveryDelay.decide(rules, d("2026-04-10"), false, 7, d("2026-04-01"), gbp(0));
        assertDecided(inTime, Outcome.DELAYED, "DELIVERY_DELAYED", "meal-plans 7(b)");
        assertEquals(d("2026-04-17"), inTime.effectiveDate());
        assertDecided(DeliveryDelay.decide(rules, d("2026-04-10"), false, 7, d("2026-04-02"), gbp(0)), Outcome.REFUSED, "NOTICE_TOO_LATE", "meal-plans 7(b)");
        assertDecided(DeliveryDelay.decide(rules, d("2026-04-10"), false, 22, d("2026-03-01"), gbp(0)), Outcome.REFUSED, "DELAY_TOO_LONG", "meal-plans 7(b)");
        assertDecided(DeliveryDelay.decide(rules, d("2026-04-10"), true, 7, d("2026-03-01"), gbp(0)), Outcome.REFUSED, "FIRST_DELIVERY_NOT_DELAYABLE", "meal-plans 7(b)");

        var delayed = apply(threeMonth, new SubscriptionEvent.NextDeliveryDelayed(7));
        assertEquals(d("2026-02-09"), delayed.currentPeriod().orElseThrow().end(), "the month's payment moves with its delivery");
    }

    @Test
    void clause_7_f_weekend_public_holiday_and_regional_surcharges() {
        assertEquals(gbp(995), Charge.sum(DeliverySchedule.charges(rules, d("2026-03-07"), "SW1A 1AA"), Money.GBP));
        var bankHolidayBelfast = DeliverySchedule.charges(rules, d("2026-05-04"), "BT1 1AA");
        assertEquals(List.of(Charge.Kind.DELIVERY_CHARGE, Charge.Kind.PUBLIC_HOLIDAY_SURCHARGE, Charge.Kind.REGIONAL_SURCHARGE),
                bankHolidayBelfast.stream().map(Charge::kind).toList());
        assertEquals(gbp(2495), Charge.sum(bankHolidayBelfast, Money.GBP));
        assertEquals(gbp(1995), Charge.sum(DeliverySchedule.charges(rules, d("2026-03-10"), "IV2 3AB"), Money.GBP));
        assertEquals("Scottish Highlands and Islands", DeliverySchedule.region(rules, "PA21 2AB").orElseThrow().name());
        assertTrue(DeliverySchedule.region(rules, "PA2 1AB").isEmpty(), "Paisley is not in the surcharge area");
        assertEquals("Channel Islands", DeliverySchedule.region(rules, "je2 3ab").orElseThrow().name());
        assertEquals("Isle of Man", DeliverySchedule.region(rules, "IM1 1AA").orElseThrow().name());
        assertEquals(gbp(495), Charge.sum(DeliverySchedule.charges(rules, d("2026-03-10"), "M1 1AE"), Money.GBP));
    }

    @Test
    void clause_7_h_address_change_less_than_5_working_days_before_delivery_costs_5_pounds() {
        var inTime = AddressChange.decide(rules, Optional.of(d("2026-03-30")), "SW1A 1AA", d("2026-03-23"));
        assertDecided(inTime, Outcome.ADDRESS_CHANGED, "ADDRESS_CHANGED", "meal-plans 7(h)");
        assertEquals(gbp(0), inTime.totalCharges());
        var late = AddressChange.decide(rules, Optional.of(d("2026-03-30")), "IV2 3AB", d("2026-03-24"));
        assertDecided(late, Outcome.ADDRESS_CHANGED, "LATE_ADDRESS_CHANGE", "meal-plans 7(h)");
        assertEquals(List.of(new Charge(Charge.Kind.ADMIN_FEE, gbp(500))), late.charges());
        assertDecided(late, Outcome.ADDRESS_CHANGED, "REGIONAL_SURCHARGE", "meal-plans 7(f)");
    }

    @Test
    void clause_8_b_cancel_within_14_days_after_the_day_the_first_delivery_is_received() {
        var plan = plan(MEALS, "3-month");
        var last = Cancellation.ofSubscription(MEALS, plan, threeMonth, firstMonth, d("2026-01-22"), Optional.empty());
        assertDecided(last, Outcome.CANCELLED_WITH_REFUND, "WITHIN_CANCELLATION_PERIOD", "meal-plans 8(b)");
        var beforeDelivery = facts(d("2026-01-05"), MONTH);
        assertEquals(Outcome.CANCELLED_WITH_REFUND,
                Cancellation.ofSubscription(MEALS, plan, threeMonth, beforeDelivery, d("2026-01-06"), Optional.empty()).outcome());
        var after = Cancellation.ofSubscription(MEALS, plan, threeMonth, firstMonth, d("2026-01-23"), Optional.empty());
        assertDecided(after, Outcome.CANCELS_AT_PERIOD_END, "CANCELLATION_PERIOD_ENDED", "meal-plans 8(b)");
    }

    @Test
    void clause_8_d_refund_is_what_was_paid_with_the_standard_delivery_charge_only() {
        var weekendDelivery = facts(d("2026-01-05"), gbp(15900 + 995)).withDelivery(Optional.of(d("2026-01-10")), gbp(995), gbp(495));
        var decision = Cancellation.ofSubscription(MEALS, plan(MEALS, "3-month"), threeMonth, weekendDelivery, d("2026-01-12"), Optional.empty());
        assertDecided(decision, Outcome.CANCELLED_WITH_REFUND, "REFUND_WITH_STANDARD_DELIVERY", "meal-plans 8(d)");
        assertEquals(gbp(15900 + 495), decision.refund(), "the weekend surcharge above standard delivery is kept");
        assertEquals(Optional.of(d("2026-01-26")), decision.refundDueBy());
    }

    @Test
    void clause_8_f_downgrade_charges_an_adjusting_payment_at_the_new_plans_standard_rate() {
        var fourMonth = paidThrough(plan(MEALS, "4-month"), active(MEALS, "4-month", d("2026-01-05")), 2);
        var decision = PlanSwitch.decide(plan(MEALS, "4-month"), plan(MEALS, "1-month-repeat"), fourMonth, false, d("2026-02-10"));
        assertDecided(decision, Outcome.CHANGED_WITH_ADJUSTMENT, "DOWNGRADE_ADJUSTMENT", "meal-plans 8(f)");
        assertEquals(List.of(new Charge(Charge.Kind.ADJUSTING_PAYMENT, gbp(10000))), decision.charges(), "(19900 - 14900) x 2 months");
    }

    @Test
    void clause_9_c_no_termination_before_the_minimum_period_and_notice_5_working_days_before_renewal() {
        var plan = plan(MEALS, "3-month");
        var inTerm = Cancellation.ofSubscription(MEALS, plan, threeMonth, firstMonth, d("2026-01-25"), Optional.empty());
        assertDecided(inTerm, Outcome.CANCELS_AT_PERIOD_END, "MINIMUM_TERM", "meal-plans 9(c)");
        assertDecided(inTerm, Outcome.CANCELS_AT_PERIOD_END, "ENDS_AT_PERIOD_END", "meal-plans 9(c)(1)");
        assertEquals(d("2026-03-30"), inTerm.effectiveDate());
        assertEquals(gbp(0), inTerm.refund());

        var rolling = paidThrough(plan, threeMonth, 4);
        assertEquals(new Period(d("2026-03-30"), d("2026-04-27")), rolling.currentPeriod().orElseThrow());
        var onDeadline = Cancellation.ofSubscription(MEALS, plan, rolling, firstMonth, d("2026-04-20"), Optional.empty());
        assertEquals(d("2026-04-27"), onDeadline.effectiveDate());
        var late = Cancellation.ofSubscription(MEALS, plan, rolling, firstMonth, d("2026-04-21"), Optional.empty());
        assertDecided(late, Outcome.CANCELS_AT_PERIOD_END, "NOTICE_TOO_LATE", "meal-plans 9(c)(1)");
        assertEquals(d("2026-05-25"), late.effectiveDate(), "once paid, a renewal runs to its end");
        assertEquals(d("2026-04-20"), NoticeDeadline.nextDeadline(rolling.currentPeriod().get(), rolling.minimumTermEnd(),
                plan.terms().billing().every(), 5, d("2026-04-01")));
    }

    @Test
    void clause_12_b_goodwill_cancellation_charged_at_the_standard_1_month_rate_pro_rata() {
        var operator = new Requester.Operator("op-7", Optional.of("Medical advice to stop the diet"));
        var decision = GoodwillCancellationCharge.decide(MEALS, plan(MEALS, "3-month"), false, d("2026-01-05"), gbp(31800), d("2026-02-16"), operator);
        assertDecided(decision, Outcome.CANCELLED_WITH_REFUND, "GOODWILL_CANCELLATION", "meal-plans 12(b)");
        assertEquals(gbp(1950), decision.refund(), "42 days at 19900 per 28 days = 29850, of 31800 paid");
        var shortfall = GoodwillCancellationCharge.decide(MEALS, plan(MEALS, "3-month"), false, d("2026-01-05"), gbp(15900), d("2026-02-16"), operator);
        assertEquals(gbp(13950), shortfall.totalCharges());
        assertDecided(GoodwillCancellationCharge.decide(MEALS, plan(MEALS, "3-month"), false, d("2026-01-05"), gbp(31800), d("2026-02-16"), Requester.customer()),
                Outcome.REFUSED, "OPERATOR_DECISION_REQUIRED", "meal-plans 12(b)");
    }

    @Test
    void clause_14_a_customers_are_over_18() {
        var refusal = Eligibility.check(MEALS, Optional.of(d("2008-06-01")), Optional.empty(), d("2026-03-01"));
        assertDecided(refusal.orElseThrow().decision(), Outcome.REFUSED, "UNDER_MINIMUM_AGE", "meal-plans 14(a)");
        assertTrue(Eligibility.check(MEALS, Optional.of(d("2008-03-01")), Optional.empty(), d("2026-03-01")).isEmpty());
    }
}
