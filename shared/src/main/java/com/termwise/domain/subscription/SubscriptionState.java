package com.termwise.domain.subscription;

/** API.md subscription states. */
public enum SubscriptionState {
    PENDING_PAYMENT, ACTIVE, PAUSED, PAST_DUE, CANCELLING, CANCELLED, EXPIRED, SUSPENDED;

    /** States in which the customer still has what they paid for. */
    public boolean live() {
        return this == ACTIVE || this == PAUSED || this == PAST_DUE || this == CANCELLING;
    }
}
