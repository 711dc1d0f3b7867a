package com.termwise.domain;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.rules.*;
import com.termwise.domain.subscription.SubscriptionState;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static com.termwise.domain.DecisionAssertions.assertDecided;
import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** course-provider: one scenario per clause, asserting what the student sees. */
class CourseProviderTermsTest {

    static final Money FEE = gbp(29500);
    final com.termwise.domain.catalog.Plan speaking = plan(PROVIDER, "course:public-speaking");
    final PurchaseFacts bought = facts(d("2026-03-10"), FEE);

    @Test
    void clause_3_2_students_are_at_least_13() {
        var refusal = Eligibility.check(PROVIDER, Optional.of(d("2013-03-11")), Optional.of(true), d("2026-03-10"));
        assertTrue(refusal.isPresent());
        assertEquals("customer.birthDate", refusal.get().field());
        assertDecided(refusal.get().decision(), Outcome.REFUSED, "UNDER_MINIMUM_AGE", "course-provider 3.2");
        assertTrue(Eligibility.check(PROVIDER, Optional.of(d("2013-03-10")), Optional.of(true), d("2026-03-10")).isEmpty(), "13 today");
        assertEquals("customer.birthDate", Eligibility.check(PROVIDER, Optional.empty(), Optional.empty(), d("2026-03-10")).orElseThrow().field());
    }

    @Test
    void clause_3_3_under_18_needs_parental_permission() {
        var refusal = Eligibility.check(PROVIDER, Optional.of(d("2010-06-01")), Optional.empty(), d("2026-03-10"));
        assertEquals("consents.parentalConsent", refusal.orElseThrow().field());
        assertDecided(refusal.get().decision(), Outcome.REFUSED, "PARENTAL_CONSENT_REQUIRED", "course-provider 3.3");
        assertTrue(Eligibility.check(PROVIDER, Optional.of(d("2010-06-01")), Optional.of(true), d("2026-03-10")).isEmpty());
        assertTrue(Eligibility.check(PROVIDER, Optional.of(d("2008-03-10")), Optional.empty(), d("2026-03-10")).isEmpty(), "18 today");
    }

    @Test
    void clause_4_3_self_study_access_for_a_year_and_anonymisation_after_12_months_without_access() {
        var access = speaking.terms().access().orElseThrow();
        assertEquals("course-provider 4.3", access.clause().toString());
        var ends = AccessWindow.endsOn(access, d("2026-03-10"), Optional.empty());
        assertEquals(Optional.of(d("2027-03-10")), ends, "access on 2027-03-09 is the last day");
        assertEquals(d("2028-03-10"), AccessWindow.anonymiseOn(PROVIDER.rules().inactivity().orElseThrow(), ends.get()));
    }

    @Test
    void clause_5_1_the_service_suspended_with_reasonable_notice_or_at_once_for_emergency_maintenance_12_3() {
        var rule = PROVIDER.rules().serviceSuspension().orElseThrow();
        var zero = gbp(0);
        // announced on Thu 24 Dec 2026: Christmas Day and Boxing Day (moved to Mon 28) are not working days
        var today = d("2026-12-24");
        assertEquals(d("2027-01-05"), OperationalSuspension.earliestWithNotice(rule, today), "5 working days: 29, 30, 31 Dec (1 Jan is a holiday), 4, 5 Jan");
        var window = new Period(d("2026-12-31"), d("2027-01-02"));
        assertDecided(OperationalSuspension.decide(rule, "Public Speaking", window, false, "a fix", Optional.empty(), today, zero),
                Outcome.REFUSED, "SHORT_NOTICE", "course-provider 5.1");
        var emergency = OperationalSuspension.decide(rule, "Public Speaking", window, true, "a fix", Optional.empty(), today, zero);
        assertDecided(emergency, Outcome.SUSPENDED, "SERVICE_SUSPENDED", "course-provider 5.1");
        assertDecided(emergency, Outcome.SUSPENDED, "EMERGENCY_MAINTENANCE", "course-provider 12.3");
        assertEquals(d("2026-12-31"), emergency.effectiveDate());
        assertEquals(zero, emergency.refund());
        assertTrue(emergency.charges().isEmpty(), "nothing is charged or refunded (5.1)");
        var withNotice = new Period(d("2027-01-05"), d("2027-01-07"));
        assertDecided(OperationalSuspension.decide(rule, "Public Speaking", withNotice, false, "a fix", Optional.empty(), today, zero),
                Outcome.SUSPENDED, "SERVICE_SUSPENDED", "course-provider 5.1");
        assertDecided(OperationalSuspension.decide(rule, "Public Speaking", withNotice, false, "a fix", Optional.of(window.extendedBy(4)), today, zero),
                Outcome.REFUSED, "ALREADY_SUSPENDED", "course-provider 5.1");
        assertEquals(Outcome.SUSPENDED, OperationalSuspension.decide(rule, "Public Speaking", withNotice, false, "a fix", Optional.of(window), today, zero).outcome(),
                "one that has come back by then does not stand in the way");
    }

    @Test
    void clause_19_1_full_fee_paid_before_the_course_starts_in_gbp() {
        assertEquals("GBP", PROVIDER.currency().getCurrencyCode());
        var machine = new OrderStateMachine(PROVIDER);
        var order = new Order("ord-9", "cust-1", "course-provider", TERMS, speaking.id(), OrderState.PENDING_PAYMENT, FEE, gbp(0), gbp(0),
                false, Optional.empty(), d("2026-03-09"), Optional.empty(), Optional.empty(), Consents.none(), 0);
        var accepted = machine.apply(order, new OrderStateMachine.Event.PaymentSucceeded(FEE, d("2026-03-10"), Optional.empty()));
        assertEquals(OrderState.ACCEPTED, accepted.order().state());
        assertEquals(Optional.of(d("2026-03-10")), accepted.order().contractDate(), "contract on access, given on payment");
        assertEquals("course-provider 19.1.1", accepted.outbox().getFirst().clause().toString());
    }

    @Test
    void clause_19_2_promotions_at_a_discount_withdrawable_and_not_transferable() {
        var offer = Promotion.create(PROVIDER, "STUDENT20", 20, Optional.of(60), Optional.of("cust-1"), d("2026-03-01"));
        assertEquals(gbp(23600), offer.apply(FEE));
        assertDecided(offer.check(PROVIDER, "cust-1", d("2026-03-10")), Outcome.ACCEPTED, "OFFER_VALID", "course-provider 19.2");
        assertDecided(offer.check(PROVIDER, "cust-2", d("2026-03-10")), Outcome.REFUSED, "OFFER_NOT_TRANSFERABLE", "course-provider 19.2");
        assertDecided(offer.withdraw(d("2026-03-05")).check(PROVIDER, "cust-1", d("2026-03-10")), Outcome.REFUSED, "OFFER_WITHDRAWN", "course-provider 19.2");
    }

    @Test
    void clause_19_3_7_unjustified_chargeback_owes_amount_costs_and_25_pound_fee_within_7_days() {
        var claim = ChargebackClaim.claim(PROVIDER, FEE, gbp(1500), d("2026-04-01"));
        assertDecided(claim, Outcome.AMOUNT_OWED, "CHARGEBACK_OWED", "course-provider 19.3.7");
        assertEquals(gbp(29500 + 1500 + 2500), claim.totalCharges());
        assertEquals(d("2026-04-08"), claim.effectiveDate(), "due within 7 days of the written request");
    }

    @Test
    void clause_19_3_8_service_suspended_while_money_is_owed() {
        var claim = ChargebackClaim.claim(PROVIDER, FEE, gbp(0), d("2026-04-01"));
        assertDecided(claim, Outcome.AMOUNT_OWED, "SUSPENDED_WHILE_OWED", "course-provider 19.3.8");
        // the same rule holds a membership's enrolments while a balance is owed
        var membership = active(ONLINE, "annual", d("2026-01-05"));
        var withRule = new com.termwise.domain.catalog.Catalog(ONLINE.id(), ONLINE.version(), ONLINE.name(), ONLINE.trader(), ONLINE.termsDocument(), ONLINE.currency(),
                PROVIDER.rules(), ONLINE.plans(), ONLINE.coursePurchaseTerms(), ONLINE.courses());
        assertDecided(EnrolmentPolicy.decide(withRule, plan(ONLINE, "annual"), membership, ONLINE.course("copywriting").orElseThrow(),
                java.util.List.of(), gbp(3500), d("2026-04-02")), Outcome.REFUSED, "MONEY_OWED", "course-provider 19.3.8");
        assertEquals(SubscriptionState.SUSPENDED, com.termwise.domain.subscription.SubscriptionStateMachine.apply(membership,
                new com.termwise.domain.subscription.SubscriptionEvent.Suspended(d("2026-04-01"))).state());
    }

    @Test
    void clause_19_4_2_cancel_without_reason_until_14_days_after_the_contract_day() {
        var last = Cancellation.ofOrder(PROVIDER, speaking, bought, d("2026-03-24"), Optional.empty());
        assertDecided(last, Outcome.CANCELLED_WITH_REFUND, "WITHIN_CANCELLATION_PERIOD", "course-provider 19.4.2");
        assertEquals(FEE, last.refund());
        assertDecided(Cancellation.ofOrder(PROVIDER, speaking, bought, d("2026-03-25"), Optional.empty()),
                Outcome.REFUSED, "CANCELLATION_PERIOD_ENDED", "course-provider 19.4.2");
    }

    @Test
    void clause_19_4_3_begun_at_customer_request_fully_performed_loses_right_partly_performed_pays_proportion() {
        var quarter = bought.withProgress(25).withConsents(Consents.beginEarly(true));
        var partial = Cancellation.ofOrder(PROVIDER, speaking, quarter, d("2026-03-17"), Optional.empty());
        assertDecided(partial, Outcome.CANCELLED_WITH_REFUND, "PROPORTIONATE_PAYMENT", "course-provider 19.4.3");
        assertEquals(gbp(22125), partial.refund(), "29500 less 25% (7375)");
        assertEquals(gbp(7375), partial.totalCharges());

        var done = bought.withProgress(100).withConsents(Consents.beginEarly(true));
        assertDecided(Cancellation.ofOrder(PROVIDER, speaking, done, d("2026-03-17"), Optional.empty()),
                Outcome.REFUSED, "FULLY_PERFORMED", "course-provider 19.4.3");

        var notAsked = bought.withProgress(25);
        var full = Cancellation.ofOrder(PROVIDER, speaking, notAsked, d("2026-03-17"), Optional.empty());
        assertDecided(full, Outcome.CANCELLED_WITH_REFUND, "NOT_REQUESTED_EARLY_START", "CCR 2013 reg 36");
        assertEquals(FEE, full.refund());
    }

    @Test
    void clause_19_4_5_otherwise_a_full_refund() {
        var decision = RefundQuote.quote(PROVIDER, speaking, bought, d("2026-03-12"), Requester.customer());
        assertDecided(decision, Outcome.REFUNDED, "FULL_REFUND", "course-provider 19.4.5");
        assertEquals(FEE, decision.refund());
    }

    @Test
    void clause_19_5_course_cancelled_by_the_provider_refunds_the_incomplete_part() {
        var decision = UnusedServiceRefund.courseWithdrawn(PROVIDER, FEE, 40, d("2026-05-01"));
        assertDecided(decision, Outcome.PARTIALLY_REFUNDED, "COURSE_WITHDRAWN", "course-provider 19.5");
        assertEquals(gbp(17700), decision.refund());
        assertEquals(gbp(29500), UnusedServiceRefund.courseWithdrawn(PROVIDER, FEE, 0, d("2026-05-01")).refund());
        assertEquals(Outcome.REFUSED, UnusedServiceRefund.courseWithdrawn(PROVIDER, FEE, 100, d("2026-05-01")).outcome());
    }

    @Test
    void clause_19_6_refund_by_the_same_method_within_14_days_of_being_told() {
        var decision = Cancellation.ofOrder(PROVIDER, speaking, bought, d("2026-03-20"), Optional.empty());
        assertDecided(decision, Outcome.CANCELLED_WITH_REFUND, "REFUND_DEADLINE", "course-provider 19.6");
        assertEquals(Optional.of(d("2026-04-03")), decision.refundDueBy());
    }
}
