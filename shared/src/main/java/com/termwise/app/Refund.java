package com.termwise.app;

import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Money Termwise decided to pay back on an order, followed until Stripe confirms it. Its id is
 * derived from the decision (the order and the refund's place among the order's refunds) and is
 * the idempotency key of the Stripe Refund, so however often it is sent the money moves once.
 *
 * @param dueBy the last day the refund may reach the customer (course-provider 19.6, meal-plans 8(e), CCR 2013 reg 34)
 */
public record Refund(String id, String paymentIntentId, Money amount, LocalDate decidedOn, LocalDate dueBy, State state,
                     Optional<String> stripeRefundId, String clause) {

    public enum State {
        /** Decided and recorded; not yet accepted by Stripe. */
        REQUESTED,
        /** Stripe accepted it. */
        ISSUED,
        /** {@code charge.refunded} reported it. */
        CONFIRMED,
        /** Stripe refused it or the card network returned it: the money is still owed to the customer by {@code dueBy}. */
        FAILED
    }

    public Refund failed() {
        return new Refund(id, paymentIntentId, amount, decidedOn, dueBy, State.FAILED, stripeRefundId, clause);
    }

    /** Stripe accepted it; a confirmation that arrived first stands. */
    public Refund issued(String refundId) {
        return new Refund(id, paymentIntentId, amount, decidedOn, dueBy, state == State.CONFIRMED || state == State.FAILED ? state : State.ISSUED,
                Optional.of(refundId), clause);
    }

    /** A failure Stripe reported stands: a refund that failed is not confirmed by a later running total. */
    public Refund confirmed() {
        if (state == State.FAILED) return this;
        return new Refund(id, paymentIntentId, amount, decidedOn, dueBy, State.CONFIRMED, stripeRefundId, clause);
    }
}
