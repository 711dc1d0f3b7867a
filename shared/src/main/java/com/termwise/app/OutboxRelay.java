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

    /** What one run did: records sent, records that failed and will be tried again, records parked for a person. */
    public record Result(int sent, int failed, java.util.List<String> parked) {}

    /**
     * A record that keeps failing is parked after this long (an address SES rejects, a template the bus refuses):
     * one bad record never holds up the others, and a person is told (template.yaml: OutboxParkedAlarm).
     */
    static final java.time.Duration PARK_AFTER = java.time.Duration.ofHours(24);
    static final java.time.Duration MAX_BACKOFF = java.time.Duration.ofHours(1);

    /** Relays everything due now, each record on its own: one that fails is retried later, not in the way of the rest. */
    public Result relay(int limit) {
        int sent = 0, failed = 0;
        var parked = new java.util.ArrayList<String>();
        var now = clock.instant();
        for (var due : store.due(DueWork.OUTBOX, now.toString(), limit)) {
            if (!store.lease(due, now.plus(LEASE))) continue;
            var record = store.outboxRecord(due.customerId(), due.id());
            if (record.isEmpty()) continue;
            try {
                switch (record.get().channel()) {
                    case MAIL -> mailer.send(record.get());
                    case EVENT -> events.publish(record.get());
                }
            } catch (RuntimeException e) {
                var age = java.time.Duration.between(record.get().createdAt(), now);
                if (age.compareTo(PARK_AFTER) >= 0) {
                    store.park(record.get(), now, e.toString());
                    parked.add(record.get().id());
                } else {
                    failed++;
                    // back off with the record's age: half of it, no sooner than the lease ends, at most an hour between tries
                    var half = age.dividedBy(2);
                    var wait = half.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : half;
                    if (wait.compareTo(LEASE) > 0) store.lease(due.leasedUntil(now.plus(LEASE)), now.plus(wait));
                }
                continue;
            }
            if (store.markSent(record.get(), now)) sent++;
        }
        return new Result(sent, failed, java.util.List.copyOf(parked));
    }
}
