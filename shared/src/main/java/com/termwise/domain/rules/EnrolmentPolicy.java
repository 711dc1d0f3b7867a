package com.termwise.domain.rules;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Course;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;
import java.util.List;

/**
 * Whether a member may start a course under their membership: the course must be available
 * (online-courses 11.3), covered by the plan (11.2, 15.1), within the cap of courses in progress
 * (11.2, 15.6), the membership not cancelled (13.3) and the account not suspended (5.1, 15.5) nor
 * owing money (course-provider 19.3.8).
 */
public final class EnrolmentPolicy {

    private EnrolmentPolicy() {}

    public static Decision decide(Catalog catalog, Plan membershipPlan, Subscription membership, Course course,
                                  List<Enrolment> enrolments, Money balanceOwed, LocalDate today) {
        var zero = Money.zero(catalog.currency());
        var terms = membershipPlan.terms();
        if (!course.available()) {
            var clause = catalog.rules().courseAvailability().map(Rule.CourseAvailability::clause).orElse(terms.billing().clause());
            return refused(today, zero, new Reason("COURSE_UNAVAILABLE", clause,
                    "'" + course.title() + "' is not available at the moment; you can enrol once it is back in the library."));
        }
        if (balanceOwed.isPositive()) {
            var clause = catalog.rules().suspensionWhileOwed().map(Rule.SuspensionWhileOwed::clause).orElse(terms.billing().clause());
            return refused(today, zero, new Reason("MONEY_OWED", clause,
                    "New courses are on hold while " + balanceOwed.display() + " is owed."));
        }
        switch (membership.state()) {
            case ACTIVE, PAST_DUE -> { }
            case CANCELLING, CANCELLED -> {
                var clause = terms.noEnrolmentAfterCancelling().map(Rule.NoEnrolmentAfterCancelling::clause).orElse(terms.billing().clause());
                return refused(today, zero, new Reason("MEMBERSHIP_CANCELLED", clause,
                        "After cancelling you can keep studying your courses but cannot add a new one."));
            }
            case SUSPENDED -> {
                var clause = terms.breach().map(Rule.Breach::clause).orElse(terms.billing().clause());
                return refused(today, zero, new Reason("ACCOUNT_SUSPENDED", clause, "This account is suspended."));
            }
            case PENDING_PAYMENT, PAUSED, EXPIRED -> {
                return refused(today, zero, new Reason("MEMBERSHIP_NOT_ACTIVE", terms.billing().clause(),
                        "Your membership is " + membership.state().name().toLowerCase().replace('_', ' ') + ", so no new course can start."));
            }
        }
        var coverage = terms.coverage();
        if (coverage.isPresent() && coverage.get().excludes().contains(course.kind())) {
            return refused(today, zero, new Reason("NOT_COVERED", coverage.get().clause(),
                    "Your membership does not cover " + course.kind().code() + " courses; '" + course.title() + "' can be bought on its own."));
        }
        long inProgress = enrolments.stream().filter(e -> e.inProgressOn(today)).count();
        boolean already = enrolments.stream().anyMatch(e -> e.courseId().equals(course.id()) && e.inProgressOn(today));
        if (already) {
            return refused(today, zero, new Reason("ALREADY_ENROLLED", terms.billing().clause(), "You are already enrolled on '" + course.title() + "'."));
        }
        var cap = terms.courseCap();
        if (cap.isPresent() && inProgress >= cap.get().maxInProgress()) {
            return refused(today, zero, new Reason("COURSE_CAP_REACHED", cap.get().clause(),
                    "You have " + inProgress + " courses in progress, the most your plan allows at once; finish one to start another."));
        }
        var why = cap.map(c -> new Reason("WITHIN_COURSE_CAP", c.clause(),
                        "Enrolled: " + (inProgress + 1) + " of " + c.maxInProgress() + " courses in progress."))
                .orElse(new Reason("ENROLLED", terms.billing().clause(), "Enrolled on '" + course.title() + "'."));
        return Decision.of(Outcome.ENROLLED, today, zero, List.of(), List.of(why));
    }

    private static Decision refused(LocalDate today, Money zero, Reason reason) {
        return Decision.refused(today, zero, List.of(reason));
    }
}
