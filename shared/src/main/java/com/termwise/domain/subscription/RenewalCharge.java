package com.termwise.domain.subscription;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A renewal payment being collected: the billing cycle it pays for, which attempt this is (each
 * attempt has its own Stripe idempotency key, derived from the subscription and the cycle, so one
 * attempt can never charge twice), and how the last attempt ended. {@code firstFailedOn} anchors
 * the dunning schedule (meal-plans 6(c)(iii)).
 */
public record RenewalCharge(int cycle, int attempt, Status status, Optional<LocalDate> firstFailedOn, Optional<String> paymentIntentId) {

    public enum Status {
        /** Marked before Stripe is called: a second worker, a repeated message or a re-run sweep sees it and does not charge again. */
        CHARGING,
        /** The card was declined: retried on the dunning schedule's days. */
        DECLINED,
        /** The bank wants the customer to authenticate (3-D Secure): never retried blindly; the customer is mailed a link. */
        AWAITING_AUTHENTICATION,
        /** The customer saved a new card after the failure: charged again at once, with the next attempt's key. */
        CARD_REPLACED,
        /** Stripe refused the charge itself (not the card): the same request would be refused again, so nothing is retried until an operator looks. */
        PARKED
    }

    /** A failed renewal the customer can pay on a hosted page: declined, held for authentication, or waiting to be charged to a new card. */
    public boolean unpaid() {
        return status != Status.CHARGING && status != Status.PARKED;
    }

    /** The Stripe idempotency key of this attempt. */
    public String idempotencyKey(String subscriptionId) {
        return "renewal-" + subscriptionId + "-" + cycle + "-" + attempt;
    }
}
