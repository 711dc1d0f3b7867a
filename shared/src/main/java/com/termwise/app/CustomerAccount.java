package com.termwise.app;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.PurchaseFacts;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;

import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Everything kept under one customer (one DynamoDB partition, read with one query). */
public record CustomerAccount(Optional<CustomerProfile> profile, List<Purchase> purchases, List<Subscription> subscriptions,
                              List<Enrolment> enrolments, List<Delivery> deliveries, List<Payment> payments,
                              List<LedgerEntry> ledger, List<Notice> notices) {

    private static final EnumSet<Charge.Kind> DELIVERY_CHARGES = EnumSet.of(Charge.Kind.DELIVERY_CHARGE, Charge.Kind.WEEKEND_SURCHARGE,
            Charge.Kind.PUBLIC_HOLIDAY_SURCHARGE, Charge.Kind.REGIONAL_SURCHARGE);

    public Optional<Purchase> purchase(String orderId) {
        return purchases.stream().filter(p -> p.id().equals(orderId)).findFirst();
    }

    public Optional<Subscription> subscription(String id) {
        return subscriptions.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Enrolment> enrolment(String id) {
        return enrolments.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Delivery> delivery(String id) {
        return deliveries.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The order a subscription was bought with. */
    public Purchase purchaseOf(Subscription subscription) {
        return purchases.stream().filter(p -> p.subscriptionId().equals(Optional.of(subscription.id()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("subscription " + subscription.id() + " has no order"));
    }

    /** A subscription's deliveries still to come, soonest first. */
    public List<Delivery> scheduledDeliveries(String subscriptionId) {
        return deliveries.stream().filter(d -> d.subscriptionId().equals(subscriptionId) && d.state() == Delivery.State.SCHEDULED)
                .sorted(java.util.Comparator.comparing(Delivery::scheduledDate)).toList();
    }

    /** The courses taken under a purchase: the course it bought, or those a membership bought with it gave access to. */
    public List<Enrolment> enrolmentsUnder(Purchase purchase) {
        return enrolments.stream().filter(e -> e.orderId().equals(Optional.of(purchase.id()))
                || (purchase.subscriptionId().isPresent() && e.subscriptionId().equals(purchase.subscriptionId()))).toList();
    }

    /** What the customer owes (course-provider 19.3.7): amounts recorded as owed, less what was paid against them. */
    public Money balanceOwed(Currency currency) {
        var owed = Money.zero(currency);
        for (var e : ledger) {
            if (e.kind() == LedgerEntry.Kind.AMOUNT_OWED) owed = owed.plus(e.amount());
            if (e.kind() == LedgerEntry.Kind.OWED_PAID || e.kind() == LedgerEntry.Kind.OWED_CANCELLED) owed = owed.minus(e.amount());
        }
        return owed;
    }

    /** Charges recorded for a subscription's next payment and not yet collected with one (CHARGE_DUE less CHARGE_COLLECTED). */
    public Money chargesDue(String subscriptionId, Currency currency) {
        var due = Money.zero(currency);
        for (var e : ledger) {
            if (!e.subscriptionId().equals(Optional.of(subscriptionId))) continue;
            if (e.kind() == LedgerEntry.Kind.CHARGE_DUE) due = due.plus(e.amount());
            if (e.kind() == LedgerEntry.Kind.CHARGE_COLLECTED) due = due.minus(e.amount());
        }
        return due;
    }

    public Optional<Payment> payment(String paymentIntentId) {
        return payments.stream().filter(p -> p.paymentIntentId().equals(paymentIntentId)).findFirst();
    }

    /** A subscription's delivery for one month of the plan (meal-plans 7(b)). */
    public Optional<Delivery> delivery(String subscriptionId, int month) {
        return deliveries.stream().filter(d -> d.subscriptionId().equals(subscriptionId) && d.month() == month).findFirst();
    }

    public Optional<Notice> notice(String id) {
        return notices.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<Payment> paymentsFor(String orderId) {
        return payments.stream().filter(p -> p.orderId().equals(orderId)).toList();
    }

    /** The money taken on an order for one period ({@link Payment#taken()}): a renewal's cycle, or a month's boxes. */
    public List<Payment> takenFor(String orderId, int cycle) {
        return paymentsFor(orderId).stream().filter(p -> p.cycle() == cycle && p.taken()).toList();
    }

    /**
     * What the terms need to know about a purchase to decide a cancellation or a refund: when it was
     * bought and the contract made, the first box received, the consents given, each course's
     * progress, discounts, renewals, and what was paid and is still refundable.
     */
    public PurchaseFacts facts(Catalog catalog, Purchase purchase) {
        var order = purchase.order();
        var subscription = purchase.subscriptionId().flatMap(this::subscription);
        var contract = order.contractDate().orElse(order.orderedOn());
        var progress = enrolmentsUnder(purchase).stream().map(Enrolment::progressPercent).toList();
        var paid = subscription.filter(s -> s.cycle() > 1).map(Subscription::paidThisPeriod).orElse(order.paid())
                .min(order.refundable());
        var deliveryCharge = Charge.sum(purchase.charges().stream().filter(c -> DELIVERY_CHARGES.contains(c.kind())).toList(), catalog.currency());
        var standard = catalog.rules().deliveryCharges().map(t -> t.standard()).orElse(Money.zero(catalog.currency()));
        var firstReceived = subscription.flatMap(Subscription::firstDeliveryReceivedOn);
        return new PurchaseFacts(order.orderedOn(), contract, firstReceived, firstReceived, order.consents(), progress,
                order.discounted(), subscription.map(Subscription::promotional).orElse(false),
                subscription.map(Subscription::renewals).orElse(0), paid, deliveryCharge, standard);
    }
}
