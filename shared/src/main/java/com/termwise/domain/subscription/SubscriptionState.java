package com.termwise.domain.subscription;

/** docs/api.md subscription states. */
public enum SubscriptionState {
    PENDING_PAYMENT, ACTIVE, PAUSED, PAST_DUE, CANCELLING, CANCELLED, EXPIRED, SUSPENDED;

    /** States in which the customer still has what they paid for. */
    public boolean live() {
        return this == ACTIVE || this == PAUSED || this == PAST_DUE || this == CANCELLING;
    }

    /** The contract has not ended: live, or suspended (a suspension ends nothing). */
    public boolean running() {
        return live() || this == SUSPENDED;
    }

    /** A period end may be charged: running, failing, or cancelling with a period still to come (meal-plans 9(c)(1)). */
    public boolean chargeable() {
        return this == ACTIVE || this == PAST_DUE || this == CANCELLING;
    }
}
