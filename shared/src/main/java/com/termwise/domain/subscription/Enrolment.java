package com.termwise.domain.subscription;

import java.time.LocalDate;
import java.util.Optional;

/** A customer's place on a course, with the progress the learning platform reports (API.md). */
public record Enrolment(String id, String customerId, String courseId, Optional<String> subscriptionId,
                        int progressPercent, LocalDate enrolledOn, Optional<LocalDate> accessEndsOn) {

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
}
