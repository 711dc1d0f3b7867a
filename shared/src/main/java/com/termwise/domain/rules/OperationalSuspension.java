package com.termwise.domain.rules;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * course-provider 5.1: the business suspends all or part of the service for business or operational reasons (a
 * problem to fix, a change in the law), trying to give reasonable notice: the catalog's working days, counted in
 * Europe/London. 12.3 lets emergency maintenance start without it. Nothing is charged or refunded for the pause
 * ("we will not be liable ... subject to clause 12"), and access comes back on the day the decision names.
 */
public final class OperationalSuspension {

    private OperationalSuspension() {}

    /**
     * {@code window}: the days without the service, half-open (its end is the day it comes back); {@code current}: a
     * suspension already announced on the same order.
     */
    public static Decision decide(Rule.ServiceSuspension rule, String what, Period window, boolean emergency, String why,
                                  Optional<Period> current, LocalDate today, Money zero) {
        if (current.filter(c -> c.end().isAfter(window.start())).isPresent()) {
            return Decision.refused(today, zero, List.of(new Reason("ALREADY_SUSPENDED", rule.clause(), "Access to " + what
                    + " is already suspended " + CustomerDates.period(current.get()) + "; a new suspension starts after it comes back.")));
        }
        var earliest = earliestWithNotice(rule, today);
        if (!emergency && window.start().isBefore(earliest)) {
            return Decision.refused(today, zero, List.of(new Reason("SHORT_NOTICE", rule.clause(), "The terms promise reasonable notice of a suspension: "
                    + rule.noticeWorkingDays() + " working days, so the earliest start is " + CustomerDates.day(earliest)
                    + ". Only emergency maintenance (" + rule.emergency() + ") may start sooner.")));
        }
        var reasons = new ArrayList<Reason>();
        reasons.add(new Reason("SERVICE_SUSPENDED", rule.clause(), "We are suspending access to " + what + " " + CustomerDates.period(window)
                + ", for business or operational reasons. Our reason: " + why + ". It comes back by itself on " + CustomerDates.day(window.end())
                + ". Nothing is charged or refunded for the pause."));
        if (emergency) reasons.add(new Reason("EMERGENCY_MAINTENANCE", rule.emergency(), "This is emergency maintenance, so it starts without the "
                + rule.noticeWorkingDays() + " working days' notice we otherwise give."));
        return Decision.of(Outcome.SUSPENDED, window.start(), zero, List.of(), reasons);
    }

    /** The first day a suspension announced today may start with the notice the terms promise. */
    public static LocalDate earliestWithNotice(Rule.ServiceSuspension rule, LocalDate today) {
        return BusinessCalendar.workingDaysAfter(today, rule.noticeWorkingDays());
    }
}
