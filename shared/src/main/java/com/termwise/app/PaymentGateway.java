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
     * A hosted page on which the customer, present, pays an amount already due (a renewal their bank
     * held for 3-D Secure or declined): the bank's challenge runs there, and the card is saved for
     * later off-session renewals. {@code metadata} names the renewal, so its webhook settles that period.
     * No expiry is sent: Stripe's default (24 hours) keeps a retried request's parameters identical.
     */
    CheckoutSession openPaymentPage(PaymentPageRequest request);

    record PaymentPageRequest(String idempotencyKey, String stripeCustomer, String description, Money amount, Map<String, String> metadata,
                              String returnUrl) {}

    /**
     * Closes a checkout page so it can no longer take a payment; returns Stripe's status afterwards: {@code expired},
     * or {@code complete} when the customer paid before it could be closed.
     */
    String closeCheckout(String sessionId);

    /** A hosted page in setup mode on which the customer saves a new card for off-session payments; nothing is charged there. */
    CheckoutSession openCardSetup(CardSetupRequest request);

    record CardSetupRequest(String idempotencyKey, String stripeCustomer, Map<String, String> metadata, String returnUrl) {}

    /**
     * Pays {@code amount} back to the card behind a PaymentIntent (a Stripe Refund). The key is the
     * refund's id, so a retry after a crash or a timeout returns the refund already made.
     */
    IssuedRefund refund(RefundRequest request);

    record RefundRequest(String idempotencyKey, String paymentIntentId, Money amount, Map<String, String> metadata) {}

    record IssuedRefund(String id, String status) {}

    /**
     * Charges the card saved at checkout without the customer present (a renewal, docs/design.md: Payments).
     * A decline or a bank's request for authentication is an outcome, not an exception; the key is
     * derived from the subscription, cycle and attempt, so a repeated call returns the first result.
     */
    OffSessionCharge chargeOffSession(OffSessionRequest request);

    /**
     * The saved card as the customer knows it (meal-plans 6(b)(i): the payment method they authorised), read from Stripe
     * when shown rather than copied: the card networks' updater changes a saved card's expiry and last four in place.
     * Empty when Stripe has no such card, or cannot be reached (the account page then says the card cannot be shown).
     */
    Optional<Card> card(String paymentMethodId);

    record Card(String brand, String last4, int expMonth, int expYear) {}

    /**
     * Money Stripe moved, as reconciliation compares it with the ledger: a succeeded payment (its charge), a refund that
     * has not failed, a dispute that took the funds (an inquiry takes none and is not one). {@code termwiseId}: the id
     * Termwise gave it (a refund's {@code refundId} metadata), which the ledger names when Stripe's webhook came first.
     */
    record Movement(Kind kind, String id, String chargeId, Optional<String> paymentIntentId, Money amount, Instant created,
                    Optional<String> termwiseId) {
        public enum Kind { PAYMENT, REFUND, DISPUTE }
    }

    /** Every movement created in {@code [from, to)}, all pages of each list. */
    java.util.List<Movement> movements(Instant from, Instant to);

    /** One movement by Stripe's id ({@code ch_}, {@code pi_}, {@code re_}, {@code dp_}); empty when Stripe has no such money. */
    Optional<Movement> movement(String id);

    /** The refunds on a charge that have not failed, whenever they were made. */
    java.util.List<Movement> refundsOf(String chargeId);

    record OffSessionRequest(String idempotencyKey, String stripeCustomer, String paymentMethod, Money amount, String description,
                             Map<String, String> metadata) {}

    record OffSessionCharge(String paymentIntentId, Result result, Optional<String> chargeId, Money amount, String failureCode,
                            String failureMessage) {
        /** {@code PROCESSING}: the bank has not answered yet; neither paid nor declined, and never retried under a new key. */
        public enum Result { SUCCEEDED, PROCESSING, DECLINED, AUTHENTICATION_REQUIRED }
    }

    /** The provider could not be reached, timed out, failed (5xx) or asked us to slow down (429): worth retrying, later. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The provider refused the request itself (an invalid request, a reused idempotency key, a
     * disputed charge, an amount too large): the same request would be refused again, so it is not
     * retried; the work is parked and an operator alerted. {@code code} is the provider's error code.
     */
    final class Refused extends RuntimeException {
        private final String code;

        public Refused(String message, String code, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
