package com.termwise.app;

import com.termwise.domain.money.Money;

import java.util.Optional;

/**
 * What a payment provider's notification means to Termwise, already verified and translated
 * (Stripe's webhook events, listed in README.md: payments, refunds and their failures, the stages
 * of a dispute, expired checkout pages and cards saved on a hosted page).
 * Every event names the payment it is about; {@code eventId} makes applying it happen once.
 */
public sealed interface PaymentEvent {

    String eventId();

    /** Links carried in the payment's metadata (set by checkout, or by the renewal that created it). */
    record Ref(Optional<String> customerId, Optional<String> orderId, String paymentIntentId, Optional<Renewal> renewal) {
        public Ref(Optional<String> customerId, Optional<String> orderId, String paymentIntentId) {
            this(customerId, orderId, paymentIntentId, Optional.empty());
        }

        /** Reads the links from a PaymentIntent's (or its charge's) metadata. */
        public static Ref fromMetadata(java.util.Map<String, String> metadata, String paymentIntentId) {
            var m = metadata == null ? java.util.Map.<String, String>of() : metadata;
            return new Ref(Optional.ofNullable(m.get("customerId")), Optional.ofNullable(m.get("orderId")), paymentIntentId, Renewal.from(m));
        }
    }

    /** What a renewal's PaymentIntent pays for: a subscription's billing cycle, including charges carried over to it (CHARGE_DUE). */
    record Renewal(String subscriptionId, int cycle, long chargesDueMinor) {
        public java.util.Map<String, String> metadata() {
            return java.util.Map.of("subscriptionId", subscriptionId, "cycle", Integer.toString(cycle), "chargesDue", Long.toString(chargesDueMinor));
        }

        static Optional<Renewal> from(java.util.Map<String, String> m) {
            if (!m.containsKey("cycle") || !m.containsKey("subscriptionId")) return Optional.empty();
            try {
                return Optional.of(new Renewal(m.get("subscriptionId"), Integer.parseInt(m.get("cycle")), Long.parseLong(m.getOrDefault("chargesDue", "0"))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // not metadata Termwise wrote
            }
        }
    }

    record Paid(String eventId, Ref ref, Optional<String> chargeId, Money amount, Optional<String> stripeCustomer,
                Optional<String> paymentMethod) implements PaymentEvent {}

    record Failed(String eventId, Ref ref, Money amount, String failureCode, String failureMessage) implements PaymentEvent {}

    /** {@code refundedTotal}: everything refunded on the charge so far (Stripe's {@code amount_refunded}), so repeats and reordering converge. */
    record Refunded(String eventId, Ref ref, String chargeId, Money refundedTotal) implements PaymentEvent {}

    /**
     * A stage of a dispute. An {@code INQUIRY} (Stripe's {@code warning_needs_response}) moves no money; a
     * {@code CHARGEBACK} withdraws it; a dispute {@code WON} reinstates it; {@code LOST} leaves it with the cardholder;
     * {@code INQUIRY_CLOSED} ends an inquiry that never became a chargeback.
     */
    record Disputed(String eventId, Ref ref, String chargeId, String disputeId, Money amount, Stage stage) implements PaymentEvent {
        public enum Stage { INQUIRY, CHARGEBACK, WON, LOST, INQUIRY_CLOSED }
    }

    /** A refund the card network could not deliver (Stripe: {@code refund.failed}, {@code charge.refund.updated} with status failed). */
    record RefundFailed(String eventId, Ref ref, String stripeRefundId, Optional<String> refundId, Money amount, String reason)
            implements PaymentEvent {}

    /** The hosted checkout page closed unpaid (Stripe: {@code checkout.session.expired}). */
    record CheckoutExpired(String eventId, String customerId, String orderId, String sessionId) implements PaymentEvent {}

    /**
     * The customer saved a new card on a hosted page (Stripe: {@code setup_intent.succeeded}): renewals use it from now
     * on, and a renewal left unpaid by the old card is charged again at once.
     */
    record CardSaved(String eventId, String customerId, String stripeCustomer, String paymentMethod, Optional<String> subscriptionId)
            implements PaymentEvent {}

    /** A type Termwise does not act on: acknowledged and ignored. */
    record Ignored(String eventId, String type) implements PaymentEvent {}
}
