package com.termwise.app;

import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.AddressChange;
import com.termwise.domain.rules.Cancellation;
import com.termwise.domain.rules.DeliveryDelay;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.GoodwillCancellationCharge;
import com.termwise.domain.rules.PauseDecision;
import com.termwise.domain.rules.PlanSwitch;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.rules.Requester;
import com.termwise.domain.subscription.ScheduledChange;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionState;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a customer (or an operator for them) does to a subscription: cancel, pause, resume, change
 * plan, delay a delivery, change the delivery address. The terms decide each ({@code domain.rules});
 * this carries the decision out on the account, with its mail and event.
 */
public final class SubscriptionActions {

    private SubscriptionActions() {}

    public static Subscription find(Action a, String id) {
        return a.account().subscription(id)
                .orElseThrow(() -> RequestRefused.notFound("SUBSCRIPTION_NOT_FOUND", "There is no subscription " + id + " on this account."));
    }

    public static Decision cancel(Action a, String subscriptionId, Optional<String> reason) {
        var s = find(a, subscriptionId);
        var purchase = a.account().purchaseOf(s);
        var catalog = a.catalog(s.catalogId());
        var plan = a.plan(s.catalogId(), s.planId());
        var decision = Cancellation.ofSubscription(catalog, plan, s, a.account().facts(catalog, purchase), a.today(), reason);
        switch (decision.outcome()) {
            case CANCELLED_WITH_REFUND -> endNow(a, s, purchase, decision);
            case CANCELS_AT_PERIOD_END -> {
                a.apply(s, new SubscriptionEvent.CancellationScheduled(decision.effectiveDate()));
                a.mail("cancellation-scheduled", "Your " + plan.name() + " ends on " + decision.effectiveDate(),
                        "We have your cancellation of " + plan.name() + ".", decision);
                a.event(s.customerId(), "SubscriptionCancelling", "subscriptionId", s.id(), "endsOn", decision.effectiveDate().toString());
            }
            default -> { }
        }
        return decision;
    }

    /** meal-plans 12(b): an operator lets a customer leave a Pay Monthly Plan early, with the reason recorded. */
    public static Decision goodwillCancel(Action a, String subscriptionId, Requester.Operator operator) {
        var s = find(a, subscriptionId);
        var purchase = a.account().purchaseOf(s);
        var catalog = a.catalog(s.catalogId());
        var paid = a.account().paymentsFor(purchase.id()).stream().filter(p -> p.status() != Payment.Status.FAILED)
                .map(Payment::amount).reduce(a.zero(), Money::plus).minus(purchase.order().refunded());
        var decision = GoodwillCancellationCharge.decide(catalog, a.plan(s.catalogId(), s.planId()), purchase.weekendsExcluded(), s.contractDate(),
                paid, a.today(), operator);
        if (decision.outcome() == Outcome.CANCELLED_WITH_REFUND) {
            endNow(a, s, purchase, decision);
            if (decision.totalCharges().isPositive()) {
                a.ledger(LedgerEntry.Kind.CHARGE_DUE, decision.totalCharges(), purchase, "goodwill-" + s.id(), decision.reasons().getFirst().clause().toString());
            }
        }
        return decision;
    }

    /** Ends a subscription today: the order cancelled and refunded, boxes not yet sent cancelled, course access ended. */
    static void endNow(Action a, Subscription s, Purchase purchase, Decision decision) {
        a.apply(s, new SubscriptionEvent.CancelledNow(a.today()));
        a.cancelOrder(purchase, decision);
        for (var d : a.account().scheduledDeliveries(s.id())) a.put(d.withState(Delivery.State.CANCELLED));
        var name = a.plan(s.catalogId(), s.planId()).name();
        a.mail("cancellation-confirmed", "Your " + name + " is cancelled", "Your " + name + " is cancelled from today.", decision);
        a.event(s.customerId(), "SubscriptionCancelled", "subscriptionId", s.id(), "orderId", purchase.id(),
                "refund", Long.toString(decision.refund().amount()));
    }

    public static Decision pause(Action a, String subscriptionId) {
        var s = find(a, subscriptionId);
        var decision = PauseDecision.pause(a.plan(s.catalogId(), s.planId()), s, a.today());
        if (decision.outcome() == Outcome.PAUSED) {
            a.apply(s, new SubscriptionEvent.Paused(a.today()));
            a.mail("subscription-paused", "Your membership is paused", "Your membership is paused from " + a.today() + ".", decision);
        }
        return decision;
    }

    public static Decision resume(Action a, String subscriptionId) {
        var s = find(a, subscriptionId);
        var decision = PauseDecision.resume(a.plan(s.catalogId(), s.planId()), s, a.today());
        if (decision.outcome() == Outcome.RESUMED) {
            a.apply(s, new SubscriptionEvent.Resumed(a.today()));
            a.mail("subscription-resumed", "Your membership is running again", "Welcome back: your membership is running again.", decision);
        }
        return decision;
    }

    public static Decision changePlan(Action a, String subscriptionId, String planId) {
        var s = find(a, subscriptionId);
        var catalog = a.catalog(s.catalogId());
        var current = a.plan(s.catalogId(), s.planId());
        var target = catalog.plan(planId)
                .orElseThrow(() -> RequestRefused.badField("plan", "UNKNOWN_PLAN", "There is no plan '" + planId + "' in " + catalog.id() + "."));
        var weekendsExcluded = a.account().purchaseOf(s).weekendsExcluded();
        var decision = PlanSwitch.decide(current, target, s, weekendsExcluded, a.today());
        var targetPrice = target.priceFor(weekendsExcluded);
        switch (decision.outcome()) {
            case CHANGES_AT_PERIOD_END -> a.apply(s, new SubscriptionEvent.ChangeScheduled(new ScheduledChange(ScheduledChange.Kind.PLAN_CHANGE,
                    decision.effectiveDate(), target.id(), targetPrice.amount())));
            case CHANGED_WITH_ADJUSTMENT -> {
                a.apply(s, new SubscriptionEvent.PlanSwitched(target.id(), targetPrice,
                        RenewalSchedule.minimumTermEnd(target.terms(), s.contractDate())));
                if (decision.totalCharges().isPositive()) {
                    var purchase = a.account().purchaseOf(s);
                    a.ledger(LedgerEntry.Kind.CHARGE_DUE, decision.totalCharges(), purchase, "plan-change-" + s.id() + "-" + s.version(),
                            decision.reasons().getFirst().clause().toString());
                }
            }
            default -> { }
        }
        if (decision.outcome() != Outcome.REFUSED) {
            a.mail("plan-change", "Your change to " + target.name(), "You asked to move from " + current.name() + " to " + target.name() + ".", decision);
        }
        return decision;
    }

    public static Decision delayDelivery(Action a, String deliveryId, int days) {
        var d = a.account().delivery(deliveryId)
                .orElseThrow(() -> RequestRefused.notFound("DELIVERY_NOT_FOUND", "There is no delivery " + deliveryId + " on this account."));
        var s = find(a, d.subscriptionId());
        var catalog = a.catalog(s.catalogId());
        if (d.state() != Delivery.State.SCHEDULED) {
            throw RequestRefused.byRule(null, Decision.refused(a.today(), a.zero(), List.of(new Reason(
                    "DELIVERY_NOT_SCHEDULED", catalog.rules().deliveryDelay().orElseThrow().clause(), "This delivery is " + d.state().name().toLowerCase() + "."))));
        }
        var decision = DeliveryDelay.decide(catalog.rules(), d.scheduledDate(), d.month() == 1, days, a.today(), a.zero());
        if (decision.outcome() == Outcome.DELAYED) {
            var postcode = a.account().purchaseOf(s).delivery().map(Purchase.DeliveryAddress::postcode).orElse("");
            a.put(d.rescheduled(decision.effectiveDate(), DeliverySchedule.charges(catalog.rules(), decision.effectiveDate(), postcode)));
            // 7(b): the month's payment moves with its delivery, and so does the end of the current period
            if (s.state() == SubscriptionState.ACTIVE) a.apply(s, new SubscriptionEvent.NextDeliveryDelayed(days));
            a.mail("delivery-delayed", "Your delivery moves to " + decision.effectiveDate(), "Your delivery is delayed as you asked.", decision);
        }
        return decision;
    }

    public static Decision changeAddress(Action a, String subscriptionId, Purchase.DeliveryAddress address) {
        var s = find(a, subscriptionId);
        var catalog = a.catalog(s.catalogId());
        if (!catalog.rules().delivers()) {
            throw RequestRefused.badField("address", "NOT_DELIVERED", catalog.name() + " delivers nothing.");
        }
        if (!DeliverySchedule.isUkPostcode(address.postcode())) {
            throw RequestRefused.badField("address.postcode", "INVALID_POSTCODE", "'" + address.postcode() + "' is not a UK postcode.");
        }
        var purchase = a.account().purchaseOf(s);
        var next = a.account().scheduledDeliveries(s.id()).stream().findFirst();
        var decision = AddressChange.decide(catalog.rules(), next.map(Delivery::scheduledDate), address.postcode(), a.today());
        var old = purchase.delivery().orElseThrow();
        a.put(purchase, a.current(purchase).withDelivery(new Purchase.DeliveryAddress(address.line1(), address.line2(), address.city(),
                address.postcode(), old.weekendsExcluded(), old.preferredDay())));
        for (var d : a.account().scheduledDeliveries(s.id())) {
            a.put(d.rescheduled(d.scheduledDate(), DeliverySchedule.charges(catalog.rules(), d.scheduledDate(), address.postcode())));
        }
        if (decision.totalCharges().isPositive()) {
            a.ledger(LedgerEntry.Kind.CHARGE_DUE, decision.totalCharges(), purchase, "address-" + s.id() + "-" + purchase.order().version(),
                    decision.reasons().getFirst().clause().toString());
        }
        a.mail("address-changed", "Your delivery address is updated", "Your boxes now go to " + address.line1() + ", " + address.postcode() + ".", decision);
        return decision;
    }

    /** The courier integration reports a delivery; the first one received starts meal-plans 8(b)'s cancellation period. */
    public static Decision delivered(Action a, String deliveryId, LocalDate on) {
        var d = a.account().delivery(deliveryId)
                .orElseThrow(() -> RequestRefused.notFound("DELIVERY_NOT_FOUND", "There is no delivery " + deliveryId + "."));
        if (on.isAfter(a.today())) throw RequestRefused.badField("deliveredOn", "INVALID_FIELD", "A delivery cannot be reported for a future day.");
        // a box arrives after it is dispatched (the working day before its date): an earlier date would start, or end,
        // the customer's cancellation period (meal-plans 8(b)) before the food reached them
        var dispatchedOn = com.termwise.domain.calendar.BusinessCalendar.workingDaysBefore(d.scheduledDate(), 1);
        if (on.isBefore(dispatchedOn)) {
            throw RequestRefused.badField("deliveredOn", "OUT_OF_RANGE", "Month " + d.month() + "'s boxes were dispatched on " + dispatchedOn
                    + ": they cannot have arrived on " + on + ".");
        }
        var catalog = a.catalog(a.account().subscription(d.subscriptionId()).orElseThrow().catalogId());
        var clause = catalog.rules().deliveryCadence().orElseThrow().clause();
        var decision = Decision.of(Outcome.ACCEPTED, on, a.zero(), List.of(), List.of(
                new Reason("DELIVERED", clause, "Month " + d.month() + "'s boxes were delivered on " + on + ".")));
        if (d.state() == Delivery.State.DELIVERED) return decision;
        a.put(d.withState(Delivery.State.DELIVERED));
        var s = a.account().subscription(d.subscriptionId()).orElseThrow();
        if (d.month() == 1 && s.firstDeliveryReceivedOn().isEmpty()) a.apply(s, new SubscriptionEvent.FirstDeliveryReceived(on));
        a.event(d.customerId(), "DeliveryDelivered", "deliveryId", d.id(), "subscriptionId", d.subscriptionId(), "deliveredOn", on.toString());
        return decision;
    }
}
