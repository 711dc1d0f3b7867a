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
     * downgrade's adjusting payment); {@code CHARGE_COLLECTED}: taken with a renewal payment.
     */
    public enum Kind { PAYMENT_RECEIVED, REFUND_ISSUED, REFUND_CONFIRMED, CHARGEBACK, AMOUNT_OWED, OWED_PAID, CHARGE_DUE, CHARGE_COLLECTED }
}
