package com.termwise.domain;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.rules.*;
import com.termwise.domain.subscription.*;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.termwise.domain.DecisionAssertions.assertDecided;
import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** online-courses: one scenario per clause, asserting what the customer sees. */
class OnlineCoursesTermsTest {

    static final Money ANNUAL = gbp(14900);
    final Subscription annual = active(ONLINE, "annual", d("2026-01-05"));

    static List<Enrolment> enrolments(int count, int progress) {
        var out = new ArrayList<Enrolment>();
        for (int i = 0; i < count; i++) {
            out.add(new Enrolment("e" + i, "cust-1", "course-" + i, Optional.empty(), Optional.of("sub-1"), progress, d("2026-01-06"), Optional.empty(), 0));
        }
        return out;
    }

    static Subscription apply(Subscription s, SubscriptionEvent... events) {
        for (var e : events) s = SubscriptionStateMachine.apply(s, e);
        return s;
    }

    @Test
    void clause_3_1_purchase_is_confirmed_by_email_only_after_payment() {
        var machine = new OrderStateMachine(ONLINE);
        var order = new Order("ord-1", "cust-1", "online-courses", TERMS, "annual", OrderState.PENDING_PAYMENT, ANNUAL, gbp(0), gbp(0),
                false, Optional.empty(), d("2026-01-05"), Optional.empty(), Optional.empty(), Consents.none(), 0);
        var expired = machine.apply(order, new OrderStateMachine.Event.Cancelled(d("2026-01-05")));
        assertEquals(OrderState.EXPIRED, expired.order().state());
        assertTrue(expired.outbox().isEmpty(), "no confirmation without payment");

        var paid = machine.apply(order, new OrderStateMachine.Event.PaymentSucceeded(ANNUAL, d("2026-01-05"), Optional.empty()));
        assertEquals(OrderState.ACCEPTED, paid.order().state());
        assertEquals(ANNUAL, paid.order().paid());
        assertEquals(1, paid.outbox().size());
        assertEquals(OrderStateMachine.ACCEPTANCE_MAIL, paid.outbox().getFirst().template());
        assertEquals("online-courses 3.1", paid.outbox().getFirst().clause().toString());

        var again = machine.apply(paid.order(), new OrderStateMachine.Event.PaymentSucceeded(ANNUAL, d("2026-01-05"), Optional.empty()));
        assertSame(paid.order(), again.order());
        assertTrue(again.outbox().isEmpty(), "a repeated payment webhook sends no second mail");
    }

    @Test
    void clause_3_4_offers_expire_after_30_days_unless_they_say_otherwise() {
        var offer = Promotion.create(ONLINE, "SPRING", 20, Optional.empty(), Optional.empty(), d("2026-03-01"));
        assertEquals(d("2026-03-31"), offer.expiresOn());
        assertDecided(offer.check(ONLINE, "cust-1", d("2026-03-30")), Outcome.ACCEPTED, "OFFER_VALID", "online-courses 3.4");
        assertDecided(offer.check(ONLINE, "cust-1", d("2026-03-31")), Outcome.REFUSED, "OFFER_EXPIRED", "online-courses 3.4");
        assertEquals(gbp(11920), offer.apply(ANNUAL));

        var week = Promotion.create(ONLINE, "WEEK", 10, Optional.of(7), Optional.empty(), d("2026-03-01"));
        assertDecided(week.check(ONLINE, "cust-1", d("2026-03-08")), Outcome.REFUSED, "OFFER_EXPIRED", "online-courses 3.4");
    }

    @Test
    void clause_10_1_cancel_within_14_days_of_purchase_with_a_full_refund_10_2() {
        var inTime = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual, facts(d("2026-01-05"), ANNUAL), d("2026-01-19"), Optional.empty());
        assertDecided(inTime, Outcome.CANCELLED_WITH_REFUND, "WITHIN_CANCELLATION_PERIOD", "online-courses 10.1");
        assertDecided(inTime, Outcome.CANCELLED_WITH_REFUND, "FULL_REFUND", "online-courses 10.2");
        assertEquals(ANNUAL, inTime.refund());
        assertEquals(d("2026-01-19"), inTime.effectiveDate());
        assertEquals(Optional.of(d("2026-02-02")), inTime.refundDueBy(), "CCR 2013 reg 34: within 14 days");

        var late = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual, facts(d("2026-01-05"), ANNUAL), d("2026-01-20"), Optional.empty());
        assertDecided(late, Outcome.CANCELS_AT_PERIOD_END, "CANCELLATION_PERIOD_ENDED", "online-courses 10.1");
        assertEquals(gbp(0), late.refund());
    }

    @Test
    void clause_10_1_starting_a_course_ends_the_right_only_with_consent_and_acknowledgement() {
        var started = facts(d("2026-01-05"), ANNUAL).withProgress(5);
        var withConsent = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual,
                started.withConsents(Consents.beginEarly(true, d("2026-01-05"))), d("2026-01-08"), Optional.empty());
        assertDecided(withConsent, Outcome.CANCELS_AT_PERIOD_END, "CONTENT_STARTED", "online-courses 10.1");
        assertDecided(withConsent, Outcome.CANCELS_AT_PERIOD_END, "WAIVER_CONFIRMED", "CCR 2013 reg 37");
        assertTrue(withConsent.reasons().get(1).message().contains("Monday 5 January 2026"), withConsent.toString());
        assertEquals(gbp(0), withConsent.refund());

        // reg 37(1)(c): asked and acknowledged, but never confirmed on a durable medium: the right stands
        var unconfirmed = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual,
                started.withConsents(Consents.beginEarly(true)), d("2026-01-08"), Optional.empty());
        assertDecided(unconfirmed, Outcome.CANCELLED_WITH_REFUND, "STATUTORY_RIGHT_KEPT", "CCR 2013 reg 37");
        assertEquals(ANNUAL, unconfirmed.refund());

        var withoutAcknowledgement = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual,
                started.withConsents(Consents.beginEarly(false)), d("2026-01-08"), Optional.empty());
        assertDecided(withoutAcknowledgement, Outcome.CANCELLED_WITH_REFUND, "STATUTORY_RIGHT_KEPT", "CCR 2013 reg 37");
        assertEquals(ANNUAL, withoutAcknowledgement.refund());
    }

    @Test
    void clause_10_2_no_refund_after_an_annual_auto_renewal() {
        var renewed = paidThrough(plan(ONLINE, "annual"), annual, 2);
        assertEquals(1, renewed.renewals());
        var facts = facts(d("2026-01-05"), ANNUAL).withRenewals(renewed.renewals(), ANNUAL);
        var quote = RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), facts, d("2027-01-08"), Requester.customer());
        assertDecided(quote, Outcome.REFUSED, "RENEWED_NOT_REFUNDABLE", "online-courses 10.2");
        assertEquals(gbp(0), quote.refund());
    }

    @Test
    void clause_11_2_at_most_30_courses_in_progress_and_a_new_one_only_after_finishing_one() {
        var course = ONLINE.course("excel-essentials").orElseThrow();
        var thirty = enrolments(30, 10);
        var full = EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), annual, course, thirty, gbp(0), d("2026-02-01"));
        assertDecided(full, Outcome.REFUSED, "COURSE_CAP_REACHED", "online-courses 11.2");

        var oneFinished = new ArrayList<>(thirty);
        oneFinished.set(0, new Enrolment("e0", "cust-1", "course-0", Optional.empty(), Optional.of("sub-1"), 100, d("2026-01-06"), Optional.empty(), 0));
        var enrolled = EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), annual, course, oneFinished, gbp(0), d("2026-02-01"));
        assertDecided(enrolled, Outcome.ENROLLED, "WITHIN_COURSE_CAP", "online-courses 11.2");
    }

    @Test
    void clause_11_2_subscription_does_not_cover_awarding_body_courses_bundles_or_career_paths() {
        for (var id : List.of("level-3-diploma-in-accounting", "business-admin-bundle", "data-analyst-career-path")) {
            var refused = EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), annual, ONLINE.course(id).orElseThrow(), List.of(), gbp(0), d("2026-02-01"));
            assertDecided(refused, Outcome.REFUSED, "NOT_COVERED", "online-courses 11.2");
        }
    }

    @Test
    void clause_11_3_an_unavailable_course_cannot_be_enrolled_in() {
        var course = ONLINE.course("travel-and-tourism").orElseThrow();
        assertFalse(course.available());
        var refused = EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), annual, course, List.of(), gbp(0), d("2026-02-01"));
        assertDecided(refused, Outcome.REFUSED, "COURSE_UNAVAILABLE", "online-courses 11.3");
    }

    @Test
    void clause_11_4_a_discounted_annual_subscription_is_not_refundable_but_the_statutory_period_stands() {
        var discounted = facts(d("2026-01-05"), gbp(9900)).withDiscount(true, false);
        var later = RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), discounted, d("2026-02-10"), Requester.customer());
        assertDecided(later, Outcome.REFUSED, "DISCOUNTED_NOT_REFUNDABLE", "online-courses 11.4");

        var early = RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), discounted, d("2026-01-10"), Requester.customer());
        assertDecided(early, Outcome.REFUNDED, "STATUTORY_RIGHT_OVERRIDES_EXCLUSION", "CCR 2013 reg 29");
        assertEquals(gbp(9900), early.refund());
    }

    @Test
    void clause_11_5_no_refund_once_half_of_two_or_more_courses_is_completed() {
        var two = facts(d("2026-01-05"), ANNUAL).withProgress(60, 50);
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), two, d("2026-03-01"), Requester.customer()),
                Outcome.REFUSED, "COURSES_HALF_COMPLETED", "online-courses 11.5");
        var one = facts(d("2026-01-05"), ANNUAL).withProgress(60, 49);
        assertFalse(RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), one, d("2026-03-01"), Requester.customer()).hasReason("COURSES_HALF_COMPLETED"));
    }

    @Test
    void clause_11_6_and_13_1_annual_auto_renews_yearly_until_cancelled_and_can_be_cancelled_any_time() {
        var renewal = RenewalSchedule.atPeriodEnd(plan(ONLINE, "annual"), annual, d("2027-01-05"));
        assertDecided(renewal, Outcome.RENEWS, "AUTO_RENEWAL", "online-courses 11.6");
        assertEquals(d("2027-01-05"), renewal.effectiveDate());
        assertEquals(ANNUAL, renewal.totalCharges());
        assertEquals(Optional.of(d("2027-01-05")), RenewalSchedule.nextRenewalDate(plan(ONLINE, "annual").terms(), annual));

        var cancel = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual, facts(d("2026-01-05"), ANNUAL), d("2026-12-31"), Optional.empty());
        assertDecided(cancel, Outcome.CANCELS_AT_PERIOD_END, "ENDS_AT_PERIOD_END", "online-courses 13.1");
        assertEquals(d("2027-01-05"), cancel.effectiveDate());
        var cancelling = apply(annual, new SubscriptionEvent.CancellationScheduled(cancel.effectiveDate()));
        assertDecided(RenewalSchedule.atPeriodEnd(plan(ONLINE, "annual"), cancelling, d("2027-01-05")), Outcome.ENDS,
                "CANCELLED_AT_PERIOD_END", "online-courses 13.1");
    }

    @Test
    void clause_12_1_exclusive_course_cancel_within_14_days_of_delivery_with_a_reason() {
        var exclusive = plan(ONLINE, "course:masterclass-in-ux-research");
        var bought = new PurchaseFacts(d("2026-01-05"), d("2026-01-05"), Optional.of(d("2026-01-10")), Optional.empty(), Consents.none(),
                List.of(), false, false, 0, gbp(11900), gbp(0), gbp(0));
        var noReason = Cancellation.ofOrder(ONLINE, exclusive, bought, d("2026-01-22"), Optional.empty());
        assertDecided(noReason, Outcome.REFUSED, "REASON_REQUIRED", "online-courses 12.1(1)");
        var withReason = Cancellation.ofOrder(ONLINE, exclusive, bought, d("2026-01-22"), Optional.of("Not what was described"));
        assertDecided(withReason, Outcome.CANCELLED_WITH_REFUND, "WITHIN_CANCELLATION_PERIOD", "online-courses 12.1(1)");
        assertEquals(gbp(11900), withReason.refund());
        var tooLate = Cancellation.ofOrder(ONLINE, exclusive, bought, d("2026-01-25"), Optional.of("Changed my mind"));
        assertDecided(tooLate, Outcome.REFUSED, "CANCELLATION_PERIOD_ENDED", "online-courses 12.1(1)");
        // statute: no reason is needed within 14 days of the contract (CCR 2013 reg 29)
        assertDecided(Cancellation.ofOrder(ONLINE, exclusive, bought, d("2026-01-12"), Optional.empty()),
                Outcome.CANCELLED_WITH_REFUND, "NO_REASON_NEEDED", "CCR 2013 reg 29");
    }

    @Test
    void clause_13_2_after_cancelling_access_continues_to_the_end_of_the_billing_period() {
        var cancel = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual, facts(d("2026-01-05"), ANNUAL), d("2026-06-01"), Optional.empty());
        assertDecided(cancel, Outcome.CANCELS_AT_PERIOD_END, "ACCESS_UNTIL_PERIOD_END", "online-courses 13.2");
        var access = plan(ONLINE, "annual").terms().access().orElseThrow();
        assertEquals(Optional.of(d("2027-01-05")), AccessWindow.endsOn(access, d("2026-06-01"), Optional.of(cancel.effectiveDate())));
    }

    @Test
    void clause_13_3_no_new_course_after_cancelling() {
        var cancelling = apply(annual, new SubscriptionEvent.CancellationScheduled(d("2027-01-05")));
        var refused = EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), cancelling, ONLINE.course("excel-essentials").orElseThrow(),
                List.of(), gbp(0), d("2026-06-02"));
        assertDecided(refused, Outcome.REFUSED, "MEMBERSHIP_CANCELLED", "online-courses 13.3");
    }

    @Test
    void clause_14_3_pause_or_switch_to_a_lower_cost_plan() {
        var pause = PauseDecision.pause(plan(ONLINE, "annual"), annual, d("2026-03-01"));
        assertDecided(pause, Outcome.PAUSED, "PAUSED", "online-courses 14.3");
        var paused = apply(annual, new SubscriptionEvent.Paused(d("2026-03-01")));
        assertEquals(SubscriptionState.PAUSED, paused.state());
        var resume = PauseDecision.resume(plan(ONLINE, "annual"), paused, d("2026-03-11"));
        assertDecided(resume, Outcome.RESUMED, "RESUMED", "online-courses 14.3");
        var resumed = apply(paused, new SubscriptionEvent.Resumed(d("2026-03-11")));
        assertEquals(new Period(d("2026-01-05"), d("2027-01-15")), resumed.currentPeriod().orElseThrow(), "10 days paused are added");

        var downgrade = PlanSwitch.decide(plan(ONLINE, "annual"), plan(ONLINE, "one-course"), annual, false, d("2026-03-01"));
        assertEquals(Outcome.CHANGES_AT_PERIOD_END, downgrade.outcome());
        var upgrade = PlanSwitch.decide(plan(ONLINE, "annual"), plan(ONLINE, "lifetime-prime"), annual, false, d("2026-03-01"));
        assertDecided(upgrade, Outcome.REFUSED, "PLAN_CHANGE_NOT_OFFERED", "online-courses 14.10");
    }

    @Test
    void clause_14_8_termination_by_the_business_reimburses_what_was_paid_in_advance() {
        var refund = UnusedServiceRefund.businessTermination(ONLINE, plan(ONLINE, "annual"), annual.currentPeriod().orElseThrow(), ANNUAL, d("2026-07-06"));
        assertDecided(refund, Outcome.PARTIALLY_REFUNDED, "SERVICE_TERMINATED", "online-courses 14.8");
        // 182 of 365 days used: the customer bears floor(14900 * 182 / 365) = 7429, so 7471 comes back
        assertEquals(gbp(7471), refund.refund());
    }

    @Test
    void clause_14_9_renewing_after_cancelling_returns_to_the_previous_plan() {
        var withDowngrade = apply(annual, new SubscriptionEvent.ChangeScheduled(
                new ScheduledChange(ScheduledChange.Kind.PLAN_CHANGE, d("2027-01-05"), "one-course", 5900)));
        var cancelled = apply(withDowngrade, new SubscriptionEvent.CancellationScheduled(d("2027-01-05")),
                new SubscriptionEvent.PeriodEnded(d("2027-01-05")));
        assertEquals(SubscriptionState.CANCELLED, cancelled.state());
        var back = apply(cancelled, new SubscriptionEvent.Rejoined(d("2027-06-01"), new Period(d("2027-06-01"), d("2028-06-01")), ANNUAL));
        assertEquals(SubscriptionState.ACTIVE, back.state());
        assertEquals("annual", back.planId());
        assertTrue(plan(ONLINE, "annual").terms().rejoin().isPresent());
        assertEquals("online-courses 14.9", plan(ONLINE, "annual").terms().rejoin().get().clause().toString());
    }

    @Test
    void clause_14_10_and_14_11_switch_to_one_course_plan_takes_effect_at_term_end_with_benefits_until_then() {
        var decision = PlanSwitch.decide(plan(ONLINE, "annual"), plan(ONLINE, "one-course"), annual, false, d("2026-03-01"));
        assertDecided(decision, Outcome.CHANGES_AT_PERIOD_END, "SWITCH_AT_TERM_END", "online-courses 14.10");
        assertEquals(d("2027-01-05"), decision.effectiveDate());
        var scheduled = apply(annual, new SubscriptionEvent.ChangeScheduled(
                new ScheduledChange(ScheduledChange.Kind.PLAN_CHANGE, decision.effectiveDate(), "one-course", 5900)));
        assertEquals("annual", scheduled.planId(), "annual benefits until the term ends");
        var renewed = paidThrough(plan(ONLINE, "annual"), scheduled, 2);
        assertEquals("one-course", renewed.planId());
        assertEquals(Optional.of("annual"), renewed.previousPlanId());
    }

    @Test
    void clause_14_13_and_14_14_price_change_notified_in_advance_applies_from_the_next_period() {
        var early = PriceChangeSchedule.forSubscriber(plan(ONLINE, "annual"), annual, gbp(15900), d("2026-11-01"));
        assertDecided(early, Outcome.PRICE_CHANGE_SCHEDULED, "PRICE_CHANGE_NOTICE", "online-courses 14.14");
        assertEquals(d("2027-01-05"), early.effectiveDate());
        var late = PriceChangeSchedule.forSubscriber(plan(ONLINE, "annual"), annual, gbp(15900), d("2026-12-10"));
        assertEquals(d("2028-01-05"), late.effectiveDate(), "less than 30 days' notice before the renewal: the one after");

        var scheduled = apply(annual, new SubscriptionEvent.ChangeScheduled(
                new ScheduledChange(ScheduledChange.Kind.PRICE_CHANGE, early.effectiveDate(), "annual", 15900)));
        assertEquals(gbp(15900), RenewalSchedule.atPeriodEnd(plan(ONLINE, "annual"), scheduled, d("2027-01-05")).totalCharges());
    }

    @Test
    void clause_14_16_no_refund_for_partial_periods() {
        var cancel = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), annual, facts(d("2026-01-05"), ANNUAL), d("2026-06-01"), Optional.empty());
        assertDecided(cancel, Outcome.CANCELS_AT_PERIOD_END, "NO_PARTIAL_PERIOD_REFUND", "online-courses 14.16");
        assertEquals(gbp(0), cancel.refund());
    }

    @Test
    void clause_14_17_refund_for_reasonable_cause_only_as_an_operator_decision_with_a_recorded_reason() {
        var facts = facts(d("2026-01-05"), ANNUAL);
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), facts, d("2026-03-01"), Requester.customer()),
                Outcome.REFUSED, "REFUND_ONLY_FOR_REASONABLE_CAUSE", "online-courses 14.17");
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), facts, d("2026-03-01"), new Requester.Operator("op-1", Optional.empty())),
                Outcome.REFUSED, "RECORDED_REASON_REQUIRED", "online-courses 14.17");
        var granted = RefundQuote.quote(ONLINE, plan(ONLINE, "annual"), facts, d("2026-03-01"),
                new Requester.Operator("op-1", Optional.of("Course content was incorrect")));
        assertDecided(granted, Outcome.REFUNDED, "REASONABLE_CAUSE", "online-courses 14.17");
        assertEquals(ANNUAL, granted.refund());
        assertTrue(granted.reasons().getFirst().message().contains("Course content was incorrect"));
    }

    @Test
    void clause_15_1_and_15_3_lifetime_excludes_awarding_body_and_bundles_and_is_not_refundable_if_promotional_or_discounted() {
        var lifetime = active(ONLINE, "lifetime-prime", d("2026-01-05"));
        assertTrue(lifetime.currentPeriod().isEmpty(), "lifetime has no billing period");
        assertDecided(EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "lifetime-prime"), lifetime, ONLINE.course("creative-design-bundle").orElseThrow(),
                List.of(), gbp(0), d("2026-02-01")), Outcome.REFUSED, "NOT_COVERED", "online-courses 15.1");
        var promo = facts(d("2026-01-05"), gbp(19900)).withDiscount(false, true);
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "lifetime-prime"), promo, d("2026-02-01"), Requester.customer()),
                Outcome.REFUSED, "PROMOTIONAL_NOT_REFUNDABLE", "online-courses 15.1");
        var discounted = facts(d("2026-01-05"), gbp(19900)).withDiscount(true, false);
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "lifetime-prime"), discounted, d("2026-02-01"), Requester.customer()),
                Outcome.REFUSED, "DISCOUNTED_NOT_REFUNDABLE", "online-courses 15.3");
    }

    @Test
    void clause_15_4_lifetime_no_refund_once_half_of_several_courses_completed() {
        var progressed = facts(d("2026-01-05"), gbp(39900)).withProgress(50, 70, 10);
        assertDecided(RefundQuote.quote(ONLINE, plan(ONLINE, "lifetime-prime"), progressed, d("2026-04-01"), Requester.customer()),
                Outcome.REFUSED, "COURSES_HALF_COMPLETED", "online-courses 15.4");
    }

    @Test
    void clause_15_6_lifetime_at_most_30_active_courses() {
        var lifetime = active(ONLINE, "lifetime-prime", d("2026-01-05"));
        assertDecided(EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "lifetime-prime"), lifetime, ONLINE.course("copywriting").orElseThrow(),
                enrolments(30, 20), gbp(0), d("2026-02-01")), Outcome.REFUSED, "COURSE_CAP_REACHED", "online-courses 15.6");
        assertEquals(Outcome.ENROLLED, EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "lifetime-prime"), lifetime,
                ONLINE.course("copywriting").orElseThrow(), enrolments(29, 20), gbp(0), d("2026-02-01")).outcome());
    }

    @Test
    void clause_5_1_and_15_5_account_suspended_or_lifetime_revoked_for_breach() {
        var operator = new Requester.Operator("op-1", Optional.of("Shared login with third parties"));
        var suspend = BreachDecision.decide(plan(ONLINE, "annual"), d("2026-02-01"), operator);
        assertDecided(suspend, Outcome.SUSPENDED, "BREACH_SUSPENSION", "online-courses 5.1");
        var suspended = apply(annual, BreachDecision.event(suspend));
        assertEquals(SubscriptionState.SUSPENDED, suspended.state());
        assertDecided(EnrolmentPolicy.decide(ONLINE, plan(ONLINE, "annual"), suspended, ONLINE.course("copywriting").orElseThrow(),
                List.of(), gbp(0), d("2026-02-02")), Outcome.REFUSED, "ACCOUNT_SUSPENDED", "online-courses 5.1");

        // a suspended member can still leave (14.2: notice by phone or from the profile, accepted in every state): the
        // plan stays suspended, nothing more is charged, and it ends on the day the notice fixes
        var notice = Cancellation.ofSubscription(ONLINE, plan(ONLINE, "annual"), suspended, facts(d("2026-01-05"), ANNUAL), d("2026-02-02"), Optional.empty());
        assertEquals(Outcome.CANCELS_AT_PERIOD_END, notice.outcome(), notice.toString());
        var leaving = apply(suspended, new SubscriptionEvent.CancellationScheduled(notice.effectiveDate()));
        assertEquals(SubscriptionState.SUSPENDED, leaving.state());
        assertEquals(Optional.of(notice.effectiveDate()), RenewalSchedule.nextDue(plan(ONLINE, "annual").terms(), ONLINE.rules().dunning(), leaving));
        assertEquals(SubscriptionState.CANCELLED, apply(leaving, new SubscriptionEvent.PeriodEnded(notice.effectiveDate())).state());
        assertDecided(RenewalSchedule.endsSuspended(plan(ONLINE, "annual"), leaving, notice.effectiveDate()), Outcome.ENDS, "CANCELLED_AT_PERIOD_END", "online-courses 13.1");

        var lifetime = active(ONLINE, "lifetime-prime", d("2026-01-05"));
        var revoke = BreachDecision.decide(plan(ONLINE, "lifetime-prime"), d("2026-02-01"), operator);
        assertDecided(revoke, Outcome.REVOKED, "BREACH_REVOCATION", "online-courses 15.5");
        assertEquals(SubscriptionState.CANCELLED, apply(lifetime, BreachDecision.event(revoke)).state());
        assertEquals(Outcome.REFUSED, BreachDecision.decide(plan(ONLINE, "annual"), d("2026-02-01"), Requester.customer()).outcome());
    }
}
