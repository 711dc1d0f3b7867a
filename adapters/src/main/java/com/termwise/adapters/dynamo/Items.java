package com.termwise.adapters.dynamo;

import com.termwise.adapters.dynamo.Attributes.Reader;
import com.termwise.adapters.dynamo.Attributes.Writer;
import com.termwise.app.CustomerProfile;
import com.termwise.app.Delivery;
import com.termwise.app.IdempotencyRecord;
import com.termwise.app.LedgerEntry;
import com.termwise.app.OutboxRecord;
import com.termwise.app.Payment;
import com.termwise.app.Purchase;
import com.termwise.app.Refund;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.rules.Promotion;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.RenewalCharge;
import com.termwise.domain.subscription.ScheduledChange;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.DayOfWeek;
import java.util.Map;
import java.util.Optional;

/**
 * The single-table layout (docs/design.md): every customer's records under {@code PK=CUSTOMER#id},
 * told apart by sort key; lookups that arrive without a customer (a Stripe payment, an event id,
 * a catalog's offer) have their own partitions. One codec per record, both directions, here.
 */
final class Items {

    static final String PK = "PK", SK = "SK", VERSION = "version", DUE_SHARD = "dueShard", DUE_AT = "dueAt", EXPIRES_AT = "expiresAt";

    static String customerKey(String id) { return "CUSTOMER#" + id; }
    static final String PROFILE = "PROFILE";
    static String orderKey(String id) { return "ORDER#" + id; }
    static String subscriptionKey(String id) { return "SUB#" + id; }
    static String enrolmentKey(String id) { return "ENROL#" + id; }
    /** Keyed by subscription and month, not date: a delay moves the date, and a month's delivery can exist only once. */
    static String deliveryKey(String subscriptionId, int month) { return "DELIVERY#" + subscriptionId + "#" + String.format("%03d", month); }
    static String paymentKey(String paymentIntentId) { return "PAYMENT#" + paymentIntentId; }
    static String ledgerKey(LedgerEntry e) { return "LEDGER#" + e.at() + "#" + e.id(); }
    static String outboxKey(String id) { return "OUTBOX#" + id; }
    static String noticeKey(String id) { return "NOTICE#" + id; }
    static String idempotencyKey(String key) { return "IDEMPOTENCY#" + key; }
    static String paymentLinkKey(String paymentIntentId) { return "PAYMENT#" + paymentIntentId; }
    static final String LINK = "LINK";
    static String ownerKey(String resourceId) { return "OWNER#" + resourceId; }
    static String rollKey(String roll) { return "ROLL#" + roll; }
    static String stripeEventKey(String id) { return "STRIPE_EVENT#" + id; }
    static String catalogKey(String id) { return "CATALOG#" + id; }
    static String promotionKey(String code) { return "PROMO#" + code; }
    static String withdrawnKey(String courseId) { return "WITHDRAWN#" + courseId; }

    private Items() {}

    private static Writer keyed(String pk, String sk, String type) {
        return new Writer().s(PK, pk).s(SK, sk).s("type", type);
    }

    // ---- orders ----

    static Map<String, AttributeValue> purchase(Purchase p, long version) {
        var o = p.order();
        var w = keyed(customerKey(o.customerId()), orderKey(o.id()), "ORDER")
                .s("id", o.id()).s("customerId", o.customerId()).s("catalog", o.catalogId()).s("terms", o.termsVersion().toString()).s("plan", o.planId()).s("state", o.state().name())
                .money("total", o.total()).money("paid", o.paid()).money("refunded", o.refunded()).bool("discounted", o.discounted())
                .s("promoCode", o.promoCode()).s("orderedOn", o.orderedOn().toString()).s("paidOn", o.paidOn()).s("contractDate", o.contractDate())
                .map("consents", consents(o.consents())).n(VERSION, version)
                .s("sessionId", p.sessionId()).s("checkoutUrl", p.checkoutUrl()).s("sessionExpiresAt", p.expiresAt())
                .charges("charges", p.charges()).strings("consentsShown", p.consentsShown()).s("subscriptionId", p.subscriptionId())
                .list("refunds", p.refunds().stream().map(f -> AttributeValue.fromM(new Writer().s("id", f.id())
                        .s("paymentIntentId", f.paymentIntentId()).money("amount", f.amount()).s("decidedOn", f.decidedOn().toString())
                        .s("dueBy", f.dueBy().toString()).s("state", f.state().name()).s("stripeRefundId", f.stripeRefundId())
                        .s("clause", f.clause()).build())).toList());
        p.serviceSuspension().ifPresent(s -> w.map("serviceSuspension", new Writer().s("start", s.start().toString()).s("end", s.end().toString()).build()));
        p.delivery().ifPresent(d -> w.map("delivery", new Writer().s("line1", d.line1()).s("line2", d.line2()).s("city", d.city())
                .s("postcode", d.postcode()).bool("weekendsExcluded", d.weekendsExcluded()).s("preferredDay", d.preferredDay()).build()));
        return w.build();
    }

    static Purchase purchase(Reader r) {
        // an order written before terms versions were recorded was made under the version in force on its day
        var order = new Order(r.s("id"), r.s("customerId"), r.s("catalog"), r.optDate("terms").orElse(r.date("orderedOn")), r.s("plan"), OrderState.valueOf(r.s("state")),
                r.money("total"), r.money("paid"), r.money("refunded"), r.bool("discounted"), r.optS("promoCode"), r.date("orderedOn"),
                r.optDate("paidOn"), r.optDate("contractDate"), consents(r.optMap("consents").orElseThrow()), r.n(VERSION));
        var delivery = r.optMap("delivery").map(d -> new Purchase.DeliveryAddress(d.s("line1"), d.optS("line2"), d.s("city"), d.s("postcode"),
                d.bool("weekendsExcluded"), d.optS("preferredDay").map(DayOfWeek::valueOf)));
        return new Purchase(order, r.optS("sessionId"), r.optS("checkoutUrl"), r.optInstant("sessionExpiresAt"), delivery,
                r.charges("charges"), r.strings("consentsShown"), r.optS("subscriptionId"), r.list("refunds", v -> {
                    var f = new Reader(v.m());
                    return new Refund(f.s("id"), f.s("paymentIntentId"), f.money("amount"), f.date("decidedOn"), f.date("dueBy"),
                            Refund.State.valueOf(f.s("state")), f.optS("stripeRefundId"), f.s("clause"));
                }), r.optMap("serviceSuspension").map(s -> new Period(s.date("start"), s.date("end"))));
    }

    private static Map<String, AttributeValue> consents(Consents c) {
        var w = new Writer().bool("begin", c.beginDuringCancellationPeriod()).bool("acknowledge", c.acknowledgeLossOfCancellationRight())
                .s("givenAt", c.givenAt()).s("confirmedOn", c.confirmedOn());
        c.parentalConsent().ifPresent(p -> w.bool("parental", p));
        return w.build();
    }

    private static Consents consents(Reader r) {
        return new Consents(r.bool("begin"), r.bool("acknowledge"),
                Optional.ofNullable(r.item().get("parental")).map(AttributeValue::bool), r.optInstant("givenAt"), r.optDate("confirmedOn"));
    }

    // ---- subscriptions ----

    static Map<String, AttributeValue> subscription(Subscription s, long version) {
        var w = keyed(customerKey(s.customerId()), subscriptionKey(s.id()), "SUBSCRIPTION")
                .s("id", s.id()).s("customerId", s.customerId()).s("catalog", s.catalogId()).s("terms", s.termsVersion().toString()).s("plan", s.planId()).s("state", s.state().name())
                .s("purchasedOn", s.purchasedOn().toString()).s("contractDate", s.contractDate().toString())
                .s("periodStart", s.currentPeriod().map(Period::start)).s("periodEnd", s.currentPeriod().map(Period::end))
                .n("cycle", s.cycle()).n("renewals", s.renewals()).s("minimumTermEnd", s.minimumTermEnd())
                .money("periodPrice", s.periodPrice()).money("paidThisPeriod", s.paidThisPeriod())
                .bool("discounted", s.discounted()).bool("promotional", s.promotional()).map("consents", consents(s.consents()))
                .s("firstDeliveryReceivedOn", s.firstDeliveryReceivedOn()).s("endsOn", s.endsOn()).s("pausedOn", s.pausedOn())
                .s("previousPlan", s.previousPlanId()).n(VERSION, version)
                .list("scheduledChanges", s.scheduledChanges().stream().map(c -> AttributeValue.fromM(new Writer().s("kind", c.kind().name())
                        .s("effectiveDate", c.effectiveDate().toString()).s("plan", c.planId()).n("newPrice", c.newPriceMinor()).build())).toList());
        s.renewalCharge().ifPresent(c -> w.map("renewalCharge", new Writer().n("cycle", c.cycle()).n("attempt", c.attempt())
                .s("status", c.status().name()).s("firstFailedOn", c.firstFailedOn()).s("paymentIntentId", c.paymentIntentId()).build()));
        return w.build();
    }

    static Subscription subscription(Reader r) {
        var period = r.optDate("periodStart").map(start -> new Period(start, r.date("periodEnd")));
        return Subscription.written(r.s("id"), r.s("customerId"), r.s("catalog"), r.s("plan")).termsVersion(r.optDate("terms").orElse(null))
                .state(SubscriptionState.valueOf(r.s("state")))
                .bought(r.date("purchasedOn"), r.date("contractDate")).currentPeriod(period).cycle(r.i("cycle")).renewals(r.i("renewals"))
                .minimumTermEnd(r.optDate("minimumTermEnd")).price(r.money("periodPrice"), r.money("paidThisPeriod"))
                .discounted(r.bool("discounted")).promotional(r.bool("promotional")).consents(consents(r.optMap("consents").orElseThrow()))
                .firstDeliveryReceivedOn(r.optDate("firstDeliveryReceivedOn")).endsOn(r.optDate("endsOn"))
                .scheduledChanges(r.list("scheduledChanges", v -> {
                    var c = new Reader(v.m());
                    return new ScheduledChange(ScheduledChange.Kind.valueOf(c.s("kind")), c.date("effectiveDate"), c.s("plan"), c.n("newPrice"));
                }))
                .pausedOn(r.optDate("pausedOn")).previousPlanId(r.optS("previousPlan"))
                .renewalCharge(r.optMap("renewalCharge").map(c -> new RenewalCharge(c.i("cycle"), c.i("attempt"),
                        RenewalCharge.Status.valueOf(c.s("status")), c.optDate("firstFailedOn"), c.optS("paymentIntentId"))))
                .version(r.n(VERSION)).build();
    }

    // ---- enrolments, deliveries, payments, ledger ----

    static Map<String, AttributeValue> enrolment(Enrolment e, long version) {
        return keyed(customerKey(e.customerId()), enrolmentKey(e.id()), "ENROLMENT").s("id", e.id()).s("customerId", e.customerId())
                .s("courseId", e.courseId()).s("orderId", e.orderId()).s("subscriptionId", e.subscriptionId()).n("progress", e.progressPercent())
                .s("enrolledOn", e.enrolledOn().toString()).s("accessEndsOn", e.accessEndsOn()).n(VERSION, version).build();
    }

    static Enrolment enrolment(Reader r) {
        return new Enrolment(r.s("id"), r.s("customerId"), r.s("courseId"), r.optS("orderId"), r.optS("subscriptionId"), r.i("progress"),
                r.date("enrolledOn"), r.optDate("accessEndsOn"), r.n(VERSION));
    }

    static Map<String, AttributeValue> delivery(Delivery d, long version) {
        return keyed(customerKey(d.customerId()), deliveryKey(d.subscriptionId(), d.month()), "DELIVERY").s("id", d.id())
                .s("customerId", d.customerId()).s("subscriptionId", d.subscriptionId()).n("month", d.month())
                .s("scheduledDate", d.scheduledDate().toString()).s("state", d.state().name()).charges("charges", d.charges())
                .n(VERSION, version).build();
    }

    static Delivery delivery(Reader r) {
        return new Delivery(r.s("id"), r.s("customerId"), r.s("subscriptionId"), r.i("month"), r.date("scheduledDate"),
                Delivery.State.valueOf(r.s("state")), r.charges("charges"), r.n(VERSION));
    }

    static Map<String, AttributeValue> payment(Payment p) {
        return keyed(customerKey(p.customerId()), paymentKey(p.paymentIntentId()), "PAYMENT").s("paymentIntentId", p.paymentIntentId())
                .s("customerId", p.customerId()).s("orderId", p.orderId()).s("subscriptionId", p.subscriptionId()).n("cycle", p.cycle())
                .s("chargeId", p.chargeId()).money("amount", p.amount()).s("status", p.status().name()).s("date", p.date().toString())
                .s("failure", p.failure()).build();
    }

    static Payment payment(Reader r) {
        return new Payment(r.s("paymentIntentId"), r.s("customerId"), r.s("orderId"), r.optS("subscriptionId"), r.i("cycle"),
                r.optS("chargeId"), r.money("amount"), Payment.Status.valueOf(r.s("status")), r.date("date"), r.optS("failure"));
    }

    static Map<String, AttributeValue> ledger(LedgerEntry e) {
        return keyed(customerKey(e.customerId()), ledgerKey(e), "LEDGER").s("id", e.id()).s("customerId", e.customerId())
                .s("at", e.at().toString()).s("kind", e.kind().name()).money("amount", e.amount()).s("orderId", e.orderId())
                .s("subscriptionId", e.subscriptionId()).s("reference", e.reference()).s("clause", e.clause()).build();
    }

    static LedgerEntry ledger(Reader r) {
        return new LedgerEntry(r.s("id"), r.s("customerId"), r.instant("at"), LedgerEntry.Kind.valueOf(r.s("kind")), r.money("amount"),
                r.s("orderId"), r.optS("subscriptionId"), r.s("reference"), r.s("clause"));
    }

    // ---- reconciliation ----

    static final String RECONCILIATION = "RECONCILIATION";

    static Map<String, AttributeValue> mismatch(com.termwise.app.Mismatch m) {
        var w = keyed(RECONCILIATION, "MISMATCH#" + m.day() + "#" + m.key(), "MISMATCH").s("day", m.day().toString()).s("key", m.key())
                .s("kind", m.kind().name()).s("customerId", m.customerId()).s("orderId", m.orderId()).s("stripeId", m.stripeId())
                .s("detail", m.detail());
        m.stripeAmount().ifPresent(a -> w.money("stripeAmount", a));
        m.termwiseAmount().ifPresent(a -> w.money("termwiseAmount", a));
        return w.build();
    }

    static com.termwise.app.Mismatch mismatch(Reader r) {
        return new com.termwise.app.Mismatch(r.date("day"), r.s("key"), com.termwise.app.Mismatch.Kind.valueOf(r.s("kind")), r.optS("customerId"),
                r.optS("orderId"), r.optS("stripeId"), r.optMoney("stripeAmount"),
                r.optMoney("termwiseAmount"), r.s("detail"));
    }

    // ---- profile, outbox, claims, offers ----

    static Map<String, AttributeValue> profile(CustomerProfile p, long version) {
        return keyed(customerKey(p.id()), PROFILE, "PROFILE").s("id", p.id()).s("email", p.email()).s("name", p.name())
                .s("stripeCustomer", p.stripeCustomer()).s("paymentMethod", p.paymentMethod())
                .s("marketingRefusedOn", p.marketingRefusedOn()).n(VERSION, version).build();
    }

    static CustomerProfile profile(Reader r) {
        return new CustomerProfile(r.s("id"), r.s("email"), r.s("name"), r.optS("stripeCustomer"), r.optS("paymentMethod"),
                r.optDate("marketingRefusedOn"), r.n(VERSION));
    }

    static Map<String, AttributeValue> notice(com.termwise.app.Notice n) {
        return keyed(customerKey(n.customerId()), noticeKey(n.id()), "NOTICE").s("id", n.id()).s("customerId", n.customerId())
                .s("subscriptionId", n.subscriptionId()).s("kind", n.kind().name()).s("sendOn", n.sendOn().toString())
                .s("about", n.about().toString()).s("state", n.state().name()).build();
    }

    static com.termwise.app.Notice notice(Reader r) {
        return new com.termwise.app.Notice(r.s("id"), r.s("customerId"), r.s("subscriptionId"), com.termwise.app.Notice.Kind.valueOf(r.s("kind")),
                r.date("sendOn"), r.date("about"), com.termwise.app.Notice.State.valueOf(r.s("state")));
    }

    static Map<String, AttributeValue> outbox(OutboxRecord o) {
        return keyed(customerKey(o.customerId()), outboxKey(o.id()), "OUTBOX").s("id", o.id()).s("customerId", o.customerId())
                .s("channel", o.channel().name()).s("template", o.template()).s("to", o.to()).s("subject", o.subject())
                .s("body", o.body()).s("html", o.html()).s("createdAt", o.createdAt().toString()).build();
    }

    static OutboxRecord outbox(Reader r) {
        return new OutboxRecord(r.s("id"), r.s("customerId"), OutboxRecord.Channel.valueOf(r.s("channel")), r.s("template"), r.optS("to"),
                r.s("subject"), r.s("body"), r.optS("html"), r.instant("createdAt"));
    }

    static Map<String, AttributeValue> idempotency(IdempotencyRecord k) {
        var w = keyed(customerKey(k.customerId()), idempotencyKey(k.key()), "IDEMPOTENCY_KEY").s("customerId", k.customerId()).s("key", k.key())
                .s("requestHash", k.requestHash()).s("resourceId", k.resourceId()).n(EXPIRES_AT, k.expiresAt().getEpochSecond());
        k.response().ifPresent(resp -> w.n("responseStatus", resp.status()).s("responseBody", resp.body()));
        return w.build();
    }

    static IdempotencyRecord idempotency(Reader r) {
        var response = r.optS("responseBody").map(body -> new IdempotencyRecord.StoredResponse(r.i("responseStatus"), body));
        return new IdempotencyRecord(r.s("customerId"), r.s("key"), r.s("requestHash"), r.s("resourceId"), response,
                java.time.Instant.ofEpochSecond(r.n(EXPIRES_AT)));
    }

    static Map<String, AttributeValue> promotion(Promotion p) {
        return keyed(catalogKey(p.catalogId()), promotionKey(p.code()), "PROMOTION").s("catalog", p.catalogId()).s("code", p.code())
                .n("percentOff", p.percentOff()).s("createdOn", p.createdOn().toString()).s("expiresOn", p.expiresOn().toString())
                .s("withdrawnOn", p.withdrawnOn()).s("forCustomer", p.forCustomer()).build();
    }

    static Promotion promotion(Reader r) {
        return new Promotion(r.s("catalog"), r.s("code"), r.i("percentOff"), r.date("createdOn"), r.date("expiresOn"),
                r.optDate("withdrawnOn"), r.optS("forCustomer"));
    }
}
