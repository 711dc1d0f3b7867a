package com.termwise.domain.subscription;

/** An event that the subscription's current state does not allow. */
public final class TransitionRefused extends RuntimeException {
    private final SubscriptionState from;

    public TransitionRefused(SubscriptionState from, SubscriptionEvent event) {
        super("a " + from + " subscription cannot take " + event.getClass().getSimpleName());
        this.from = from;
    }

    public SubscriptionState from() {
        return from;
    }
}
