package com.termwise.domain.rules;

import com.termwise.domain.catalog.Rule;

import java.time.LocalDate;
import java.util.Optional;

/**
 * meal-plans 6(c)(iii)-(v): when a payment fails, billing moves to the retry days, deliveries are
 * withheld meanwhile, and once the retries are used up the plan may be cancelled.
 */
public final class DunningSchedule {

    private DunningSchedule() {}

    /** The day of retry {@code attempt} (1-based) after a first failure on {@code failedOn}, or empty when retries are exhausted. */
    public static Optional<LocalDate> retryOn(Rule.Dunning rule, LocalDate failedOn, int attempt) {
        if (attempt < 1 || attempt > rule.retryAfterDays().size()) return Optional.empty();
        int offset = 0;
        for (int i = 0; i < attempt; i++) offset += rule.retryAfterDays().get(i);
        return Optional.of(failedOn.plusDays(offset));
    }
}
