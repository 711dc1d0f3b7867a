package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Apportionment;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * Refunds when the business stops providing what was paid for: online-courses 14.8 (the service is
 * terminated: the unused part of the period paid in advance) and course-provider 19.5 (a course
 * cancelled before completion: the incomplete part). Rounded as {@link Apportionment} states.
 */
public final class UnusedServiceRefund {

    private UnusedServiceRefund() {}

    /** online-courses 14.8: the days of the paid period that will not be provided. */
    public static Decision businessTermination(Catalog catalog, Plan plan, Period paidPeriod, Money paid, LocalDate terminatedOn) {
        var rule = plan.terms().businessTermination();
        var clause = rule.map(r -> r.clause()).orElse(plan.terms().billing().clause());
        var money = Apportionment.refundUnused(paid, paidPeriod.days() - paidPeriod.daysUsedBefore(terminatedOn), paidPeriod.days());
        return RefundQuote.refundDecision(catalog, money, List.of(), List.of(new Reason("SERVICE_TERMINATED", clause,
                "We are ending the service on " + CustomerDates.day(terminatedOn) + ": the " + (paidPeriod.days() - paidPeriod.daysUsedBefore(terminatedOn))
                        + " unused days of your period are refunded.")), terminatedOn);
    }

    /** course-provider 19.5: the part of the course not completed when the provider cancelled it. */
    public static Decision courseWithdrawn(Catalog catalog, Money paid, int progressPercent, LocalDate withdrawnOn) {
        var rule = catalog.rules().courseWithdrawal();
        return serviceEnded(catalog, rule.map(r -> r.clause()).orElse(catalog.rules().payment().clause()), paid, progressPercent, withdrawnOn);
    }

    /** A one-off service the business ends (course-provider 15.1, a course withdrawn under 19.5): the part not yet completed is paid back. */
    public static Decision serviceEnded(Catalog catalog, Clause clause, Money paid, int progressPercent, LocalDate withdrawnOn) {
        var money = Apportionment.refundUnused(paid, 100 - Math.max(0, Math.min(100, progressPercent)), 100);
        if (!money.refund().isPositive()) {
            return Decision.refused(withdrawnOn, Money.zero(paid.currency()), List.of(new Reason("COURSE_COMPLETED", clause,
                    "The course was already complete when it was withdrawn, so there is nothing to refund.")));
        }
        return RefundQuote.refundDecision(catalog, money, List.of(), List.of(new Reason("COURSE_WITHDRAWN", clause,
                "We cancelled the course with " + (100 - progressPercent) + "% not yet completed; that part of what you paid is refunded.")), withdrawnOn);
    }
}
