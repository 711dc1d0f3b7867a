package com.termwise.domain.catalog;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One business's offer and terms: plans, courses, and the rules that decide everything after a
 * purchase. Loaded from {@code catalogs/<id>.yaml}; a new business is a new file, not new code, and a new version of
 * its terms is a new file beside the old one ({@link TermsVersion}).
 */
public record Catalog(String id, TermsVersion version, String name, Trader trader, String termsDocument, Currency currency, CatalogRules rules,
                      Map<String, Plan> plans, Map<String, PlanTerms> coursePurchaseTerms,
                      Map<String, Course> courses) {

    public static final String DEFAULT_COURSE_TERMS = "default";

    public Catalog {
        plans = Map.copyOf(plans);
        coursePurchaseTerms = Map.copyOf(coursePurchaseTerms);
        courses = Map.copyOf(courses);
    }

    /** A plan by its API identifier: a plan id, or {@code course:<courseId>} for a single course. */
    public Optional<Plan> plan(String planId) {
        if (planId.startsWith(Plan.COURSE_PREFIX)) {
            return course(planId.substring(Plan.COURSE_PREFIX.length())).flatMap(this::singleCoursePlan);
        }
        return Optional.ofNullable(plans.get(planId));
    }

    public Optional<Course> course(String courseId) {
        return Optional.ofNullable(courses.get(courseId));
    }

    public Optional<Plan> singleCoursePlan(Course course) {
        var terms = Optional.ofNullable(coursePurchaseTerms.get(course.kind().code()))
                .or(() -> Optional.ofNullable(coursePurchaseTerms.get(DEFAULT_COURSE_TERMS)));
        return terms.map(t -> new Plan(Plan.COURSE_PREFIX + course.id(), course.title(), course.price(),
                Optional.empty(), Optional.of(course), t));
    }

    public List<Course> coursesOfKind(CourseKind kind) {
        return courses.values().stream().filter(c -> c.kind() == kind).toList();
    }
}
