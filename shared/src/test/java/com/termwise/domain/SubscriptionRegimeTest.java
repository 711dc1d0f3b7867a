package com.termwise.domain;

import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.rules.Cancellation;
import com.termwise.domain.rules.EndOfContractNotice;
import com.termwise.domain.rules.ReminderNotice;
import com.termwise.domain.rules.RenewalCoolingOffPeriod;
import com.termwise.domain.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.termwise.domain.DecisionAssertions.assertDecided;
import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** DMCC 2024 Part 4 Chapter 2, switched on by contract date (regimes/dmcc-2024.yaml; commencement 2027-04-06). */
class SubscriptionRegimeTest {

    static final SubscriptionRegime DMCC = SubscriptionRegime.dmcc();

    @Test
    void the_regime_file_names_its_commencement_and_cites_each_duty_as_a_section_of_the_act() {
        assertEquals(d("2027-04-06"), DMCC.commencement());
        assertEquals("DMCC 2024 s.256", DMCC.preContract().keyInformation().toString());
        assertEquals("DMCC 2024 s.257", DMCC.preContract().acknowledgement().toString());
        assertEquals("DMCC 2024 s.258", DMCC.reminders().clause().toString());
        assertEquals("DMCC 2024 s.260", DMCC.easyExit().toString());
        assertEquals("DMCC 2024 s.261", DMCC.endOfContractNotice().clause().toString());
        assertEquals("DMCC 2024 s.264", DMCC.renewalCoolingOff().clause().toString());
        assertEquals(14, DMCC.renewalCoolingOff().days());
    }

    /** s.254, s.275(3): contracts made from commencement, and only those that renew; a single course, Lifetime Prime and the 1 Month Plan never do. */
    @Test
    void only_renewing_contracts_made_on_or_after_commencement_are_governed_and_one_off_plans_never_are() {
        for (var renewing : List.of(plan(ONLINE, "annual"), plan(MEALS, "3-month"), plan(MEALS, "1-month-repeat"))) {
            assertFalse(DMCC.governs(d("2027-04-05"), renewing.terms()), renewing.id());
            assertTrue(DMCC.governs(d("2027-04-06"), renewing.terms()), renewing.id());
        }
        var singleCourse = PROVIDER.singleCoursePlan(PROVIDER.courses().values().iterator().next()).orElseThrow();
        for (var oneOff : List.of(singleCourse, plan(ONLINE, "lifetime-prime"), plan(MEALS, "1-month"))) {
            assertFalse(DMCC.governs(d("2028-01-01"), oneOff.terms()), oneOff.id() + " does not renew");
        }
        // nothing of the regime reaches them: no reminder, no renewal cooling-off
        var lifetime = active(ONLINE, "lifetime-prime", d("2027-05-03"));
        assertEquals(Optional.empty(), ReminderNotice.sendOn(DMCC, ONLINE.rules(), plan(ONLINE, "lifetime-prime").terms(), lifetime));
        assertEquals(Optional.empty(), RenewalCoolingOffPeriod.window(DMCC, plan(ONLINE, "lifetime-prime"), lifetime, Optional.empty()));
    }

    @Test
    void an_annual_renewal_opens_14_days_from_the_notice_and_a_late_notice_moves_the_window() {
        var annual = plan(ONLINE, "annual");
        var renewed = paidThrough(annual, active(ONLINE, "annual", d("2027-04-12")), 2);
        var window = RenewalCoolingOffPeriod.window(DMCC, annual, renewed, Optional.of(d("2028-04-12"))).orElseThrow();
        assertEquals(d("2028-04-26"), window.lastDay());
        assertEquals(RenewalCoolingOffPeriod.Cause.LONG_RENEWAL, window.cause());
        var late = RenewalCoolingOffPeriod.window(DMCC, annual, renewed, Optional.of(d("2028-04-15"))).orElseThrow();
        assertEquals(d("2028-04-29"), late.lastDay(), "told 3 days late: the 14 days run from the notice");

        var onLastDay = Cancellation.ofSubscription(DMCC, Optional.of(d("2028-04-12")), ONLINE, annual, renewed, facts(d("2027-04-12"), gbp(14900)),
                d("2028-04-26"), Optional.empty());
        assertDecided(onLastDay, Outcome.CANCELLED_WITH_REFUND, "RENEWAL_COOLING_OFF", "DMCC 2024 s.264");
        assertEquals(gbp(14900 - 14900 * 14 / 365), onLastDay.refund(), "14 of 365 days had, rounded down in the customer's favour");
        var dayAfter = Cancellation.ofSubscription(DMCC, Optional.of(d("2028-04-12")), ONLINE, annual, renewed, facts(d("2027-04-12"), gbp(14900)),
                d("2028-04-27"), Optional.empty());
        assertDecided(dayAfter, Outcome.CANCELS_AT_PERIOD_END, "NO_PARTIAL_PERIOD_REFUND", "online-courses 14.16");

        var before = paidThrough(annual, active(ONLINE, "annual", d("2026-04-12")), 3);
        assertEquals(Optional.empty(), RenewalCoolingOffPeriod.window(DMCC, annual, before, Optional.empty()), "a contract of 2026 keeps 10.2 alone");
        assertEquals(Optional.empty(), RenewalCoolingOffPeriod.window(DMCC.commencingOn(d("2026-01-01")), plan(MEALS, "1-month-repeat"),
                paidThrough(plan(MEALS, "1-month-repeat"), active(MEALS, "1-month-repeat", d("2026-04-13")), 3), Optional.empty()),
                "a 28-day renewal is under 12 months: no fresh window");
    }

    /** s.264(2)(b): a discounted first period rolling into full price opens a window too; the reminder before that first full payment is owed (s.258(3)). */
    @Test
    void a_discount_ending_opens_a_cooling_off_window_and_its_first_full_payment_is_reminded() {
        var monthly = plan(MEALS, "1-month-repeat");
        var discounted = com.termwise.domain.subscription.Subscription.written("sub-2", "cust-1", "meal-plans", "1-month-repeat")
                .termsVersion(TERMS).bought(d("2027-05-03"), d("2027-05-03")).price(gbp(19900), gbp(0)).discounted(true).build();
        var active = com.termwise.domain.subscription.SubscriptionStateMachine.apply(discounted, new com.termwise.domain.subscription.SubscriptionEvent.Activated(
                d("2027-05-03"), com.termwise.domain.rules.RenewalSchedule.firstPeriod(monthly.terms(), d("2027-05-03")),
                com.termwise.domain.rules.RenewalSchedule.minimumTermEnd(monthly.terms(), d("2027-05-03")), gbp(9950)));
        assertTrue(ReminderNotice.sendOn(DMCC, MEALS.rules(), monthly.terms(), active).isPresent(), "before the first payment at full price");
        assertEquals(Optional.empty(), RenewalCoolingOffPeriod.window(DMCC, monthly, active, Optional.empty()), "no window in the discounted period itself");
        var fullPrice = paidThrough(monthly, active, 2);
        var window = RenewalCoolingOffPeriod.window(DMCC, monthly, fullPrice, Optional.empty()).orElseThrow();
        assertEquals(RenewalCoolingOffPeriod.Cause.CONCESSION_ENDED, window.cause());
        assertEquals(d("2027-05-31").plusDays(14), window.lastDay());
        assertEquals(Optional.empty(), RenewalCoolingOffPeriod.window(DMCC, monthly, paidThrough(monthly, active, 3), Optional.empty()), "only once");
    }

    /** s.258: one reminder before the first renewal payment in each six months; every annual renewal; the earlier of the catalog's day and the statute's. */
    @Test
    void reminders_come_before_the_first_renewal_payment_of_each_six_months_and_before_every_annual_renewal() {
        var monthly = plan(MEALS, "1-month-repeat");
        var s = active(MEALS, "1-month-repeat", d("2027-04-07"));
        var reminded = new ArrayList<LocalDate>();
        for (int cycle = 1; cycle <= 14; cycle++) {
            var paid = paidThrough(monthly, s, cycle);
            var sendOn = ReminderNotice.sendOn(DMCC, MEALS.rules(), monthly.terms(), paid);
            var renewsOn = paid.currentPeriod().orElseThrow().end();
            sendOn.ifPresent(day -> {
                assertEquals(com.termwise.domain.calendar.BusinessCalendar.workingDaysBefore(renewsOn, 10), day);
                reminded.add(renewsOn);
            });
        }
        // the first renewal (5 May 2027), then the first in the six months from 7 Oct 2027 (20 Oct) and from 7 Apr 2028 (3 May)
        assertEquals(List.of(d("2027-05-05"), d("2027-10-20"), d("2028-05-03")), reminded);
        assertEquals(Optional.empty(), ReminderNotice.sendOn(DMCC, MEALS.rules(), monthly.terms(), paidThrough(monthly, active(MEALS, "1-month-repeat", d("2026-04-07")), 1)),
                "a contract made before commencement: meal plans send none");

        var annual = plan(ONLINE, "annual");
        var yearly = active(ONLINE, "annual", d("2027-04-12"));
        assertEquals(Optional.of(d("2028-03-13")), ReminderNotice.sendOn(DMCC, ONLINE.rules(), annual.terms(), yearly),
                "the catalog's 30 days (online-courses 13.1) come before the statute's 10 working days");
        var reasons = ReminderNotice.reasons(DMCC, ONLINE.rules(), annual, yearly, d("2028-04-12"), gbp(14900));
        assertEquals(List.of("online-courses 13.1", "DMCC 2024 s.258", "DMCC 2024 s.264"), reasons.stream().map(r -> r.clause().toString()).toList());
    }

    @Test
    void the_end_of_contract_notice_is_due_within_24_hours_online_and_3_working_days_otherwise() {
        var annual = plan(ONLINE, "annual");
        Subscription s = active(ONLINE, "annual", d("2027-04-12"));
        var decided = Cancellation.ofSubscription(ONLINE, annual, s, facts(d("2027-04-12"), gbp(14900)), d("2027-06-01"), Optional.empty());
        var online = EndOfContractNotice.attach(DMCC, annual, s, decided, true, d("2027-06-01"));
        assertDecided(online, Outcome.CANCELS_AT_PERIOD_END, "END_OF_CONTRACT_NOTICE", "DMCC 2024 s.261");
        assertTrue(online.reasons().getLast().message().contains("within 24 hours"), online.reasons().getLast().message());
        var posted = EndOfContractNotice.attach(DMCC, annual, s, decided, false, d("2027-08-27")); // Fri before the August bank holiday (Mon 30 Aug): Tue, Wed, Thu
        assertTrue(posted.reasons().getLast().message().contains("by Thursday 2 September 2027"), posted.reasons().getLast().message());
        var before = active(ONLINE, "annual", d("2026-06-01"));
        assertEquals(decided.reasons().size(), EndOfContractNotice.attach(DMCC, annual, before, decided, true, d("2027-06-01")).reasons().size());
    }
}
