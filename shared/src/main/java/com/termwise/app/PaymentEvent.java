package com.termwise.app;

import com.termwise.domain.money.Money;

import java.util.Optional;

/**
 * What a payment provider's notification means to Termwise, already verified and translated
 * (Stripe: {@code checkout.session.completed}, {@code payment_intent.succeeded},
 * {@code payment_intent.payment_failed}, {@code charge.refunded}, {@code charge.dispute.created}).
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

    record Disputed(String eventId, Ref ref, String chargeId, String disputeId, Money amount) implements PaymentEvent {}

    /** A type Termwise does not act on: acknowledged and ignored. */
    record Ignored(String eventId, String type) implements PaymentEvent {}
}
