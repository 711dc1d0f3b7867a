package com.termwise.domain.order;

import com.termwise.domain.catalog.UnderTerms;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/** A purchase: what was priced at checkout, under which version of the terms, and what has been paid and refunded against it. */
public record Order(String id, String customerId, String catalogId, LocalDate termsVersion, String planId, OrderState state,
                    Money total, Money paid, Money refunded, boolean discounted, Optional<String> promoCode,
                    LocalDate orderedOn, Optional<LocalDate> paidOn, Optional<LocalDate> contractDate,
                    Consents consents, long version) implements UnderTerms {

    public Order withState(OrderState next) {
        return new Order(id, customerId, catalogId, termsVersion, planId, next, total, paid, refunded, discounted, promoCode,
                orderedOn, paidOn, contractDate, consents, version);
    }

    /** Paid and accepted on {@code on}; the acceptance mail sent with it confirms the consents on a durable medium (CCR 2013 reg 37). */
    Order paid(Money amount, LocalDate on, LocalDate contract) {
        return new Order(id, customerId, catalogId, termsVersion, planId, OrderState.ACCEPTED, total, amount, refunded, discounted, promoCode,
                orderedOn, Optional.of(on), Optional.of(contract), consents.confirmed(on), version);
    }

    /** A further payment under the same contract (a renewal): everything paid on an order is refundable from it. */
    Order received(Money amount) {
        return new Order(id, customerId, catalogId, termsVersion, planId, state, total, paid.plus(amount), refunded, discounted, promoCode,
                orderedOn, paidOn, contractDate, consents, version);
    }

    Order refunded(Money amount) {
        var totalRefunded = refunded.plus(amount);
        var next = totalRefunded.compareTo(paid) >= 0 ? OrderState.REFUNDED : state;
        return new Order(id, customerId, catalogId, termsVersion, planId, next, total, paid, totalRefunded, discounted, promoCode,
                orderedOn, paidOn, contractDate, consents, version);
    }

    public Money refundable() {
        return paid.minus(refunded);
    }
}
