package com.termwise.adapters.dynamo;

import com.termwise.adapters.dynamo.Attributes.Reader;
import com.termwise.app.Changes;
import com.termwise.app.Changes.Write.*;
import com.termwise.app.CustomerAccount;
import com.termwise.app.CustomerProfile;
import com.termwise.app.IdempotencyRecord;
import com.termwise.app.OutboxRecord;
import com.termwise.app.Purchase;
import com.termwise.app.StateStore;
import com.termwise.domain.rules.Promotion;
import com.termwise.domain.subscription.Subscription;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.termwise.adapters.dynamo.Items.*;

/**
 * {@link StateStore} on one DynamoDB table. Every change is one {@code TransactWriteItems}: each
 * aggregate conditional on the version it was read at, claims conditional on not existing. Due
 * work is written to a sparse GSI ({@code dueShard}, {@code dueAt}) with the shard chosen by a
 * hash of the item's key, so reading it costs what is due, never a scan.
 */
public final class DynamoStateStore implements StateStore {

    /** Write shards per kind of due work: spreads a day's renewals over partitions of the index. */
    public static final int DUE_SHARDS = 8;
    public static final String DUE_INDEX = "due";

    private final DynamoDbClient dynamo;
    private final String table;
    private final java.time.Clock clock;

    /** {@code clock}: an Idempotency-Key is forgotten at its expiry even before TTL deletion (which lags) removes it. */
    public DynamoStateStore(DynamoDbClient dynamo, String table, java.time.Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Purchase> purchase(String customerId, String orderId) {
        return get(customerKey(customerId), orderKey(orderId)).map(Items::purchase);
    }

    @Override
    public Optional<Subscription> subscription(String customerId, String subscriptionId) {
        return get(customerKey(customerId), subscriptionKey(subscriptionId)).map(Items::subscription);
    }

    @Override
    public CustomerAccount account(String customerId) {
        var profile = Optional.<CustomerProfile>empty();
        var purchases = new ArrayList<Purchase>();
        var subscriptions = new ArrayList<Subscription>();
        var enrolments = new ArrayList<com.termwise.domain.subscription.Enrolment>();
        var deliveries = new ArrayList<com.termwise.app.Delivery>();
        var payments = new ArrayList<com.termwise.app.Payment>();
        var ledger = new ArrayList<com.termwise.app.LedgerEntry>();
        var notices = new ArrayList<com.termwise.app.Notice>();
        var request = QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(customerKey(customerId)))).build();
        for (var item : dynamo.queryPaginator(request).items()) {
            var r = new Reader(item);
            switch (r.s("type")) {
                case "PROFILE" -> profile = Optional.of(Items.profile(r));
                case "ORDER" -> purchases.add(Items.purchase(r));
                case "SUBSCRIPTION" -> subscriptions.add(Items.subscription(r));
                case "ENROLMENT" -> enrolments.add(Items.enrolment(r));
                case "DELIVERY" -> deliveries.add(Items.delivery(r));
                case "PAYMENT" -> payments.add(Items.payment(r));
                case "LEDGER" -> ledger.add(Items.ledger(r));
                case "NOTICE" -> notices.add(Items.notice(r));
                default -> { } // outbox records and idempotency keys are not part of the account's view
            }
        }
        return new CustomerAccount(profile, purchases, subscriptions, enrolments, deliveries, payments, ledger, notices);
    }

    @Override
    public Optional<PaymentLink> paymentLink(String paymentIntentId) {
        return get(paymentLinkKey(paymentIntentId), LINK)
                .map(r -> new PaymentLink(paymentIntentId, r.s("customerId"), r.s("orderId")));
    }

    @Override
    public Optional<IdempotencyRecord> idempotencyKey(String customerId, String key) {
        return get(customerKey(customerId), Items.idempotencyKey(key)).map(Items::idempotency)
                .filter(k -> k.expiresAt().isAfter(clock.instant()));
    }

    @Override
    public Optional<Promotion> promotion(String catalogId, String code) {
        return get(catalogKey(catalogId), promotionKey(code)).map(Items::promotion);
    }

    @Override
    public void createPromotion(Promotion promotion) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Items.promotion(promotion)).conditionExpression("attribute_not_exists(PK)"));
        } catch (ConditionalCheckFailedException exists) {
            throw new AlreadyApplied("offer " + promotion.code() + " exists in " + promotion.catalogId());
        }
    }

    @Override
    public void withdrawCourse(String catalogId, String courseId, java.time.LocalDate on) {
        dynamo.putItem(b -> b.tableName(table).item(new Attributes.Writer().s(PK, catalogKey(catalogId)).s(SK, withdrawnKey(courseId))
                .s("type", "WITHDRAWN_COURSE").s("withdrawnOn", on.toString()).build()));
    }

    @Override
    public boolean isWithdrawn(String catalogId, String courseId) {
        return get(catalogKey(catalogId), withdrawnKey(courseId)).isPresent();
    }

    @Override
    public Optional<String> owner(String resourceId) {
        return get(ownerKey(resourceId), LINK).map(r -> r.s("customerId"));
    }

    @Override
    public List<RollEntry> roll(String roll) {
        var request = QueryRequest.builder().tableName(table).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(rollKey(roll)))).build();
        return dynamo.queryPaginator(request).items().stream()
                .map(item -> new RollEntry(roll, item.get(SK).s(), item.get("customerId").s())).toList();
    }

    @Override
    public Optional<OutboxRecord> outboxRecord(String customerId, String id) {
        return get(customerKey(customerId), outboxKey(id)).map(Items::outbox);
    }

    @Override
    public boolean markSent(OutboxRecord record, Instant sentAt) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(customerKey(record.customerId())), SK, AttributeValue.fromS(outboxKey(record.id()))))
                    .updateExpression("REMOVE dueShard, dueAt SET sentAt = :t").conditionExpression("attribute_exists(dueShard)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(sentAt.toString()))));
            return true;
        } catch (ConditionalCheckFailedException alreadySent) {
            return false;
        }
    }

    @Override
    public boolean done(DueItem item) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(customerKey(item.customerId())), SK, AttributeValue.fromS(item.sortKey())))
                    .updateExpression("REMOVE dueShard, dueAt").conditionExpression("dueAt = :was")
                    .expressionAttributeValues(Map.of(":was", AttributeValue.fromS(item.dueAt()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    @Override
    public boolean recordMismatch(com.termwise.app.Mismatch mismatch, OutboxRecord event) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(create(Items.mismatch(mismatch)),
                    outbox(event)));
            return true;
        } catch (TransactionCanceledException recordedBefore) {
            return false;
        }
    }

    @Override
    public List<com.termwise.app.Mismatch> mismatches(int limit) {
        var request = QueryRequest.builder().tableName(table).consistentRead(true).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Items.RECONCILIATION))).scanIndexForward(false).limit(limit).build();
        return dynamo.query(request).items().stream().map(item -> Items.mismatch(new Reader(item))).toList();
    }

    @Override
    public void park(OutboxRecord record, Instant parkedAt, String reason) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(Map.of(PK, AttributeValue.fromS(customerKey(record.customerId())), SK, AttributeValue.fromS(outboxKey(record.id()))))
                .updateExpression("REMOVE dueShard, dueAt SET parkedAt = :t, parkReason = :r")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(parkedAt.toString()),
                        ":r", AttributeValue.fromS(reason.length() > 500 ? reason.substring(0, 500) : reason))));
    }

    @Override
    public boolean lease(DueItem item, Instant until) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, AttributeValue.fromS(customerKey(item.customerId())), SK, AttributeValue.fromS(item.sortKey())))
                    .updateExpression("SET dueAt = :until").conditionExpression("dueAt = :was")
                    .expressionAttributeValues(Map.of(":until", AttributeValue.fromS(until.toString()), ":was", AttributeValue.fromS(item.dueAt()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public List<DueItem> due(com.termwise.app.DueWork work, String upTo, int limit) {
        var out = new ArrayList<DueItem>();
        for (int shard = 0; shard < DUE_SHARDS && out.size() < limit; shard++) {
            var request = QueryRequest.builder().tableName(table).indexName(DUE_INDEX)
                    .keyConditionExpression("dueShard = :s AND dueAt <= :t")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(work.key() + "#" + shard), ":t", AttributeValue.fromS(upTo)))
                    .limit(Math.min(limit, 1000)).build();
            for (var item : dynamo.queryPaginator(request).items()) {
                var pk = item.get(PK).s();
                out.add(new DueItem(pk.substring(pk.indexOf('#') + 1), item.get(SK).s(), item.get(DUE_AT).s()));
                if (out.size() >= limit) break;
            }
        }
        return out;
    }

    @Override
    public Optional<String> earliestDue(com.termwise.app.DueWork work) {
        Optional<String> earliest = Optional.empty();
        for (int shard = 0; shard < DUE_SHARDS; shard++) {
            var items = dynamo.query(QueryRequest.builder().tableName(table).indexName(DUE_INDEX).keyConditionExpression("dueShard = :s")
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(work.key() + "#" + shard))).limit(1).build()).items();
            if (items.isEmpty()) continue;
            var at = items.getFirst().get(DUE_AT).s();
            if (earliest.isEmpty() || at.compareTo(earliest.get()) < 0) earliest = Optional.of(at);
        }
        return earliest;
    }

    @Override
    public void commit(Changes changes) {
        var writes = changes.writes();
        if (writes.isEmpty()) return;
        var items = writes.stream().map(this::toTransactItem).toList();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())
                        && (writes.get(i) instanceof ClaimStripeEvent || writes.get(i) instanceof ClaimIdempotencyKey)) {
                    throw new AlreadyApplied(describe(writes.get(i)) + " was applied before");
                }
            }
            throw new ConcurrentChange("changed concurrently: " + e.getMessage());
        }
    }

    private TransactWriteItem toTransactItem(Changes.Write write) {
        return switch (write) {
            case PutPurchase p -> versioned(withDue(Items.purchase(p.purchase(), p.readAt() + 1), p.due()), p.readAt());
            case PutSubscription s -> versioned(withDue(Items.subscription(s.subscription(), s.readAt() + 1), s.due()), s.readAt());
            case PutDelivery d -> versioned(withDue(Items.delivery(d.delivery(), d.readAt() + 1), d.due()), d.readAt());
            case PutProfile p -> versioned(withDue(Items.profile(p.profile(), p.readAt() + 1), p.due()), p.readAt());
            case PutEnrolment e -> versioned(withDue(Items.enrolment(e.enrolment(), e.readAt() + 1), e.due()), e.readAt());
            case PutNotice n -> put(withDue(Items.notice(n.notice()), n.due()), Optional.empty());
            case OwnerLink o -> put(new Attributes.Writer().s(PK, ownerKey(o.resourceId())).s(SK, LINK).s("type", "OWNER_LINK")
                    .s("customerId", o.customerId()).build(), Optional.empty());
            case RollEntry r -> put(new Attributes.Writer().s(PK, rollKey(r.roll())).s(SK, r.memberId()).s("type", "ROLL_ENTRY")
                    .s("customerId", r.customerId()).build(), Optional.empty());
            case PutPayment p -> put(Items.payment(p.payment()), Optional.empty());
            case PaymentLink l -> put(new Attributes.Writer().s(PK, paymentLinkKey(l.paymentIntentId())).s(SK, LINK).s("type", "PAYMENT_LINK")
                    .s("customerId", l.customerId()).s("orderId", l.orderId()).build(), Optional.empty());
            case Ledger l -> create(withDue(Items.ledger(l.entry()), l.entry().reconciliation()));
            case Outbox o -> outbox(o.record());
            case ClaimStripeEvent c -> create(new Attributes.Writer().s(PK, stripeEventKey(c.eventId())).s(SK, "EVENT").s("type", "STRIPE_EVENT")
                    .n(EXPIRES_AT, c.expiresAt().getEpochSecond()).build());
            case ClaimIdempotencyKey k -> {
                var put = Put.builder().tableName(table).item(Items.idempotency(k.record()))
                        .conditionExpression("attribute_not_exists(PK) OR expiresAt < :now")
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))).build();
                yield TransactWriteItem.builder().put(put).build();
            }
            case FinishIdempotencyKey k -> put(Items.idempotency(k.record()), Optional.of("attribute_exists(PK)"));
        };
    }

    private static Map<String, AttributeValue> withDue(Map<String, AttributeValue> item, Optional<Changes.Due> due) {
        if (due.isEmpty()) return item;
        var out = new HashMap<>(item);
        out.put(DUE_SHARD, AttributeValue.fromS(due.get().work().key() + "#" + shardOf(item.get(SK).s())));
        out.put(DUE_AT, AttributeValue.fromS(due.get().at()));
        return out;
    }

    static int shardOf(String key) {
        return Math.floorMod(key.hashCode(), DUE_SHARDS);
    }

    private TransactWriteItem versioned(Map<String, AttributeValue> item, long readAt) {
        if (readAt == 0) return create(item);
        var put = Put.builder().tableName(table).item(item).conditionExpression("version = :read")
                .expressionAttributeValues(Map.of(":read", AttributeValue.fromN(Long.toString(readAt)))).build();
        return TransactWriteItem.builder().put(put).build();
    }

    /** An outbox record, due for the relay from when it was written. */
    private TransactWriteItem outbox(OutboxRecord record) {
        return create(withDue(Items.outbox(record), Optional.of(new Changes.Due(com.termwise.app.DueWork.OUTBOX, record.createdAt().toString()))));
    }

    private TransactWriteItem create(Map<String, AttributeValue> item) {
        return put(item, Optional.of("attribute_not_exists(PK)"));
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, Optional<String> condition) {
        var put = Put.builder().tableName(table).item(item);
        condition.ifPresent(put::conditionExpression);
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private Optional<Reader> get(String pk, String sk) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(new Reader(item));
    }

    private static String describe(Changes.Write write) {
        return switch (write) {
            case ClaimStripeEvent c -> "Stripe event " + c.eventId();
            case ClaimIdempotencyKey k -> "Idempotency-Key " + k.record().key();
            default -> write.getClass().getSimpleName();
        };
    }
}
