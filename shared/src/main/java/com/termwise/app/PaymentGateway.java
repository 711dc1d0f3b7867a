package com.termwise.app;

import com.termwise.domain.money.Money;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The port to the payment provider (Stripe). Every call that moves money carries an idempotency key derived from what it is for. */
public interface PaymentGateway {

    /**
     * A hosted checkout page for the first payment, saving the card for off-session renewals.
     * {@code metadata} links Stripe's objects back to the order.
     */
    CheckoutSession openCheckout(CheckoutSessionRequest request);

    record CheckoutSessionRequest(String idempotencyKey, String description, Money amount, Optional<String> customerEmail,
                                  Map<String, String> metadata, Instant expiresAt) {}

    record CheckoutSession(String id, String url, Instant expiresAt) {}

    /**
     * Pays {@code amount} back to the card behind a PaymentIntent (a Stripe Refund). The key is the
     * refund's id, so a retry after a crash or a timeout returns the refund already made.
     */
    IssuedRefund refund(RefundRequest request);

    record RefundRequest(String idempotencyKey, String paymentIntentId, Money amount, Map<String, String> metadata) {}

    record IssuedRefund(String id, String status) {}

    /** The provider could not be reached or refused the request for a reason that is not the customer's. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
