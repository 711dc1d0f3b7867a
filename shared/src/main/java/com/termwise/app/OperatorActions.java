package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.rules.BreachDecision;
import com.termwise.domain.rules.OperationalSuspension;
import com.termwise.domain.rules.RefundDue;
import com.termwise.domain.rules.Requester;
import com.termwise.domain.rules.UnusedServiceRefund;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.util.List;

/**
 * What the business does to a customer's contract, each an operator's decision with its reason recorded: ending it
 * (online-courses 14.8, course-provider 15.1, meal-plans 14(g)), suspending it for a breach (online-courses 5.1, 15.5) or for
 * operational reasons with notice (course-provider 5.1),
 * cancelling an order taken at a price shown in error (meal-plans 5(d), course-provider 19.2.9) and deleting an account
 * (online-courses 13.4, course-provider 15.4). Every one decides first, then carries out exactly what it decided.
 */
public final class OperatorActions {

    private OperatorActions() {}

    /** When the business's ending takes effect: today (the unused part of what was paid is reimbursed), or at the end of the period paid for. */
    public enum Ending { NOW, AT_PERIOD_END }

    /** Deleting personal data is a customer's right even where the terms are silent. */
    static final Clause RIGHT_TO_ERASURE = new Clause("UK GDPR", "Art 17");

    /** A suspension is temporary (course-provider 5.1, "access ... on a temporary basis"); longer than this is an entry error or an ending (15.1). */
    static final int MAX_SUSPENSION_DAYS = 90;

    public static Decision terminate(Action a, String orderId, Ending when, Requester.Operator operator) {
        var purchase = purchase(a, orderId);
        var order = purchase.order();
        var plan = a.plan(order, order.planId());
        var rule = plan.terms().businessTermination();
        var why = reason(operator);
        if (rule.isEmpty()) return refused(a, plan.terms().billing().clause(), "NO_TERMINATION_TERM",
                "The terms of " + plan.name() + " give the business no right to end it; an operator's refund for cause is the way.");
        var clause = rule.get().clause();
        var subscription = purchase.subscriptionId().flatMap(a.account()::subscription);
        if (subscription.isEmpty()) {
            if (order.state() != OrderState.ACCEPTED) return refused(a, clause, "ALREADY_ENDED", "This order is not running.");
            int progress = a.account().enrolmentsUnder(purchase).stream().mapToInt(Enrolment::progressPercent).max().orElse(0);
            var decided = ended(UnusedServiceRefund.serviceEnded(a.catalog(order), clause, order.refundable(), progress, a.today()), why, clause);
            a.cancelOrder(purchase, decided);
            told(a, plan, purchase, decided);
            return decided;
        }
        var s = subscription.get();
        if (!s.state().running()) return refused(a, clause, "ALREADY_ENDED", "This subscription has already ended.");
        if (s.currentPeriod().isEmpty()) return refused(a, clause, "NO_PERIOD_PAID_AHEAD",
                plan.name() + " has no period paid in advance to reimburse; an operator's refund for cause is the way.");
        var period = s.currentPeriod().get();
        if (when == Ending.AT_PERIOD_END) {
            if (s.state() == SubscriptionState.CANCELLING) return refused(a, clause, "ALREADY_CANCELLING", "This subscription is already set to end.");
            var decided = Decision.of(Outcome.CANCELS_AT_PERIOD_END, period.end(), a.zero(), List.of(), List.of(new Reason("SERVICE_TERMINATED", clause,
                    "We are ending your " + plan.name() + ": it runs " + CustomerDates.upToAndIncluding(period.end()) + ", the end of what you have paid for, "
                            + "and nothing more is taken. Our reason: " + why + ".")));
            a.apply(s, new SubscriptionEvent.CancellationScheduled(period.end()));
            told(a, plan, purchase, decided);
            return decided;
        }
        var decided = ended(UnusedServiceRefund.businessTermination(a.catalog(s), plan, period, s.paidThisPeriod(), a.today()), why, clause);
        SubscriptionActions.endsToday(a, s);
        a.cancelOrder(purchase, decided);
        told(a, plan, purchase, decided);
        return decided;
    }

    /** online-courses 5.1 / 15.5: suspended (or lifetime access revoked) for a breach, with the notice mailed at once. */
    public static Decision suspendForBreach(Action a, String subscriptionId, Requester.Operator operator) {
        var why = reason(operator);
        var s = SubscriptionActions.find(a, subscriptionId);
        var plan = a.plan(s, s.planId());
        var clause = plan.terms().breach().map(r -> r.clause()).orElse(plan.terms().billing().clause());
        if (s.state() == SubscriptionState.SUSPENDED) return refused(a, clause, "ALREADY_SUSPENDED", "This subscription is already suspended.");
        if (!s.state().live()) return refused(a, clause, "ALREADY_ENDED", "This subscription has already ended.");
        var decision = BreachDecision.decide(plan, a.today(), operator);
        if (decision.outcome() == Outcome.REFUSED) return decision;
        a.apply(s, BreachDecision.event(decision));
        a.mail("account-suspended", decision.outcome() == Outcome.REVOKED ? "Your lifetime access is revoked" : "Your account is suspended",
                "About your " + plan.name() + ":", decision);
        a.event(s.customerId(), "SubscriptionSuspendedForBreach", "subscriptionId", s.id(), "customerId", s.customerId(),
                "outcome", decision.outcome().name(), "operator", operator.operatorId(), "reason", why, "clause", clause.toString());
        return decision;
    }

    /**
     * course-provider 5.1 (12.3 for emergency maintenance): access under an order suspended for business or operational
     * reasons from {@code from} until {@code backOn}, the day it comes back. The notice is mailed now, and the learning
     * platform is told the same two days the decision announces.
     */
    public static Decision suspendService(Action a, String orderId, LocalDate from, LocalDate backOn, boolean emergency, Requester.Operator operator) {
        var why = reason(operator);
        if (from.isBefore(a.today()) || from.isAfter(a.today().plusYears(1))) throw RequestRefused.badField("from", "OUT_OF_RANGE",
                "'from' is today or a later day, within a year.");
        if (!backOn.isAfter(from) || backOn.isAfter(from.plusDays(MAX_SUSPENSION_DAYS))) throw RequestRefused.badField("backOn", "OUT_OF_RANGE",
                "'backOn' is the day the service comes back: after 'from' and at most " + MAX_SUSPENSION_DAYS + " days after it.");
        var purchase = purchase(a, orderId);
        var order = purchase.order();
        var catalog = a.catalog(order);
        var plan = a.plan(order, order.planId());
        var rule = catalog.rules().serviceSuspension();
        if (rule.isEmpty()) return refused(a, catalog.rules().payment().clause(), "NO_SERVICE_SUSPENSION_TERM",
                "These terms give the business no right to suspend the service for operational reasons.");
        if (order.state() != OrderState.ACCEPTED) return refused(a, rule.get().clause(), "ALREADY_ENDED", "This order is not running.");
        var window = new Period(from, backOn);
        var decided = OperationalSuspension.decide(rule.get(), plan.name(), window, emergency, why,
                purchase.serviceSuspension(), a.today(), a.zero());
        if (decided.outcome() == Outcome.REFUSED) return decided;
        a.put(purchase, a.current(purchase).withServiceSuspension(window));
        a.mail("service-suspended", "Access to " + plan.name() + " is suspended " + CustomerDates.period(window), "About your order " + order.id() + ":", decided);
        a.event(order.customerId(), "ServiceSuspended", "orderId", order.id(), "customerId", order.customerId(), "from", from.toString(),
                "backOn", backOn.toString(), "emergency", Boolean.toString(emergency), "operator", operator.operatorId(), "reason", why,
                "clause", rule.get().clause().toString());
        return decided;
    }

    /** meal-plans 5(d), course-provider 19.2.9: an order taken at a price shown in error is cancelled and everything paid goes back. */
    public static Decision priceError(Action a, String orderId, Money correctPrice, Requester.Operator operator) {
        var why = reason(operator);
        var purchase = purchase(a, orderId);
        var order = purchase.order();
        var catalog = a.catalog(order);
        var plan = a.plan(order, order.planId());
        var rule = catalog.rules().priceError();
        if (rule.isEmpty()) return refused(a, catalog.rules().payment().clause(), "NO_PRICE_ERROR_TERM",
                "These terms give no right to cancel for a price error; an operator's refund for cause is the way.");
        if (!correctPrice.currency().equals(order.total().currency()) || !correctPrice.isPositive() || correctPrice.equals(order.total())) {
            throw RequestRefused.badField("correctPrice", "INVALID_FIELD", "'correctPrice' is the right price, in " + order.total().currency()
                    + ", and not the " + order.total().display() + " charged.");
        }
        if (order.state() != OrderState.ACCEPTED) return refused(a, rule.get().clause(), "ALREADY_ENDED", "This order is not running.");
        var refund = order.refundable();
        var decided = RefundDue.attach(catalog, Decision.of(Outcome.CANCELLED_WITH_REFUND, a.today(), refund, List.of(), List.of(new Reason(
                "PRICE_ERROR", rule.get().clause(), "The price of " + plan.name() + " was shown in error as " + order.total().display() + " (the right price is "
                        + correctPrice.display() + "), so we have cancelled your order and pay back everything you paid, " + refund.display()
                        + ". You are welcome to order again at the right price."))), a.today());
        purchase.subscriptionId().flatMap(a.account()::subscription).filter(s -> s.state().running())
                .ifPresent(s -> SubscriptionActions.endsToday(a, s));
        a.cancelOrder(purchase, decided);
        a.mail("order-cancelled-price-error", "Your order " + order.id() + " is cancelled: a price error", "About your order " + order.id() + ":", decided);
        a.event(order.customerId(), "OrderCancelledForPriceError", "orderId", order.id(), "customerId", order.customerId(), "charged",
                Long.toString(order.total().amount()), "correctPrice", Long.toString(correctPrice.amount()), "refund", Long.toString(refund.amount()),
                "operator", operator.operatorId(), "reason", why);
        return decided;
    }

    /**
     * online-courses 13.4, course-provider 15.4 (UK GDPR Art 17 where the terms are silent): the account's personal details
     * are deleted once nothing runs and no money is outstanding either way; the payments, refunds and ledger stay, as the
     * law requires of a business's records. The confirmation goes to the address being deleted, before it is.
     */
    public static Decision erase(Action a, Requester.Operator operator) {
        var why = reason(operator);
        var account = a.account();
        var profile = account.profile().orElseThrow(() -> RequestRefused.notFound("CUSTOMER_NOT_FOUND", "There is no such customer."));
        var clause = account.purchases().stream().flatMap(p -> a.catalog(p.order()).rules().accountDeletion().stream()).map(r -> r.clause())
                .findFirst().orElse(RIGHT_TO_ERASURE);
        if (profile.anonymised()) return refused(a, clause, "ALREADY_DELETED", "This account's personal details are already deleted.");
        var running = account.subscriptions().stream().filter(s -> s.state().running()).map(s -> s.id()).toList();
        if (!running.isEmpty()) return refused(a, clause, "CONTRACT_RUNNING", "End " + String.join(", ", running) + " first: a running contract needs the account.");
        var inFlight = account.purchases().stream().flatMap(p -> p.refunds().stream()).filter(r -> r.state() == Refund.State.REQUESTED).map(Refund::id).toList();
        if (!inFlight.isEmpty()) return refused(a, clause, "REFUND_IN_PROGRESS", "Refund " + String.join(", ", inFlight) + " has not reached the card yet.");
        var owed = account.balanceOwed(Money.GBP);
        if (owed.isPositive()) return refused(a, clause, "MONEY_OWED", owed.display() + " is still owed; it is settled before the account is deleted.");
        var decided = Decision.of(Outcome.ERASED, a.today(), a.zero(), List.of(), List.of(new Reason("ACCOUNT_DELETED", clause,
                "Your name, email address and delivery addresses are deleted. The record of what you paid and what was refunded is kept, "
                        + "as the law requires of our accounts, under an anonymous reference.")));
        a.mail("account-deleted", "Your account is deleted", "As you asked, we have deleted your account.", decided);
        a.changes().add(new Changes.Write.PutProfile(profile.anonymisedCopy(), profile.version()));
        for (var purchase : account.purchases()) if (purchase.delivery().isPresent()) a.put(purchase, a.current(purchase).withoutAddress());
        a.event(profile.id(), "AccountErased", "customerId", profile.id(), "operator", operator.operatorId(), "reason", why, "clause", clause.toString());
        return decided;
    }

    /**
     * meal-plans 8(d): boxes sent back after a cancellation in the 14 days, inspected when they arrive. No more than one
     * complete day's food eaten, the refund stands; more, and what was refunded for those boxes is owed.
     */
    public static Decision returnInspected(Action a, String deliveryId, LocalDate receivedOn, int daysEaten, Requester.Operator operator) {
        var d = a.account().delivery(deliveryId)
                .orElseThrow(() -> RequestRefused.notFound("DELIVERY_NOT_FOUND", "There is no delivery " + deliveryId + "."));
        var s = a.account().subscription(d.subscriptionId()).orElseThrow();
        var plan = a.plan(s, s.planId());
        int perMonth = a.catalog(s).rules().foodDays().map(f -> f.perMonth()).orElse(28);
        if (daysEaten < 0 || daysEaten > perMonth) throw RequestRefused.badField("daysEaten", "OUT_OF_RANGE", "'daysEaten' is 0 to " + perMonth + ".");
        if (receivedOn.isAfter(a.today())) throw RequestRefused.badField("receivedOn", "INVALID_FIELD", "Boxes cannot be received on a future day.");
        var purchase = a.account().purchaseOf(s);
        var clause = plan.terms().cancellationRefund().map(r -> r.clause()).orElse(plan.terms().billing().clause());
        var reference = "return-" + d.id();
        if (d.state() != Delivery.State.DELIVERED || s.state() != SubscriptionState.CANCELLED || !purchase.order().refunded().isPositive()) {
            return refused(a, clause, "NOT_A_RETURN", "Month " + d.month() + "'s boxes were not delivered to a customer refunded on cancelling.");
        }
        if (a.account().ledger().stream().anyMatch(e -> e.reference().equals(reference))) return refused(a, clause, "ALREADY_INSPECTED",
                "Month " + d.month() + "'s returned boxes were already found to be owed for.");
        var paidForBox = a.account().takenFor(purchase.id(), d.month()).stream().map(Payment::amount).reduce(a.zero(), Money::plus);
        var decided = com.termwise.domain.rules.ReturnedDelivery.inspected(plan, d.month(), daysEaten, paidForBox.min(purchase.order().refunded()), receivedOn);
        if (decided.outcome() == Outcome.AMOUNT_OWED) a.ledger(LedgerEntry.Kind.AMOUNT_OWED, decided.totalCharges(), purchase, reference, clause.toString());
        a.mail("return-inspected", "Your returned boxes", "About month " + d.month() + "'s boxes you sent back:", decided);
        a.event(d.customerId(), "ReturnInspected", "deliveryId", d.id(), "daysEaten", Integer.toString(daysEaten), "owed",
                Long.toString(decided.totalCharges().amount()), "operator", operator.operatorId());
        return decided;
    }

    private static Purchase purchase(Action a, String orderId) {
        return a.account().purchase(orderId).orElseThrow(() -> RequestRefused.notFound("ORDER_NOT_FOUND", "There is no order " + orderId + " on this account."));
    }

    private static String reason(Requester.Operator operator) {
        return operator.reason().map(String::strip).filter(r -> !r.isEmpty())
                .orElseThrow(() -> RequestRefused.badField("reason", "MISSING_FIELD", "An operator's decision records its reason: 'reason' is required."));
    }

    private static Decision refused(Action a, Clause clause, String code, String text) {
        return Decision.refused(a.today(), a.zero(), List.of(new Reason(code, clause, text)));
    }

    /** A refund decision for the business ending the service, as a cancellation: ended today, the part not provided paid back. */
    private static Decision ended(Decision refund, String why, Clause clause) {
        var told = refund.withReason(new Reason("OPERATOR_REASON", clause, "Our reason: " + why + "."));
        return new Decision(Outcome.CANCELLED_WITH_REFUND, told.effectiveDate(), told.refund(), told.charges(), told.reasons(), told.refundDueBy());
    }

    private static void told(Action a, Plan plan, Purchase purchase, Decision decided) {
        a.mail("contract-terminated", "We are ending your " + plan.name(), "About your " + plan.name() + " (order " + purchase.id() + "):", decided);
        a.event(purchase.customerId(), "ContractTerminated", "orderId", purchase.id(), "customerId", purchase.customerId(),
                "outcome", decided.outcome().name(), "endsOn", decided.effectiveDate().toString(), "refund", Long.toString(decided.refund().amount()));
    }
}
