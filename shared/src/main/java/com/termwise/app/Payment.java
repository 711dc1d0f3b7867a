package com.termwise.app;

import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One Stripe PaymentIntent as the customer's billing history shows it (docs/api.md {@code payments}).
 * {@code cycle} is the billing period it pays for (1 for the checkout payment).
 */
public record Payment(String paymentIntentId, String customerId, String orderId, Optional<String> subscriptionId, int cycle,
                      Optional<String> chargeId, Money amount, Status status, LocalDate date, Optional<String> failure) {

    /** The same payment, with the charge it settled on and what has happened to it since (refunded, disputed). */
    public Payment settled(String charge, Status next) {
        return new Payment(paymentIntentId, customerId, orderId, subscriptionId, cycle, Optional.of(charge), amount, next, date, failure);
    }

    /**
     * {@code PROCESSING}: the bank has not answered yet (Stripe's {@code processing}); neither paid nor declined.
     * {@code DISPUTE_INQUIRY}: the card issuer asked about it, no money moved yet.
     */
    public enum Status { SUCCEEDED, PROCESSING, FAILED, REQUIRES_ACTION, REFUNDED, PARTIALLY_REFUNDED, DISPUTE_INQUIRY, DISPUTED }

    /** Money the customer parted with for its period (not declined, not waiting for 3-D Secure). */
    public boolean taken() {
        return status != Status.FAILED && status != Status.REQUIRES_ACTION;
    }

    public Payment withStatus(Status next) {
        return new Payment(paymentIntentId, customerId, orderId, subscriptionId, cycle, chargeId, amount, next, date, failure);
    }
}
