package com.termwise.app;

import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One atomic change of state (docs/design.md): the aggregates it changes, each conditional on the
 * version it was read at, its ledger entries, its outbox records and the claims that make it
 * happen once (a Stripe event id, an Idempotency-Key). A store commits all of it or none of it.
 */
public final class Changes {

    /** When an aggregate next needs scheduled work (a renewal, a delivery), for the due-date index. */
    public record Due(DueWork work, String at) {
        public static Due on(DueWork work, LocalDate day) {
            return new Due(work, day.toString());
        }
    }

    public sealed interface Write {
        /** {@code readAt}: the version this change was computed from; 0 means "must not exist yet". */
        /** A purchase with a refund Stripe has not yet accepted stays on the due index, so a sweep sends it if the first try failed. */
        record PutPurchase(Purchase purchase, long readAt, Optional<Due> due) implements Write {
            public PutPurchase(Purchase purchase, long readAt) {
                this(purchase, readAt, purchase.refunds().stream().filter(r -> r.state() == Refund.State.REQUESTED)
                        .map(Refund::decidedOn).min(LocalDate::compareTo).map(d -> Due.on(DueWork.REFUND, d)));
            }
        }
        record PutSubscription(Subscription subscription, long readAt, Optional<Due> due) implements Write {}
        /**
         * A delivery still to come is on the due index for the working day it is dispatched (meal-plans 7(c)); a
         * dispatched one, for the day its courier's confirmation is due (meal-plans 8(b) starts from it).
         */
        record PutDelivery(Delivery delivery, long readAt, Optional<Due> due) implements Write {
            public PutDelivery(Delivery delivery, long readAt) {
                this(delivery, readAt, switch (delivery.state()) {
                    case SCHEDULED -> Optional.of(Due.on(DueWork.DELIVERY, com.termwise.domain.rules.DeliverySchedule.dispatchOn(delivery.scheduledDate())));
                    case DISPATCHED -> Optional.of(Due.on(DueWork.DELIVERY, com.termwise.domain.rules.DeliverySchedule.confirmationDueBy(delivery.scheduledDate())));
                    case UNCONFIRMED, DELIVERED, WITHHELD, CANCELLED -> Optional.empty();
                });
            }
        }
        /** {@code due}: when the account is looked at for anonymisation (course-provider 4.3). */
        record PutProfile(CustomerProfile profile, long readAt, Optional<Due> due) implements Write {
            public PutProfile(CustomerProfile profile, long readAt) {
                this(profile, readAt, Optional.empty());
            }
        }
        /** An enrolment whose access will end is on the due index for that day, so the customer is told (course-provider 4.3). */
        record PutEnrolment(Enrolment enrolment, long readAt, Optional<Due> due) implements Write {
            public PutEnrolment(Enrolment enrolment, long readAt) {
                this(enrolment, readAt, enrolment.accessEndsOn().map(d -> Due.on(DueWork.ACCESS, d)));
            }
        }
        /** A mail for a later day (see {@link Notice}); written again, it replaces the one scheduled. */
        record PutNotice(Notice notice) implements Write {
            public Optional<Due> due() {
                return notice.state() == Notice.State.SCHEDULED ? Optional.of(Due.on(DueWork.NOTICE, notice.sendOn())) : Optional.empty();
            }
        }
        /** Who owns a resource a system or operator names by id alone (an enrolment, a delivery). */
        record OwnerLink(String resourceId, String customerId) implements Write {}
        /**
         * An entry on a roll: everyone enrolled on a course ({@code course:<catalog>:<id>}), everyone
         * on a plan ({@code plan:<catalog>:<id>}), for the operator actions that reach all of them.
         */
        record RollEntry(String roll, String memberId, String customerId) implements Write {}
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
