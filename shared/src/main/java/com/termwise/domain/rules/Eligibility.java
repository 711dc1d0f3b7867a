package com.termwise.domain.rules;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * Who may buy: a minimum age (course-provider 3.2: 13; meal-plans 14(a): over 18), and a parent's
 * permission below an age (course-provider 3.3: under 18). Ages are counted on the day of purchase.
 * Each refusal names the request field it is about.
 */
public final class Eligibility {

    public static final String BIRTH_DATE_FIELD = "customer.birthDate";
    public static final String PARENTAL_CONSENT_FIELD = "consents.parentalConsent";

    private Eligibility() {}

    public record Refusal(String field, Decision decision) {}

    public static Optional<Refusal> check(Catalog catalog, Optional<LocalDate> birthDate, Optional<Boolean> parentalConsent, LocalDate today) {
        var rules = catalog.rules();
        if (rules.minimumAge().isEmpty() && rules.parentalConsent().isEmpty()) return Optional.empty();
        var zero = Money.zero(catalog.currency());
        if (birthDate.isEmpty()) {
            var clause = rules.minimumAge().map(r -> r.clause()).orElseGet(() -> rules.parentalConsent().orElseThrow().clause());
            return refusal(BIRTH_DATE_FIELD, today, zero, new Reason("BIRTH_DATE_REQUIRED", clause, "Your date of birth is needed to check the age limit."));
        }
        int age = Period.between(birthDate.get(), today).getYears();
        if (rules.minimumAge().isPresent() && age < rules.minimumAge().get().years()) {
            var rule = rules.minimumAge().get();
            return refusal(BIRTH_DATE_FIELD, today, zero, new Reason("UNDER_MINIMUM_AGE", rule.clause(),
                    "You must be at least " + rule.years() + " to buy from " + catalog.name() + "."));
        }
        if (rules.parentalConsent().isPresent() && age < rules.parentalConsent().get().underAge()
                && !parentalConsent.orElse(false)) {
            var rule = rules.parentalConsent().get();
            return refusal(PARENTAL_CONSENT_FIELD, today, zero, new Reason("PARENTAL_CONSENT_REQUIRED", rule.clause(),
                    "Students under " + rule.underAge() + " need their parent's permission."));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refusal(String field, LocalDate today, Money zero, Reason reason) {
        return Optional.of(new Refusal(field, Decision.refused(today, zero, List.of(reason))));
    }
}
