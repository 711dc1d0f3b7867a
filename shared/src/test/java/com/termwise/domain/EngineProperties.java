package com.termwise.domain;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.money.Apportionment;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.rules.*;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionStateMachine;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** The invariants the engine keeps for every input, not just the examples. */
class EngineProperties {

    static final LocalDate BASE = LocalDate.of(2026, 1, 1);

    @Property
    void a_pro_rata_refund_never_exceeds_what_was_paid_and_refund_plus_deduction_is_what_was_paid(
            @ForAll @LongRange(min = 0, max = 10_000_000_00L) long paid, @ForAll @IntRange(min = 0, max = 4000) int used,
            @ForAll @IntRange(min = 1, max = 4000) int total) {
        var split = Apportionment.customerBears(Money.gbp(paid), used, total);
        assertTrue(split.refund().amount() >= 0 && split.refund().compareTo(split.paid()) <= 0);
        assertEquals(Money.gbp(paid), split.refund().plus(split.deduction()));
    }

    @Provide
    Arbitrary<PurchaseFacts> purchases() {
        var day = Arbitraries.integers().between(0, 700).map(BASE::plusDays);
        var paid = Arbitraries.longs().between(1, 500_00);
        var progress = Arbitraries.integers().between(0, 100).list().ofMaxSize(4);
        var consents = Arbitraries.of(Consents.none(), Consents.beginEarly(false), Consents.beginEarly(true));
        return Combinators.combine(day, paid, progress, consents, Arbitraries.of(true, false), Arbitraries.integers().between(0, 2))
                .as((d, p, pr, c, discounted, renewals) -> new PurchaseFacts(d, d, Optional.of(d), Optional.of(d.plusDays(3)), c,
                        pr, discounted, !discounted, renewals, Money.gbp(p), Money.gbp(Math.min(p, 995)), Money.gbp(Math.min(p, 495))));
    }

    @Property
    void refunds_never_exceed_what_was_paid_and_every_decision_has_reasons(
            @ForAll("purchases") PurchaseFacts facts, @ForAll @IntRange(min = 0, max = 60) int daysLater,
            @ForAll("plans") String catalogAndPlan) {
        var catalog = CATALOGS.inForce(catalogAndPlan.split("/")[0], TERMS).orElseThrow();
        var plan = catalog.plan(catalogAndPlan.split("/")[1]).orElseThrow();
        var today = facts.purchasedOn().plusDays(daysLater);
        for (Decision d : List.of(
                RefundQuote.quote(catalog, plan, facts, today, Requester.customer()),
                RefundQuote.quote(catalog, plan, facts, today, new Requester.Operator("op", Optional.of("wrong price"))),
                Cancellation.ofOrder(catalog, plan, facts, today, Optional.empty()))) {
            assertTrue(d.refund().compareTo(facts.paid()) <= 0, () -> d + " refunds more than " + facts.paid());
            assertFalse(d.reasons().isEmpty());
            d.reasons().forEach(r -> assertTrue(r.clause().source().equals(catalog.id()) || r.clause().source().equals("CCR 2013"), r::toString));
            assertTrue(d.refund().plus(d.charges().stream().filter(c -> c.kind() == com.termwise.domain.decision.Charge.Kind.PROPORTIONATE_PAYMENT)
                    .map(c -> c.amount()).reduce(Money.gbp(0), Money::plus)).compareTo(facts.paid()) <= 0);
        }
    }

    @Provide
    Arbitrary<String> plans() {
        return Arbitraries.of("online-courses/annual", "online-courses/lifetime-prime", "online-courses/course:copywriting",
                "online-courses/course:masterclass-in-ux-research", "course-provider/course:leadership",
                "meal-plans/1-month", "meal-plans/3-month", "meal-plans/4-month");
    }

    @Property
    void every_notice_deadline_is_a_working_day_at_least_n_working_days_before_the_date_it_protects(
            @ForAll @IntRange(min = 0, max = 365 * 5) int offset, @ForAll @IntRange(min = 1, max = 10) int n) {
        var protectedDate = BASE.plusDays(offset);
        var deadline = NoticeDeadline.before(protectedDate, n);
        assertTrue(BusinessCalendar.isWorkingDay(deadline), deadline + " is not a working day");
        assertEquals(n, BusinessCalendar.workingDaysBetween(deadline, protectedDate), "exactly n working days from the deadline up to the date");
        assertTrue(BusinessCalendar.workingDaysBetween(deadline.plusDays(1), protectedDate) < n, "the deadline is the latest such day");
    }

    @Property
    void renewal_dates_move_forward_by_the_plans_interval_unless_delayed(
            @ForAll("recurringPlans") String catalogAndPlan, @ForAll @IntRange(min = 0, max = 700) int startOffset,
            @ForAll("delays") List<Integer> delays) {
        var catalog = CATALOGS.inForce(catalogAndPlan.split("/")[0], TERMS).orElseThrow();
        var plan = catalog.plan(catalogAndPlan.split("/")[1]).orElseThrow();
        var s = active(catalog, plan.id(), BASE.plusDays(startOffset));
        for (int delay : delays) {
            if (delay > 0) s = SubscriptionStateMachine.apply(s, new SubscriptionEvent.NextDeliveryDelayed(delay));
            var before = s.currentPeriod().orElseThrow();
            var next = RenewalSchedule.atPeriodEnd(plan, s, before.end());
            assertEquals(before.end(), next.effectiveDate());
            s = paidThrough(plan, s, s.cycle() + 1);
            var after = s.currentPeriod().orElseThrow();
            assertEquals(before.end(), after.start());
            assertEquals(plan.terms().billing().every().after(after.start()), after.end());
        }
    }

    @Provide
    Arbitrary<String> recurringPlans() {
        return Arbitraries.of("online-courses/annual", "online-courses/one-course", "meal-plans/1-month-repeat", "meal-plans/3-month", "meal-plans/4-month");
    }

    @Provide
    Arbitrary<List<Integer>> delays() {
        return Arbitraries.integers().between(0, 21).list().ofMinSize(1).ofMaxSize(6);
    }

    @Example
    void a_decision_without_a_reason_cannot_exist() {
        assertThrows(IllegalArgumentException.class, () -> Decision.refused(BASE, Money.gbp(0), List.of()));
    }

    /**
     * meal-plans 9(c)(1), for any history: whatever a meal plan went through (renewals, delivery delays that move its
     * billing, a downgrade), the deadline shown is a working day, not passed, and has at least the notice's working
     * days between it and the renewal shown with it, which is a period end no earlier than the current one.
     */
    @Property(tries = 300)
    void a_notice_deadline_shown_protects_the_renewal_shown_with_it(@ForAll @IntRange(min = 0, max = 700) int boughtAfter,
            @ForAll @IntRange(min = 1, max = 15) int cycles, @ForAll("histories") List<Integer> history, @ForAll @IntRange(min = 0, max = 27) int daysIn) {
        var bought = BASE.plusDays(boughtAfter);
        var plan = plan(MEALS, "3-month");
        var s = paidThrough(plan, active(MEALS, "3-month", bought), cycles);
        for (int step : history) {
            var now = s;
            boolean termServed = now.minimumTermEnd().map(m -> !m.isAfter(now.currentPeriod().orElseThrow().start())).orElse(true);
            s = switch (step) {
                case 0 -> paidThrough(plan(MEALS, now.planId()), now, now.cycle() + 1);
                case 1, 2, 3, 4, 5, 6, 7 -> SubscriptionStateMachine.apply(now, new SubscriptionEvent.NextDeliveryDelayed(step));
                default -> termServed ? SubscriptionStateMachine.apply(now, new SubscriptionEvent.PlanSwitched("1-month-repeat",
                        plan(MEALS, "1-month-repeat").priceFor(false), Optional.empty())) : now;
            };
        }
        var period = s.currentPeriod().orElseThrow();
        var today = period.start().plusDays(Math.min(daysIn, period.days() - 1));
        var rule = plan(MEALS, s.planId()).terms().cancelAtPeriodEnd().orElseThrow();
        var shown = NoticeDeadline.next(period, s.minimumTermEnd(), plan(MEALS, s.planId()).terms().billing().every(), rule.noticeWorkingDays(), today);
        assertTrue(BusinessCalendar.isWorkingDay(shown.deadline()), () -> shown + " on a day that is not a working day");
        assertFalse(shown.deadline().isBefore(today), () -> shown + " already passed on " + today);
        assertTrue(BusinessCalendar.workingDaysBetween(shown.deadline().plusDays(1), shown.renewal()) >= rule.noticeWorkingDays() - 1
                && BusinessCalendar.workingDaysBefore(shown.renewal(), rule.noticeWorkingDays()).equals(shown.deadline()),
                () -> shown + ": fewer than " + rule.noticeWorkingDays() + " working days' notice");
        assertFalse(shown.renewal().isBefore(period.end()), () -> shown + " protects a renewal before " + period.end());
    }

    @Provide
    Arbitrary<List<Integer>> histories() {
        return Arbitraries.integers().between(0, 8).list().ofMaxSize(8);
    }
}
