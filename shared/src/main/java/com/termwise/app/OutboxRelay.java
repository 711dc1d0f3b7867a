package com.termwise.app;

import java.time.Clock;

/**
 * Sends what the outbox holds: mails to the mailer, domain events to the event bus. A sender
 * first leases a record (two relays running at once never both send it), and the record leaves
 * the due index only after it was handed over: a crash between the two sends it again when the
 * lease runs out rather than losing it.
 */
public final class OutboxRelay {

    /** The port to the mail service (SES). */
    public interface Mailer {
        void send(OutboxRecord mail);
    }

    /** The port to the event bus (EventBridge). */
    public interface EventPublisher {
        void publish(OutboxRecord event);
    }

    static final java.time.Duration LEASE = java.time.Duration.ofMinutes(5);

    private final StateStore store;
    private final Mailer mailer;
    private final EventPublisher events;
    private final Clock clock;

    public OutboxRelay(StateStore store, Mailer mailer, EventPublisher events, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.events = events;
        this.clock = clock;
    }

    /** Relays everything due now; returns how many records were sent. */
    public int relay(int limit) {
        int sent = 0;
        var now = clock.instant();
        for (var due : store.due("outbox", now.toString(), limit)) {
            if (!store.lease(due, now.plus(LEASE))) continue;
            var record = store.outboxRecord(due.customerId(), due.id());
            if (record.isEmpty()) continue;
            switch (record.get().channel()) {
                case MAIL -> mailer.send(record.get());
                case EVENT -> events.publish(record.get());
            }
            if (store.markSent(record.get(), now)) sent++;
        }
        return sent;
    }
}
