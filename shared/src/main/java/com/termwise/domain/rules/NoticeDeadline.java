package com.termwise.domain.rules;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.BillingInterval;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The last day notice can be given to stop a renewal (meal-plans 9(c)(1): at least 5 working
 * days before the renewal date; online-courses 13.1: any time before it), and the day a
 * cancellation given today takes effect: never before the minimum term ends (meal-plans 9(c)),
 * never inside a period already paid for (9(c)(2)), and one period later when notice is late.
 */
public final class NoticeDeadline {

    private NoticeDeadline() {}

    /**
     * The last day notice protects {@code renewalDate}: {@code workingDays} England and Wales
     * working days before it (so there are at least that many working days from the deadline up to
     * the renewal), or the day before it when no notice is required.
     */
    public static LocalDate before(LocalDate renewalDate, int workingDays) {
        return workingDays == 0 ? renewalDate.minusDays(1) : BusinessCalendar.workingDaysBefore(renewalDate, workingDays);
    }

    /** When a cancellation given on {@code today} ends the plan, and whether the notice was in time for the first possible end. */
    public record EffectiveEnd(LocalDate endsOn, LocalDate firstPossibleEnd, LocalDate deadline, boolean late,
                               boolean heldByMinimumTerm) {}

    public static EffectiveEnd effectiveEnd(Period current, Optional<LocalDate> minimumTermEnd, BillingInterval every,
                                            int workingDays, LocalDate today) {
        var end = every.firstOnOrAfter(current.end(), minimumTermEnd.orElse(current.end()));
        boolean held = minimumTermEnd.map(m -> m.isAfter(current.end())).orElse(false);
        var deadline = before(end, workingDays);
        if (!today.isAfter(deadline)) return new EffectiveEnd(end, end, deadline, false, held);
        return new EffectiveEnd(firstStoppable(end, every, workingDays, today), end, deadline, true, held);
    }

    /**
     * A deadline as a customer is shown it: the last day to give notice, and the renewal it protects (the date from
     * which nothing more is taken: notice given today ends the plan there, so its last day is the day before). The
     * renewal protected is not always the next one: a deadline already passed, or a minimum term, moves it on.
     */
    public record Protected(LocalDate deadline, LocalDate renewal) {}

    /** The next renewal a customer could still stop, and the last day to do so (docs/api.md cancellationNoticeDeadline). */
    public static Protected next(Period current, Optional<LocalDate> minimumTermEnd, BillingInterval every, int workingDays, LocalDate today) {
        var end = every.firstOnOrAfter(current.end(), minimumTermEnd.orElse(current.end()));
        var renewal = firstStoppable(end, every, workingDays, today);
        return new Protected(before(renewal, workingDays), renewal);
    }

    /**
     * The deadline a subscription shows (docs/api.md cancellationNoticeDeadline, and the mails): where its plan ends by notice
     * and it is running, paused or past due (a plan already ending, or ended, has nothing left to stop).
     */
    public static Optional<Protected> shown(PlanTerms terms, Subscription s, LocalDate today) {
        var running = s.state() == SubscriptionState.ACTIVE || s.state() == SubscriptionState.PAST_DUE || s.state() == SubscriptionState.PAUSED;
        if (!running) return Optional.empty();
        return terms.cancelAtPeriodEnd().flatMap(rule -> s.currentPeriod().map(period ->
                next(period, s.minimumTermEnd(), terms.billing().every(), rule.noticeWorkingDays(), today)));
    }

    public static LocalDate nextDeadline(Period current, Optional<LocalDate> minimumTermEnd, BillingInterval every,
                                         int workingDays, LocalDate today) {
        return next(current, minimumTermEnd, every, workingDays, today).deadline();
    }

    /** The first period end from {@code end} on whose notice deadline {@code today} still falls. */
    private static LocalDate firstStoppable(LocalDate end, BillingInterval every, int workingDays, LocalDate today) {
        var candidate = end;
        while (today.isAfter(before(candidate, workingDays))) candidate = every.after(candidate);
        return candidate;
    }
}
