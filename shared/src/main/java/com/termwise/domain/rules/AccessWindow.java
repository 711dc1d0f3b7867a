package com.termwise.domain.rules;

import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.Rule.Access;

import java.time.LocalDate;
import java.util.Optional;

/**
 * How long a customer can use what they bought: to the end of the paid period after cancelling
 * (online-courses 13.2), a fixed time from the Course Access Date (course-provider 4.3: one year),
 * or for life (online-courses 15). Returns the first day without access; empty means no end.
 */
public final class AccessWindow {

    private AccessWindow() {}

    public static Optional<LocalDate> endsOn(Access access, LocalDate accessDate, Optional<LocalDate> paidUntil) {
        return switch (access.until()) {
            case PERIOD_END -> paidUntil;
            case DURATION -> Optional.of(accessDate.plus(access.duration()));
            case LIFETIME -> Optional.empty();
        };
    }

    /**
     * course-provider 4.3: an account with no course access for the rule's period is closed and
     * anonymised; the day that is due, counted from the last day any access ended.
     */
    public static LocalDate anonymiseOn(Rule.InactivityAnonymisation rule, LocalDate lastAccessEnded) {
        return lastAccessEnded.plus(rule.after());
    }
}
