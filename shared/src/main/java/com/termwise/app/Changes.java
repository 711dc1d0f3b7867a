package com.termwise.app;

import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One atomic change of state (DESIGN.md): the aggregates it changes, each conditional on the
 * version it was read at, its ledger entries, its outbox records and the claims that make it
 * happen once (a Stripe event id, an Idempotency-Key). A store commits all of it or none of it.
 */
public final class Changes {

    /** When an aggregate next needs scheduled work (a renewal, a delivery), for the due-date index. */
    public record Due(String work, String at) {
        public static Due on(String work, LocalDate day) {
            return new Due(work, day.toString());
        }
    }

    public sealed interface Write {
        /** {@code readAt}: the version this change was computed from; 0 means "must not exist yet". */
        record PutPurchase(Purchase purchase, long readAt) implements Write {}
        record PutSubscription(Subscription subscription, long readAt, Optional<Due> due) implements Write {}
        record PutDelivery(Delivery delivery, long readAt, Optional<Due> due) implements Write {}
        record PutProfile(CustomerProfile profile, long readAt) implements Write {}
        record PutEnrolment(Enrolment enrolment) implements Write {}
        record PutPayment(Payment payment) implements Write {}
        record PaymentLink(String paymentIntentId, String customerId, String orderId) implements Write {}
        record Ledger(LedgerEntry entry) implements Write {}
        record Outbox(OutboxRecord record) implements Write {}
        /** Fails the whole change if this Stripe event was applied before. */
        record ClaimStripeEvent(String eventId, Instant expiresAt) implements Write {}
        /** Fails the whole change if the key was claimed before. */
        record ClaimIdempotencyKey(IdempotencyRecord record) implements Write {}
        record FinishIdempotencyKey(IdempotencyRecord record) implements Write {}
    }

    private final List<Write> writes = new ArrayList<>();

    public Changes add(Write write) {
        writes.add(write);
        return this;
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }
}
