package com.termwise.domain.subscription;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A customer's place on a course, with the progress the learning platform reports (docs/api.md). It
 * comes either from a course bought on its own ({@code orderId}) or from a membership
 * ({@code subscriptionId}).
 */
public record Enrolment(String id, String customerId, String courseId, Optional<String> orderId, Optional<String> subscriptionId,
                        int progressPercent, LocalDate enrolledOn, Optional<LocalDate> accessEndsOn, long version) {

    public boolean started() {
        return progressPercent > 0;
    }

    public boolean completed() {
        return progressPercent >= 100;
    }

    /** In progress: counts towards the concurrent-course cap until finished or until access ends. */
    public boolean inProgressOn(LocalDate day) {
        return !completed() && accessEndsOn.map(day::isBefore).orElse(true);
    }

    public Enrolment withProgress(int percent) {
        return new Enrolment(id, customerId, courseId, orderId, subscriptionId, percent, enrolledOn, accessEndsOn, version);
    }

    /** Access ends on {@code day} (the first day without it), unless it already ended earlier. */
    public Enrolment accessEnding(LocalDate day) {
        var end = accessEndsOn.filter(d -> d.isBefore(day)).orElse(day);
        return new Enrolment(id, customerId, courseId, orderId, subscriptionId, progressPercent, enrolledOn, Optional.of(end), version);
    }
}
