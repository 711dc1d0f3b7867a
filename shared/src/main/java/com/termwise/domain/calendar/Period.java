package com.termwise.domain.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A half-open run of days: {@code start} inclusive, {@code end} exclusive (docs/api.md "Periods are half-open"). */
public record Period(LocalDate start, LocalDate end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " must be after start " + start);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end);
    }

    /** Days of this period before {@code day} (0 before it starts, all of them after it ends). */
    public long daysUsedBefore(LocalDate day) {
        if (!day.isAfter(start)) return 0;
        if (!day.isBefore(end)) return days();
        return ChronoUnit.DAYS.between(start, day);
    }

    public Period extendedBy(long days) {
        return new Period(start, end.plusDays(days));
    }
}
