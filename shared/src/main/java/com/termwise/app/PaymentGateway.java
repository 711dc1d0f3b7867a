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

    /**
     * Charges the card saved at checkout without the customer present (a renewal, DESIGN.md: Payments).
     * A decline or a bank's request for authentication is an outcome, not an exception; the key is
     * derived from the subscription, cycle and attempt, so a repeated call returns the first result.
     */
    OffSessionCharge chargeOffSession(OffSessionRequest request);

    record OffSessionRequest(String idempotencyKey, String stripeCustomer, String paymentMethod, Money amount, String description,
                             Map<String, String> metadata) {}

    record OffSessionCharge(String paymentIntentId, Result result, Optional<String> chargeId, Money amount, String failureCode,
                            String failureMessage) {
        public enum Result { SUCCEEDED, DECLINED, AUTHENTICATION_REQUIRED }
    }

    /** The provider could not be reached or refused the request for a reason that is not the customer's. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
