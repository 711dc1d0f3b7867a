package com.termwise.app;

import java.time.LocalDate;

/**
 * A mail the terms want sent on a later day, kept under the customer until then (on the due index
 * as {@code notice}). Whether it still applies is decided when it falls due, from the state then:
 * a reminder for a renewal that was cancelled meanwhile is dropped, not sent.
 * Its id is derived from what it is about, so scheduling it again replaces it rather than adding a second.
 */
public record Notice(String id, String customerId, String subscriptionId, Kind kind, LocalDate sendOn, LocalDate about, State state) {

    public enum State { SCHEDULED, SENT, DROPPED }

    public Notice withState(State next) {
        return new Notice(id, customerId, subscriptionId, kind, sendOn, about, next);
    }

    public enum Kind {
        /** Before an automatic renewal (online-courses 13.1): the date, the price and how to cancel. */
        RENEWAL_REMINDER
    }

    public static Notice renewalReminder(String customerId, String subscriptionId, LocalDate sendOn, LocalDate renewsOn) {
        return new Notice("reminder-" + subscriptionId + "-" + renewsOn, customerId, subscriptionId, Kind.RENEWAL_REMINDER, sendOn, renewsOn, State.SCHEDULED);
    }
}
