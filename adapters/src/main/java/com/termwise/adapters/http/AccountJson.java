package com.termwise.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.termwise.app.CustomerAccount;
import com.termwise.app.NextPayment;
import com.termwise.app.PaymentGateway;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.rules.CoolingOffPeriod;
import com.termwise.domain.rules.PurchaseFacts;
import com.termwise.app.Delivery;
import com.termwise.app.Payment;
import com.termwise.app.Purchase;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.NoticeDeadline;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.ScheduledChange;
import com.termwise.domain.subscription.SubscriptionState;
import com.termwise.domain.subscription.Subscription;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static com.termwise.adapters.http.ApiResponses.money;

/** The customer's own records in docs/api.md's shapes: an order, a subscription, and {@code GET /v1/me}. */
public final class AccountJson {

    private AccountJson() {}

    public static void order(JsonGenerator json, Purchase p, CustomerAccount account, Catalog catalog, LocalDate today) throws IOException {
        var o = p.order();
        var payments = account.paymentsFor(p.id());
        json.writeStartObject();
        json.writeStringField("orderId", o.id());
        json.writeStringField("catalog", o.catalogId());
        json.writeStringField("termsVersion", o.termsVersion().toString());
        json.writeStringField("plan", o.planId());
        json.writeStringField("state", o.state().name());
        money(json, "total", o.total());
        money(json, "paid", o.paid());
        money(json, "refunded", o.refunded());
        json.writeStringField("orderedOn", o.orderedOn().toString());
        if (o.contractDate().isPresent()) json.writeStringField("contractDate", o.contractDate().get().toString());
        if (p.subscriptionId().isPresent()) json.writeStringField("subscriptionId", p.subscriptionId().get());
        if (p.sessionId().isPresent()) json.writeStringField("sessionId", p.sessionId().get());
        if (p.serviceSuspension().isPresent()) period(json, "serviceSuspension", p.serviceSuspension().get());
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
        json.writeArrayFieldStart("refunds");
        for (var r : p.refunds()) {
            json.writeStartObject();
            json.writeStringField("id", r.id());
            money(json, "amount", r.amount());
            json.writeStringField("state", r.state().name());
            json.writeStringField("decidedOn", r.decidedOn().toString());
            json.writeStringField("dueBy", r.dueBy().toString());
            json.writeStringField("clause", r.clause());
            if (r.stripeRefundId().isPresent()) json.writeStringField("stripeRefundId", r.stripeRefundId().get());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("payments");
        for (var payment : payments) payment(json, payment);
        json.writeEndArray();
        if (o.state() == OrderState.ACCEPTED) cancellationRight(json, catalog.plan(o.planId()).orElseThrow().terms(), account.facts(catalog, p), today);
        json.writeEndObject();
    }

    /**
     * The statutory information a customer is owed after buying (CCR 2013 Schedule 2(l)): whether the right to cancel
     * is open today, its last day, and the reasons with their clauses, as a cancellation would decide them now.
     */
    private static void cancellationRight(JsonGenerator json, com.termwise.domain.catalog.PlanTerms terms, PurchaseFacts facts, LocalDate today)
            throws IOException {
        var status = CoolingOffPeriod.assess(terms, facts, today, Optional.empty());
        json.writeObjectFieldStart("cancellationRight");
        json.writeBooleanField("open", status instanceof CoolingOffPeriod.Status.Open);
        date(json, "lastDay", CoolingOffPeriod.lastDay(terms, facts));
        ApiResponses.reasons(json, status.reasons());
        json.writeEndObject();
    }

    public static void subscription(JsonGenerator json, Subscription s, Catalog catalog, CustomerAccount account, LocalDate today) throws IOException {
        var deliveries = account.deliveries();
        var plan = catalog.plan(s.planId()).orElseThrow();
        var terms = plan.terms();
        json.writeStartObject();
        json.writeStringField("id", s.id());
        json.writeStringField("catalog", s.catalogId());
        json.writeStringField("termsVersion", s.termsVersion().toString());
        json.writeStringField("plan", s.planId());
        json.writeStringField("state", s.state().name());
        if (s.currentPeriod().isPresent()) period(json, "currentPeriod", s.currentPeriod().get());
        date(json, "nextRenewalDate", RenewalSchedule.nextRenewalDate(plan.terms(), s));
        if (s.state().live()) nextPayment(json, NextPayment.of(account, plan, s));
        var deadline = NoticeDeadline.shown(terms, s, today);
        date(json, "cancellationNoticeDeadline", deadline.map(NoticeDeadline.Protected::deadline));
        // the renewal that deadline stops: notice given today ends the plan there (its last day is the day before)
        date(json, "cancellationNoticeProtects", deadline.map(NoticeDeadline.Protected::renewal));
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
            money(json, "newPrice", Money.of(c.newPriceMinor(), s.periodPrice().currency())); // a plan change too: the price the customer will pay
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("allowedActions");
        for (var action : allowedActions(s, catalog, deliveries)) json.writeString(action);
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The payment the renewal worker will take, as the mails announce it: its day, its total, and what makes it up. */
    private static void nextPayment(JsonGenerator json, Optional<NextPayment> next) throws IOException {
        if (next.isEmpty()) return;
        json.writeObjectFieldStart("nextPayment");
        json.writeStringField("on", next.get().on().toString());
        money(json, "total", next.get().total());
        ApiResponses.charges(json, next.get().charges());
        money(json, "carriedOver", next.get().carriedOver());
        json.writeEndObject();
    }

    /** What the customer can ask for now; each is still decided by the terms when asked (a refusal says why). */
    static List<String> allowedActions(Subscription s, Catalog catalog, List<Delivery> deliveries) {
        var terms = catalog.plan(s.planId()).orElseThrow().terms();
        var out = new java.util.ArrayList<String>();
        var state = s.state();
        // notice is accepted in every state the plan has not already ended or been set to end in
        if (state == SubscriptionState.ACTIVE || state == SubscriptionState.PAST_DUE || state == SubscriptionState.PAUSED
                || (state == SubscriptionState.SUSPENDED && s.endsOn().isEmpty())) out.add("cancel");
        if (state == SubscriptionState.ACTIVE && terms.pause().isPresent()) out.add("pause");
        if (state == SubscriptionState.PAUSED) out.add("resume");
        if (state == SubscriptionState.ACTIVE && terms.planChange().isPresent()) out.add("change-plan");
        if (state.live() && catalog.rules().delivers()) {
            out.add("delivery-address");
            if (deliveries.stream().anyMatch(d -> d.subscriptionId().equals(s.id()) && d.month() > 1 && d.state() == Delivery.State.SCHEDULED)) out.add("delay-delivery");
        }
        if (state.live() && terms.courseCap().isPresent()) out.add("enrol");
        return out;
    }

    /** {@code card}: the saved card as Stripe shows it now (empty when none is saved or Stripe cannot say). */
    public static void me(JsonGenerator json, CustomerAccount account, java.util.function.Function<com.termwise.domain.catalog.UnderTerms, Catalog> catalogs, LocalDate today,
                          Optional<PaymentGateway.Card> card) throws IOException {
        json.writeStartObject();
        json.writeStringField("asOf", today.toString()); // the London day the account was read on: every date below is relative to it
        if (account.profile().isPresent()) {
            json.writeObjectFieldStart("customer");
            json.writeStringField("name", account.profile().get().name());
            json.writeStringField("email", account.profile().get().email());
            json.writeEndObject();
            var refused = account.profile().get().marketingRefusedOn();
            json.writeObjectFieldStart("marketing");
            json.writeBooleanField("offers", refused.isEmpty());
            if (refused.isPresent()) json.writeStringField("refusedOn", refused.get().toString());
            json.writeEndObject();
        }
        if (card.isPresent()) {
            json.writeObjectFieldStart("card");
            json.writeStringField("brand", card.get().brand());
            json.writeStringField("last4", card.get().last4());
            json.writeNumberField("expMonth", card.get().expMonth());
            json.writeNumberField("expYear", card.get().expYear());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("orders");
        for (var p : account.purchases()) order(json, p, account, catalogs.apply(p.order()), today);
        json.writeEndArray();
        json.writeArrayFieldStart("subscriptions");
        for (var s : account.subscriptions()) subscription(json, s, catalogs.apply(s), account, today);
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
            json.writeNumberField("month", d.month());
            json.writeStringField("scheduledDate", d.scheduledDate().toString());
            ApiResponses.charges(json, d.charges());
            json.writeStringField("state", d.state().name());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("payments");
        for (var p : account.payments()) payment(json, p);
        json.writeEndArray();
        json.writeArrayFieldStart("ledger");
        for (var e : account.ledger()) {
            json.writeStartObject();
            json.writeStringField("at", e.at().toString());
            json.writeStringField("kind", e.kind().name());
            money(json, "amount", e.amount());
            json.writeStringField("orderId", e.orderId());
            json.writeStringField("reference", e.reference());
            json.writeStringField("clause", e.clause());
            json.writeEndObject();
        }
        json.writeEndArray();
        money(json, "balanceOwed", account.balanceOwed(Money.GBP));
        json.writeEndObject();
    }

    private static void payment(JsonGenerator json, Payment p) throws IOException {
        json.writeStartObject();
        json.writeStringField("paymentIntentId", p.paymentIntentId());
        if (p.chargeId().isPresent()) json.writeStringField("chargeId", p.chargeId().get());
        money(json, "amount", p.amount());
        json.writeNumberField("cycle", p.cycle()); // the billing period it pays for (1: the checkout payment)
        json.writeStringField("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
        json.writeStringField("date", p.date().toString());
        if (p.failure().isPresent()) json.writeStringField("failure", p.failure().get());
        json.writeEndObject();
    }

    private static void date(JsonGenerator json, String field, Optional<java.time.LocalDate> date) throws IOException {
        if (date.isPresent()) json.writeStringField(field, date.get().toString());
    }

    /** A half-open period as docs/api.md writes them: {@code end} is the first day not in it. */
    private static void period(JsonGenerator json, String field, com.termwise.domain.calendar.Period period) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("start", period.start().toString());
        json.writeStringField("end", period.end().toString());
        json.writeEndObject();
    }
}
