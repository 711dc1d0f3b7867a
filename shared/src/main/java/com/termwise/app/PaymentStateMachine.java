package com.termwise.app;

import com.termwise.app.Payment.Status;
import com.termwise.domain.money.Money;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to a payment after Stripe took it, and only what can (the one place a recorded payment changes
 * status): refunded in part or in full, asked about by the card issuer (an inquiry, no money moved), charged back,
 * and the chargeback won. Stripe sends its events more than once and out of order, so a move the payment's status
 * does not allow is a stale or misdirected event: it changes nothing, and the caller writes nothing.
 */
public final class PaymentStateMachine {

    public sealed interface Event {
        record Refunded(String chargeId, Money refundedTotal) implements Event {}

        record InquiryOpened() implements Event {}

        record InquiryClosed() implements Event {}

        record ChargedBack(String chargeId) implements Event {}

        record ChargebackWon(String chargeId) implements Event {}
    }

    /** A PaymentIntent that never took money (declined, or waiting for 3-D Secure) cannot be refunded or disputed. */
    private static final Set<Status> TOOK_MONEY = EnumSet.complementOf(EnumSet.of(Status.FAILED, Status.REQUIRES_ACTION));

    private PaymentStateMachine() {}

    static Set<Status> from(Event e) {
        return switch (e) {
            case Event.Refunded x -> TOOK_MONEY;
            // an inquiry is about money that is still ours; it closes back to paid
            case Event.InquiryOpened x -> EnumSet.of(Status.SUCCEEDED, Status.PARTIALLY_REFUNDED);
            case Event.InquiryClosed x -> EnumSet.of(Status.DISPUTE_INQUIRY);
            case Event.ChargedBack x -> TOOK_MONEY;
            case Event.ChargebackWon x -> TOOK_MONEY;
        };
    }

    public static boolean allows(Payment p, Event e) {
        return from(e).contains(p.status());
    }

    /** The payment after {@code e}, or empty when its status does not allow it. */
    public static Optional<Payment> apply(Payment p, Event e) {
        if (!allows(p, e)) return Optional.empty();
        return Optional.of(switch (e) {
            case Event.Refunded r -> p.settled(r.chargeId(), r.refundedTotal().compareTo(p.amount()) >= 0 ? Status.REFUNDED : Status.PARTIALLY_REFUNDED);
            case Event.InquiryOpened x -> p.withStatus(Status.DISPUTE_INQUIRY);
            case Event.InquiryClosed x -> p.withStatus(Status.SUCCEEDED);
            case Event.ChargedBack c -> p.settled(c.chargeId(), Status.DISPUTED);
            case Event.ChargebackWon w -> p.settled(w.chargeId(), Status.SUCCEEDED);
        });
    }
}
