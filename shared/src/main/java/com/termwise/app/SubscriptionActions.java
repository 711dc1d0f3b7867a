package com.termwise.app;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.AddressChange;
import com.termwise.domain.rules.Cancellation;
import com.termwise.domain.rules.DeliveryDelay;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.EndOfContractNotice;
import com.termwise.domain.rules.GoodwillCancellationCharge;
import com.termwise.domain.rules.PauseDecision;
import com.termwise.domain.rules.PlanSwitch;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.rules.Requester;
import com.termwise.domain.rules.ReturnedDelivery;
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
        return cancel(a, subscriptionId, reason, a.today(), true);
    }

    /** How a notice reached us when it did not come through the API (meal-plans 8(c), course-provider 19.4.4). */
    public enum NoticeChannel { POST, EMAIL, PHONE }

    /**
     * A notice the customer sent by post or email (or gave by phone), recorded by an operator: the date it was sent
     * counts (meal-plans 8(c), course-provider 19.4.4), so it is decided as of that day. A notice overtaken by a renewal
     * taken after it was sent is refused, for an operator to settle that payment first.
     */
    public static Decision noticeSent(Action a, String subscriptionId, LocalDate sentOn, NoticeChannel channel, String recordedBy) {
        if (sentOn.isAfter(a.today()) || sentOn.isBefore(a.today().minusDays(NOTICE_MAX_AGE_DAYS))) {
            throw RequestRefused.badField("sentOn", "OUT_OF_RANGE", "A notice is recorded within " + NOTICE_MAX_AGE_DAYS + " days of being sent, and not before.");
        }
        var s = find(a, subscriptionId);
        var takenSince = a.account().payments().stream().filter(p -> p.subscriptionId().equals(Optional.of(s.id())) && p.cycle() > 1
                && p.date().isAfter(sentOn) && p.taken()).findFirst();
        if (takenSince.isPresent()) {
            var plan = a.plan(s, s.planId());
            var clause = plan.terms().cancelAtPeriodEnd().map(c -> c.clause()).orElse(plan.terms().billing().clause());
            return Decision.refused(a.today(), a.zero(), List.of(new Reason("NOTICE_OVERTAKEN", clause, "This notice was sent on "
                    + CustomerDates.day(sentOn) + ", but the payment of " + takenSince.get().amount().display() + " was taken on "
                    + CustomerDates.day(takenSince.get().date()) + " before it arrived: decide that payment first (the operator refund), then record the notice.")));
        }
        var decision = cancel(a, subscriptionId, Optional.empty(), sentOn, false);
        if (decision.outcome() != Outcome.REFUSED) {
            a.event(s.customerId(), "NoticeRecorded", "subscriptionId", s.id(), "customerId", s.customerId(), "sentOn", sentOn.toString(),
                    "channel", channel.name(), "recordedOn", a.today().toString(), "recordedBy", recordedBy, "outcome", decision.outcome().name());
        }
        return decision;
    }

    /** How old a notice can be when an operator records it: older ones are settled by hand. */
    static final int NOTICE_MAX_AGE_DAYS = 30;

    /** A cancellation decided as of {@code asOf}: today through the API ({@code online}), or the day a posted notice was sent. */
    private static Decision cancel(Action a, String subscriptionId, Optional<String> reason, LocalDate asOf, boolean online) {
        var s = find(a, subscriptionId);
        var purchase = a.account().purchaseOf(s);
        var catalog = a.catalog(s);
        var plan = a.plan(s, s.planId());
        // the renewal's cooling-off notice went out with its payment (RenewalOutcomes): that day starts its window
        var toldOn = a.account().takenFor(purchase.id(), s.cycle()).stream().map(Payment::date).max(java.util.Comparator.naturalOrder());
        var decision = EndOfContractNotice.attach(a.regime(), plan, s,
                Cancellation.ofSubscription(a.regime(), toldOn, catalog, plan, s, a.account().facts(catalog, purchase), asOf, reason), online, a.today());
        switch (decision.outcome()) {
            case CANCELLED_WITH_REFUND -> endNow(a, s, purchase, decision);
            case CANCELS_AT_PERIOD_END -> {
                a.apply(s, new SubscriptionEvent.CancellationScheduled(decision.effectiveDate()));
                a.mail("cancellation-scheduled", "Your " + plan.name() + " runs " + CustomerDates.upToAndIncluding(decision.effectiveDate()),
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
        var catalog = a.catalog(s);
        var paid = a.account().paymentsFor(purchase.id()).stream().filter(p -> p.status() != Payment.Status.FAILED)
                .map(Payment::amount).reduce(a.zero(), Money::plus).minus(purchase.order().refunded());
        var decision = GoodwillCancellationCharge.decide(catalog, a.plan(s, s.planId()), purchase.weekendsExcluded(), s.contractDate(),
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
        endsToday(a, s);
        a.cancelOrder(purchase, decision);
        var name = a.plan(s, s.planId()).name();
        a.mail("cancellation-confirmed", "Your " + name + " is cancelled", "Your " + name + " is cancelled from today.", decision);
        a.event(s.customerId(), "SubscriptionCancelled", "subscriptionId", s.id(), "orderId", purchase.id(),
                "refund", Long.toString(decision.refund().amount()));
    }

    /** A subscription ended today, and the boxes not yet sent with it. */
    static void endsToday(Action a, Subscription s) {
        a.apply(s, new SubscriptionEvent.CancelledNow(a.today()));
        for (var d : a.account().scheduledDeliveries(s.id())) a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Cancelled()));
    }

    public static Decision pause(Action a, String subscriptionId) {
        var s = find(a, subscriptionId);
        var decision = PauseDecision.pause(a.plan(s, s.planId()), s, a.today());
        if (decision.outcome() == Outcome.PAUSED) {
            var paused = a.apply(s, new SubscriptionEvent.Paused(a.today()));
            a.mail("subscription-paused", "Your membership is paused", promise(a, s, paused, Optional.empty(), a.zero(),
                    "Your membership is paused from " + CustomerDates.day(a.today()) + "."), decision);
        }
        return decision;
    }

    public static Decision resume(Action a, String subscriptionId) {
        var s = find(a, subscriptionId);
        var decision = PauseDecision.resume(a.plan(s, s.planId()), s, a.today());
        if (decision.outcome() == Outcome.RESUMED) {
            var resumed = a.apply(s, new SubscriptionEvent.Resumed(a.today()));
            a.mail("subscription-resumed", "Your membership is running again", promise(a, s, resumed, Optional.empty(), a.zero(),
                    "Welcome back: your membership is running again."), decision);
        }
        return decision;
    }

    public static Decision changePlan(Action a, String subscriptionId, String planId) {
        var s = find(a, subscriptionId);
        var catalog = a.catalog(s);
        var current = a.plan(s, s.planId());
        var target = catalog.plan(planId)
                .orElseThrow(() -> RequestRefused.badField("plan", "UNKNOWN_PLAN", "There is no plan '" + planId + "' in " + catalog.id() + "."));
        var weekendsExcluded = a.account().purchaseOf(s).weekendsExcluded();
        var decision = PlanSwitch.decide(current, target, s, weekendsExcluded, a.today());
        var targetPrice = target.priceFor(weekendsExcluded);
        var after = s;
        switch (decision.outcome()) {
            case CHANGES_AT_PERIOD_END -> after = a.apply(s, new SubscriptionEvent.ChangeScheduled(new ScheduledChange(ScheduledChange.Kind.PLAN_CHANGE,
                    decision.effectiveDate(), target.id(), targetPrice.amount())));
            case CHANGED_WITH_ADJUSTMENT -> {
                after = a.apply(s, new SubscriptionEvent.PlanSwitched(target.id(), targetPrice,
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
            var carried = decision.outcome() == Outcome.CHANGED_WITH_ADJUSTMENT ? decision.totalCharges() : a.zero();
            a.mail("plan-change", "Your change to " + target.name(), promise(a, s, after, Optional.empty(), carried,
                    "You asked to move from " + current.name() + " to " + target.name() + "."), decision);
        }
        return decision;
    }

    public static Decision delayDelivery(Action a, String deliveryId, int days) {
        var d = a.account().delivery(deliveryId)
                .orElseThrow(() -> RequestRefused.notFound("DELIVERY_NOT_FOUND", "There is no delivery " + deliveryId + " on this account."));
        var s = find(a, d.subscriptionId());
        var catalog = a.catalog(s);
        if (d.state() != Delivery.State.SCHEDULED) {
            throw RequestRefused.byRule(null, Decision.refused(a.today(), a.zero(), List.of(new Reason(
                    "DELIVERY_NOT_SCHEDULED", catalog.rules().deliveryDelay().orElseThrow().clause(), "This delivery is " + d.state().name().toLowerCase() + "."))));
        }
        var decision = DeliveryDelay.decide(catalog.rules(), d.scheduledDate(), d.month() == 1, days, a.today(), a.zero());
        if (decision.outcome() == Outcome.DELAYED) {
            var postcode = a.account().purchaseOf(s).delivery().map(Purchase.DeliveryAddress::postcode).orElse("");
            var moved = d.rescheduled(decision.effectiveDate(), DeliverySchedule.charges(catalog.rules(), decision.effectiveDate(), postcode));
            a.put(moved);
            // 7(b): the month's payment moves with its delivery, and so does the end of the current period
            var after = s.state() == SubscriptionState.ACTIVE ? a.apply(s, new SubscriptionEvent.NextDeliveryDelayed(days)) : s;
            a.mail("delivery-delayed", "Your delivery moves to " + CustomerDates.day(decision.effectiveDate()), promise(a, s, after,
                    Optional.of(moved), a.zero(), "Your delivery is delayed as you asked."), decision);
        }
        return decision;
    }

    public static Decision changeAddress(Action a, String subscriptionId, Purchase.DeliveryAddress address) {
        var s = find(a, subscriptionId);
        var catalog = a.catalog(s);
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
        Optional<Delivery> rerouted = Optional.empty();
        for (var d : a.account().scheduledDeliveries(s.id())) {
            var box = d.rescheduled(d.scheduledDate(), DeliverySchedule.charges(catalog.rules(), d.scheduledDate(), address.postcode()));
            a.put(box);
            if (d.month() == s.cycle() + 1) rerouted = Optional.of(box);
        }
        if (decision.totalCharges().isPositive()) {
            a.ledger(LedgerEntry.Kind.CHARGE_DUE, decision.totalCharges(), purchase, "address-" + s.id() + "-" + purchase.order().version(),
                    decision.reasons().getFirst().clause().toString());
        }
        a.mail("address-changed", "Your delivery address is updated", promise(a, s, s, rerouted, decision.totalCharges(),
                "Your boxes now go to " + address.line1() + ", " + address.postcode() + "."), decision);
        return decision;
    }

    /**
     * A mail's opening, and, when the change moved the payment promised before it (its date or its amount: a delayed box
     * moves its payment, meal-plans 7(b); a new address changes its charges, 7(f)), the new promise beside the old.
     *
     * @param box   the box the next payment pays for as the change left it, when the change touched it
     * @param added charges the change carried over to the next payment
     */
    private static String promise(Action a, Subscription before, Subscription after, Optional<Delivery> box, Money added, String opening) {
        var was = NextPayment.of(a.account(), a.plan(before, before.planId()), before);
        var account = a.account();
        var now = NextPayment.of(a.plan(after, after.planId()), after,
                box.filter(d -> d.month() == after.cycle() + 1).or(() -> account.delivery(after.id(), after.cycle() + 1)),
                account.chargesDue(after.id(), added.currency()).plus(added));
        return NextPayment.moved(was, now).map(m -> opening + " " + m).orElse(opening);
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
        var catalog = a.catalog(a.account().subscription(d.subscriptionId()).orElseThrow());
        var clause = catalog.rules().deliveryCadence().orElseThrow().clause();
        var decision = Decision.of(Outcome.ACCEPTED, on, a.zero(), List.of(), List.of(
                new Reason("DELIVERED", clause, "Month " + d.month() + "'s boxes were delivered on " + on + ".")));
        if (d.state() == Delivery.State.DELIVERED) return decision;
        var delivered = new DeliveryStateMachine.Event.Delivered();
        if (!DeliveryStateMachine.allows(d, delivered)) { // withheld for an unpaid month, or cancelled with the plan: never sent
            throw new RequestRefused(409, "DELIVERY_NOT_SENT", "Month " + d.month() + "'s boxes were " + d.state().name().toLowerCase()
                    + ", not sent: they cannot have been delivered.", java.util.Optional.of("deliveryId"), java.util.Optional.empty());
        }
        a.put(DeliveryStateMachine.apply(d, delivered));
        var s = a.account().subscription(d.subscriptionId()).orElseThrow();
        if (d.month() == 1 && s.firstDeliveryReceivedOn().isEmpty()) a.apply(s, new SubscriptionEvent.FirstDeliveryReceived(on));
        a.event(d.customerId(), "DeliveryDelivered", "deliveryId", d.id(), "subscriptionId", d.subscriptionId(), "deliveredOn", on.toString());
        return decision;
    }

    /**
     * meal-plans 7(d), 7(e): the courier brought a month's boxes back, missed and not collected or refused. They go out again
     * (dispatched the next working day), and the charge the terms give is added to the next payment, or owed where none follows.
     */
    public static Decision returned(Action a, String deliveryId, ReturnedDelivery.Why why, LocalDate on) {
        var d = a.account().delivery(deliveryId)
                .orElseThrow(() -> RequestRefused.notFound("DELIVERY_NOT_FOUND", "There is no delivery " + deliveryId + "."));
        if (on.isAfter(a.today())) throw RequestRefused.badField("returnedOn", "INVALID_FIELD", "A return cannot be reported for a future day.");
        var s = a.account().subscription(d.subscriptionId()).orElseThrow();
        var redeliverOn = BusinessCalendar.workingDaysAfter(a.today(), 2);
        var back = new DeliveryStateMachine.Event.Returned(redeliverOn);
        if (!DeliveryStateMachine.allows(d, back)) {
            throw new RequestRefused(409, "DELIVERY_NOT_OUT", "Month " + d.month() + "'s boxes are " + d.state().name().toLowerCase()
                    + ": only boxes out with the courier can come back.", Optional.of("deliveryId"), Optional.empty());
        }
        var decision = ReturnedDelivery.resent(a.catalog(s).rules(), s, d.month(), d.scheduledDate(), why, redeliverOn, a.zero())
                .orElseThrow(() -> RequestRefused.badField("why", "INVALID_FIELD", "These terms say nothing of boxes that come back " + why.name().toLowerCase() + "."));
        a.put(DeliveryStateMachine.apply(d, back));
        var purchase = a.account().purchaseOf(s);
        if (decision.totalCharges().isPositive()) {
            a.ledger(s.state().chargeable() ? LedgerEntry.Kind.CHARGE_DUE : LedgerEntry.Kind.AMOUNT_OWED, decision.totalCharges(), purchase,
                    "returned-" + d.id() + "-" + d.version(), decision.reasons().getFirst().clause().toString());
        }
        a.mail("delivery-returned", "Your boxes came back to us", "About month " + d.month() + "'s boxes:", decision);
        a.event(d.customerId(), "DeliveryReturned", "deliveryId", d.id(), "subscriptionId", s.id(), "why", why.name(), "returnedOn", on.toString(),
                "redeliverOn", redeliverOn.toString(), "charge", Long.toString(decision.totalCharges().amount()));
        return decision;
    }
}
