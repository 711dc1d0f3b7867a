package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An offer: a percentage off, valid from its creation until it expires (online-courses 3.4: 30
 * days unless the offer says otherwise), withdrawable (course-provider 19.2.10) and, where the
 * catalog says so, only for the student it was made to (19.2.2).
 *
 * @param expiresOn the first day the offer no longer applies
 */
public record Promotion(String catalogId, String code, int percentOff, LocalDate createdOn, LocalDate expiresOn,
                        Optional<LocalDate> withdrawnOn, Optional<String> forCustomer) {

    public Promotion {
        if (percentOff <= 0 || percentOff > 100) throw new IllegalArgumentException("percentOff must be 1..100, was " + percentOff);
    }

    public static Promotion create(Catalog catalog, String code, int percentOff, Optional<Integer> validDays,
                                   Optional<String> forCustomer, LocalDate today) {
        int days = validDays.orElse(catalog.rules().offers().expiresAfterDays());
        return new Promotion(catalog.id(), code, percentOff, today, today.plusDays(days), Optional.empty(), forCustomer);
    }

    public Promotion withdraw(LocalDate on) {
        return new Promotion(catalogId, code, percentOff, createdOn, expiresOn, Optional.of(on), forCustomer);
    }

    /** The discounted price, rounded down to the minor unit (in the customer's favour). */
    public Money apply(Money price) {
        return price.fraction(100 - percentOff, 100, RoundingMode.FLOOR);
    }

    /** Whether this customer may use the offer today. */
    public Decision check(Catalog catalog, String customerId, LocalDate today) {
        var rule = catalog.rules().offers();
        var zero = Money.zero(catalog.currency());
        if (withdrawnOn.filter(w -> !today.isBefore(w)).isPresent() && rule.withdrawable()) {
            return Decision.refused(today, zero, List.of(new Reason("OFFER_WITHDRAWN", rule.clause(), "The offer " + code + " has been withdrawn.")));
        }
        if (!today.isBefore(expiresOn)) {
            return Decision.refused(today, zero, List.of(new Reason("OFFER_EXPIRED", rule.clause(),
                    "The offer " + code + " could be used " + CustomerDates.upToAndIncluding(expiresOn) + ".")));
        }
        if (!rule.transferable() && forCustomer.filter(c -> !c.equals(customerId)).isPresent()) {
            return Decision.refused(today, zero, List.of(new Reason("OFFER_NOT_TRANSFERABLE", rule.clause(),
                    "The offer " + code + " was made to another customer and cannot be transferred.")));
        }
        return Decision.of(Outcome.ACCEPTED, today, zero, List.of(), List.of(new Reason("OFFER_VALID", rule.clause(),
                percentOff + "% off with " + code + ", valid " + CustomerDates.upToAndIncluding(expiresOn) + ".")));
    }
}
