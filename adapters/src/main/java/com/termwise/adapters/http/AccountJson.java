package com.termwise.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.termwise.app.CustomerAccount;
import com.termwise.app.Delivery;
import com.termwise.app.Payment;
import com.termwise.app.Purchase;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Subscription;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static com.termwise.adapters.http.ApiResponses.money;

/** The customer's own records in API.md's shapes: an order, a subscription, and {@code GET /v1/me}. */
public final class AccountJson {

    private AccountJson() {}

    public static void order(JsonGenerator json, Purchase p, List<Payment> payments) throws IOException {
        var o = p.order();
        json.writeStartObject();
        json.writeStringField("orderId", o.id());
        json.writeStringField("catalog", o.catalogId());
        json.writeStringField("plan", o.planId());
        json.writeStringField("state", o.state().name());
        money(json, "total", o.total());
        money(json, "paid", o.paid());
        money(json, "refunded", o.refunded());
        json.writeStringField("orderedOn", o.orderedOn().toString());
        if (o.contractDate().isPresent()) json.writeStringField("contractDate", o.contractDate().get().toString());
        if (p.subscriptionId().isPresent()) json.writeStringField("subscriptionId", p.subscriptionId().get());
        if (p.sessionId().isPresent()) json.writeStringField("sessionId", p.sessionId().get());
        ApiResponses.charges(json, p.charges());
        json.writeObjectFieldStart("consents");
        json.writeBooleanField("beginDuringCancellationPeriod", o.consents().beginDuringCancellationPeriod());
        json.writeBooleanField("acknowledgeLossOfCancellationRight", o.consents().acknowledgeLossOfCancellationRight());
        if (o.consents().parentalConsent().isPresent()) json.writeBooleanField("parentalConsent", o.consents().parentalConsent().get());
        if (o.consents().givenAt().isPresent()) json.writeStringField("givenAt", o.consents().givenAt().get().toString());
        json.writeArrayFieldStart("shown");
        for (var s : p.consentsShown()) json.writeString(s);
        json.writeEndArray();
        json.writeEndObject();
        json.writeArrayFieldStart("payments");
        for (var payment : payments) payment(json, payment);
        json.writeEndArray();
        json.writeEndObject();
    }

    public static void subscription(JsonGenerator json, Subscription s, Catalog catalog, List<Delivery> deliveries) throws IOException {
        var plan = catalog.plan(s.planId()).orElseThrow();
        json.writeStartObject();
        json.writeStringField("id", s.id());
        json.writeStringField("catalog", s.catalogId());
        json.writeStringField("plan", s.planId());
        json.writeStringField("state", s.state().name());
        if (s.currentPeriod().isPresent()) {
            json.writeObjectFieldStart("currentPeriod");
            json.writeStringField("start", s.currentPeriod().get().start().toString());
            json.writeStringField("end", s.currentPeriod().get().end().toString());
            json.writeEndObject();
        }
        date(json, "nextRenewalDate", RenewalSchedule.nextRenewalDate(plan.terms(), s));
        date(json, "minimumTermEnd", s.minimumTermEnd());
        date(json, "endsOn", s.endsOn());
        money(json, "periodPrice", s.periodPrice());
        date(json, "nextDeliveryDate", deliveries.stream().filter(d -> d.subscriptionId().equals(s.id()) && d.state() == Delivery.State.SCHEDULED)
                .map(Delivery::scheduledDate).min(java.util.Comparator.naturalOrder()));
        json.writeArrayFieldStart("scheduledChanges");
        for (var c : s.scheduledChanges()) {
            json.writeStartObject();
            json.writeStringField("kind", c.kind().name());
            json.writeStringField("effectiveDate", c.effectiveDate().toString());
            json.writeStringField("plan", c.planId());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    public static void me(JsonGenerator json, CustomerAccount account, java.util.function.Function<String, Catalog> catalogs) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("orders");
        for (var p : account.purchases()) order(json, p, account.paymentsFor(p.id()));
        json.writeEndArray();
        json.writeArrayFieldStart("subscriptions");
        for (var s : account.subscriptions()) subscription(json, s, catalogs.apply(s.catalogId()), account.deliveries());
        json.writeEndArray();
        json.writeArrayFieldStart("enrolments");
        for (var e : account.enrolments()) {
            json.writeStartObject();
            json.writeStringField("id", e.id());
            json.writeStringField("courseId", e.courseId());
            json.writeNumberField("progress", e.progressPercent());
            json.writeStringField("enrolledOn", e.enrolledOn().toString());
            date(json, "accessEndsOn", e.accessEndsOn());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("deliveries");
        for (var d : account.deliveries()) {
            json.writeStartObject();
            json.writeStringField("id", d.id());
            json.writeStringField("subscriptionId", d.subscriptionId());
            json.writeStringField("scheduledDate", d.scheduledDate().toString());
            json.writeStringField("state", d.state().name());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("payments");
        for (var p : account.payments()) payment(json, p);
        json.writeEndArray();
        money(json, "balanceOwed", account.balanceOwed(Money.GBP));
        json.writeEndObject();
    }

    private static void payment(JsonGenerator json, Payment p) throws IOException {
        json.writeStartObject();
        json.writeStringField("paymentIntentId", p.paymentIntentId());
        if (p.chargeId().isPresent()) json.writeStringField("chargeId", p.chargeId().get());
        money(json, "amount", p.amount());
        json.writeStringField("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("date", p.date().toString());
        if (p.failure().isPresent()) json.writeStringField("failure", p.failure().get());
        json.writeEndObject();
    }

    private static void date(JsonGenerator json, String field, Optional<java.time.LocalDate> date) throws IOException {
        if (date.isPresent()) json.writeStringField(field, date.get().toString());
    }

}
