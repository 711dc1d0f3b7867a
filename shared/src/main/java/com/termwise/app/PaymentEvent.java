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
    record Ref(Optional<String> customerId, Optional<String> orderId, String paymentIntentId) {}

    record Paid(String eventId, Ref ref, Optional<String> chargeId, Money amount, Optional<String> stripeCustomer,
                Optional<String> paymentMethod) implements PaymentEvent {}

    record Failed(String eventId, Ref ref, Money amount, String failureCode, String failureMessage) implements PaymentEvent {}

    /** {@code refundedTotal}: everything refunded on the charge so far (Stripe's {@code amount_refunded}), so repeats and reordering converge. */
    record Refunded(String eventId, Ref ref, String chargeId, Money refundedTotal) implements PaymentEvent {}

    record Disputed(String eventId, Ref ref, String chargeId, String disputeId, Money amount) implements PaymentEvent {}

    /** A type Termwise does not act on: acknowledged and ignored. */
    record Ignored(String eventId, String type) implements PaymentEvent {}
}
