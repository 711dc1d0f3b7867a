package com.termwise.app;

import com.termwise.domain.money.Money;

import java.time.Instant;
import java.util.Optional;

/**
 * An append-only record of money moved or owed, written in the same transaction as the state
 * change that caused it. {@code reference} is Stripe's id for the movement (charge, refund, dispute).
 */
public record LedgerEntry(String id, String customerId, Instant at, Kind kind, Money amount, String orderId,
                          Optional<String> subscriptionId, String reference, String clause) {

    /**
     * {@code CHARGE_DUE}: a charge the terms add to the next payment (a late address change fee, a
     * downgrade's adjusting payment); {@code CHARGE_COLLECTED}: taken with a renewal payment. {@code CHARGEBACK_REVERSED}: a
     * dispute won, the money back; {@code OWED_CANCELLED}: an amount owed that is no longer claimed; {@code REFUND_FAILED}: a
     * refund the card network returned, still owed to the customer.
     */
    public enum Kind { PAYMENT_RECEIVED, REFUND_ISSUED, REFUND_CONFIRMED, REFUND_FAILED, CHARGEBACK, CHARGEBACK_REVERSED, AMOUNT_OWED,
        OWED_PAID, OWED_CANCELLED, CHARGE_DUE, CHARGE_COLLECTED }

    /** The kinds that are money Stripe moved, each checked against Stripe the day after (see {@link Reconciliation}). */
    public static final java.util.Set<Kind> AT_STRIPE = java.util.EnumSet.of(Kind.PAYMENT_RECEIVED, Kind.REFUND_CONFIRMED, Kind.CHARGEBACK);

    /** An entry of money Stripe moved is due for reconciliation from the next London day. */
    public Optional<Changes.Due> reconciliation() {
        if (!AT_STRIPE.contains(kind)) return Optional.empty();
        return Optional.of(Changes.Due.on(DueWork.RECONCILE, at.atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate().plusDays(1)));
    }
}
