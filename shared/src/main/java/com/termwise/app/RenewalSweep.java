package com.termwise.app;

import java.util.ArrayList;

/**
 * The scheduled sweep (docs/design.md: triggers): reads what is due from the due-date index, shard by
 * shard in pages, never a scan, and queues one message per subscription. It decides nothing and
 * writes nothing: a sweep that runs twice queues a renewal twice, and the worker's conditional
 * write makes the second a no-op. Reading costs one index entry per due renewal.
 */
public final class RenewalSweep {

    /**
     * The due-index lists the sweeps read: {@code renewal} each morning (renewals, retries, plans ending, leases run
     * out); {@code recovery} every few minutes (a renewal a customer's new card is to pay at once).
     */

    /** SQS takes at most 10 messages per batch. */
    static final int BATCH = 10;

    private final StateStore store;
    private final RenewalQueue queue;
    private final java.time.Clock clock;

    public RenewalSweep(StateStore store, RenewalQueue queue, java.time.Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    /** Queues everything due by now on the morning list (renewals, retries, plans ending, leases run out); returns how many. */
    public int sweep(int limit) {
        return sweep(DueWork.RENEWAL, limit);
    }

    /** Queues everything due by now on {@code work}'s list ({@link DueWork#RENEWAL} or {@link DueWork#RECOVERY}); returns how many. */
    public int sweep(DueWork work, int limit) {
        var due = store.due(work, clock.instant().toString(), limit);
        var batch = new ArrayList<RenewalQueue.DueRenewal>(BATCH);
        for (var item : due) {
            batch.add(new RenewalQueue.DueRenewal(item.customerId(), item.id()));
            if (batch.size() == BATCH) {
                queue.send(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) queue.send(batch);
        return due.size();
    }
}
