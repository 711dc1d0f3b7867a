package com.termwise.app;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.UnderTerms;
import com.termwise.domain.catalog.Course;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.rules.EnrolmentPolicy;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member starting a course under their membership ({@link EnrolmentPolicy}: availability, cover,
 * the cap of courses in progress, a cancelled membership, money owed), and the learning platform
 * reporting progress, which is what ends or reduces the right to cancel (online-courses 12.1,
 * course-provider 19.4.3).
 */
public final class EnrolmentActions {

    private EnrolmentActions() {}

    public static Decision enrol(Action a, Catalogs catalogs, String courseId) {
        var catalog = catalogs.all(a.today()).stream().filter(c -> c.course(courseId).isPresent())
                .min(Comparator.comparing((Catalog c) -> a.account().subscriptions().stream().noneMatch(s -> s.catalogId().equals(c.id()))))
                .orElseThrow(() -> RequestRefused.badField("courseId", "UNKNOWN_COURSE", "There is no course '" + courseId + "'."));
        var listed = catalog.course(courseId).orElseThrow();
        var course = a.withdrawn(catalog.id(), courseId)
                ? new Course(listed.id(), listed.title(), listed.price(), listed.kind(), false) : listed;
        var membership = a.account().subscriptions().stream()
                .filter(s -> s.catalogId().equals(catalog.id()) && a.plan(s, s.planId()).terms().courseCap().isPresent())
                .min(Comparator.comparing((Subscription s) -> !s.state().live()).thenComparing(Subscription::purchasedOn, Comparator.reverseOrder()));
        if (membership.isEmpty()) {
            return Decision.refused(a.today(), a.zero(), List.of(new Reason("NO_MEMBERSHIP", catalog.rules().payment().clause(),
                    "You have no membership that covers '" + course.title() + "'; it can be bought on its own.")));
        }
        var s = membership.get();
        var plan = a.plan(s, s.planId());
        var decision = EnrolmentPolicy.decide(a.catalog(s), plan, s, course, a.account().enrolments().stream()
                .filter(e -> e.subscriptionId().equals(Optional.of(s.id()))).toList(), a.account().balanceOwed(catalog.currency()), a.today());
        if (decision.outcome() == Outcome.ENROLLED) {
            var enrolment = new Enrolment(a.ids().next("enr"), s.customerId(), course.id(), Optional.empty(), Optional.of(s.id()), 0, a.today(),
                    s.state() == SubscriptionState.CANCELLING ? s.endsOn() : Optional.empty(), 0);
            Rolls.enrol(a.changes(), catalog, enrolment);
            a.created("enrolmentId", enrolment.id());
            a.event(s.customerId(), "Enrolled", "enrolmentId", enrolment.id(), "courseId", course.id(), "subscriptionId", s.id());
        }
        return decision;
    }

    /** Progress only moves forward: a platform resetting a course does not give back a right that starting it ended. */
    public static Decision progress(Action a, String enrolmentId, int percent) {
        if (percent < 0 || percent > 100) throw RequestRefused.badField("percent", "INVALID_FIELD", "'percent' is 0 to 100.");
        var e = a.account().enrolment(enrolmentId)
                .orElseThrow(() -> RequestRefused.notFound("ENROLMENT_NOT_FOUND", "There is no enrolment " + enrolmentId + "."));
        var now = Math.max(e.progressPercent(), percent);
        // bought on its own, or under a membership: the terms of that purchase say what starting it means
        record BoughtWith(String catalogId, LocalDate termsVersion, String planId) implements UnderTerms {}
        var boughtWith = e.orderId().flatMap(a.account()::purchase).map(p -> new BoughtWith(p.order().catalogId(), p.order().termsVersion(), p.order().planId()))
                .or(() -> e.subscriptionId().flatMap(a.account()::subscription).map(s -> new BoughtWith(s.catalogId(), s.termsVersion(), s.planId())))
                .orElseThrow();
        var catalog = a.catalog(boughtWith);
        var terms = a.plan(boughtWith, boughtWith.planId()).terms();
        var clause = terms.serviceBegun().map(r -> r.clause()).orElse(catalog.rules().payment().clause());
        var decision = Decision.of(Outcome.ACCEPTED, a.today(), a.zero(), List.of(), List.of(new Reason(now > 0 ? "COURSE_STARTED" : "NOT_STARTED",
                clause, "Progress on " + e.courseId() + " is " + now + "%.")));
        if (now != e.progressPercent()) a.changes().add(new Changes.Write.PutEnrolment(e.withProgress(now), e.version()));
        return decision;
    }
}
