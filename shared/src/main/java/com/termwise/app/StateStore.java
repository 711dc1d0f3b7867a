package com.termwise.app;

import com.termwise.domain.rules.Promotion;
import com.termwise.domain.subscription.Subscription;

import java.util.List;
import java.util.Optional;

/** The port to Termwise's state (docs/design.md: one table). Reads by key; every write goes through {@link #commit}. */
public interface StateStore {

    Optional<Purchase> purchase(String customerId, String orderId);

    Optional<Subscription> subscription(String customerId, String subscriptionId);

    CustomerAccount account(String customerId);

    /** Which customer and order a Stripe PaymentIntent belongs to. */
    Optional<Changes.Write.PaymentLink> paymentLink(String paymentIntentId);

    /** Which customer owns an enrolment or a delivery (written with it as a {@link Changes.Write.OwnerLink}). */
    Optional<String> owner(String resourceId);

    /** Everyone on a roll (see {@link Changes.Write.RollEntry}), read in pages. */
    List<Changes.Write.RollEntry> roll(String roll);

    Optional<IdempotencyRecord> idempotencyKey(String customerId, String key);

    Optional<Promotion> promotion(String catalogId, String code);

    /** course-provider 19.5, online-courses 11.3: a course the provider withdrew is no longer sold or started. */
    void withdrawCourse(String catalogId, String courseId, java.time.LocalDate on);

    boolean isWithdrawn(String catalogId, String courseId);

    /** Creates an offer; {@link AlreadyApplied} if the catalog already has one with its code. */
    void createPromotion(Promotion promotion) throws AlreadyApplied;

    /** Work of one kind due at or before {@code upTo}: read per shard of the due-date index, in pages, never by scanning. */
    List<DueItem> due(DueWork work, String upTo, int limit);

    /** The earliest due time of a kind of work (one item per shard read): lets a test clock jump to the next day anything is due. */
    Optional<String> earliestDue(DueWork work);

    Optional<OutboxRecord> outboxRecord(String customerId, String id);

    /** Takes a sent outbox record off the due index; false if another sender already did (send once). */
    boolean markSent(OutboxRecord record, java.time.Instant sentAt);

    /** Takes an outbox record that kept failing off the due index, kept with why, for a person to look at. */
    void park(OutboxRecord record, java.time.Instant parkedAt, String reason);

    /**
     * Takes a due item for one sender: moves its due time to {@code until} if it is still what was
     * read, so another sender reading the index at the same time skips it; if the holder stops before
     * finishing, the item falls due again at {@code until}. False if someone else took it first.
     */
    boolean lease(DueItem item, java.time.Instant until);

    /** Takes a due item off the index once its work is done; false if it changed since it was read (someone else did it). */
    boolean done(DueItem item);

    /** Records a reconciliation mismatch, with {@code event} in the outbox, once: false if it was recorded before. */
    boolean recordMismatch(Mismatch mismatch, OutboxRecord event);

    /** The mismatches found, newest day first. */
    List<Mismatch> mismatches(int limit);

    /** Applies every write or none. */
    void commit(Changes changes) throws ConcurrentChange, AlreadyApplied;

    /** A due-index entry: the item's keys and when it is due. */
    record DueItem(String customerId, String sortKey, String dueAt) {
        /** The id of the item that is due: its sort key after the kind ({@code ORDER#ord_…}, {@code OUTBOX#out_…}). */
        public String id() {
            return sortKey.substring(sortKey.indexOf('#') + 1);
        }

        /** This item as {@link StateStore#lease} left it: due again at {@code until}. */
        public DueItem leasedUntil(java.time.Instant until) {
            return new DueItem(customerId, sortKey, until.toString());
        }
    }

    /** Someone else changed an aggregate since it was read: re-read and decide again. */
    final class ConcurrentChange extends RuntimeException {
        public ConcurrentChange(String message) {
            super(message);
        }
    }

    /** The change's claim (a Stripe event id, an idempotency key) was already taken: it happened before. */
    final class AlreadyApplied extends RuntimeException {
        public AlreadyApplied(String message) {
            super(message);
        }
    }
}
