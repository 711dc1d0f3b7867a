package com.termwise.app;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.rules.Cancellation;
import com.termwise.domain.rules.RefundQuote;
import com.termwise.domain.rules.Requester;
import com.termwise.domain.rules.UnusedServiceRefund;

import java.util.List;
import java.util.Optional;

/**
 * What a customer (or an operator) does to an order: cancel a one-off purchase within its
 * cancellation period, or ask for a refund, which the terms grant in full, in part or not at all
 * ({@link RefundQuote}); and a course the provider withdraws (course-provider 19.5).
 */
public final class OrderActions {

    private OrderActions() {}

    public static Purchase find(Action a, String orderId) {
        return a.account().purchase(orderId)
                .orElseThrow(() -> RequestRefused.notFound("ORDER_NOT_FOUND", "There is no order " + orderId + " on this account."));
    }

    /** A one-off purchase (a course, a 1-Month Plan); an order that started a subscription is cancelled as that subscription. */
    public static Decision cancel(Action a, String orderId, Optional<String> reason) {
        var purchase = find(a, orderId);
        if (purchase.subscriptionId().isPresent()) return SubscriptionActions.cancel(a, purchase.subscriptionId().get(), reason);
        var catalog = a.catalog(purchase.order());
        // never paid (its page may have just expired, closed by this very cancellation): cancelled with nothing taken
        if (purchase.order().state() == OrderState.PENDING_PAYMENT || purchase.order().state() == OrderState.EXPIRED) return cancelUnpaid(a, catalog, purchase);
        var refused = refusedForState(catalog, purchase, a);
        if (refused.isPresent()) return refused.get();
        var decision = Cancellation.ofOrder(catalog, a.plan(purchase.order(), purchase.order().planId()), a.account().facts(catalog, purchase),
                a.today(), reason);
        if (decision.outcome() == Outcome.CANCELLED_WITH_REFUND) endNow(a, purchase, decision, "cancellation-confirmed", "Your order is cancelled");
        return decision;
    }

    /** Notice is accepted in every state: an order not yet paid is cancelled at once (its page was closed first), nothing taken. */
    private static Decision cancelUnpaid(Action a, Catalog catalog, Purchase purchase) {
        var decision = Decision.of(Outcome.CANCELLED_WITH_REFUND, a.today(), a.zero(), List.of(), List.of(new Reason("NOT_PAID_CANCELLED",
                catalog.rules().payment().clause(), "Order " + purchase.id() + " was not paid: it is cancelled, its payment page is closed, and nothing will be taken.")));
        var cancelled = new OrderStateMachine(catalog).apply(purchase.order(), new OrderStateMachine.Event.Cancelled(a.today())).order();
        if (cancelled.state() != purchase.order().state()) a.put(purchase, a.current(purchase).with(cancelled));
        a.event(purchase.customerId(), "OrderCancelled", "orderId", purchase.id(), "refund", "0");
        return decision;
    }

    public static Decision refund(Action a, String orderId, Requester requester) {
        var purchase = find(a, orderId);
        var catalog = a.catalog(purchase.order());
        var refused = refusedForState(catalog, purchase, a);
        if (refused.isPresent()) return refused.get();
        var decision = RefundQuote.quote(catalog, a.plan(purchase.order(), purchase.order().planId()), a.account().facts(catalog, purchase),
                a.today(), requester);
        if (decision.outcome() == Outcome.REFUNDED || decision.outcome() == Outcome.PARTIALLY_REFUNDED) {
            if (purchase.subscriptionId().isPresent()) {
                SubscriptionActions.endNow(a, a.account().subscription(purchase.subscriptionId().get()).orElseThrow(), purchase, decision);
            } else {
                endNow(a, purchase, decision, OrderStateMachine.REFUND_MAIL, "Your refund for order " + purchase.id());
            }
        }
        return decision;
    }

    /** course-provider 19.5: the provider withdrew a course; the part not completed is refunded. */
    public static Decision courseWithdrawn(Action a, String enrolmentId) {
        var enrolment = a.account().enrolment(enrolmentId).orElseThrow();
        var purchase = a.account().purchase(enrolment.orderId().orElseThrow()).orElseThrow();
        var catalog = a.catalog(purchase.order());
        var refused = refusedForState(catalog, purchase, a);
        if (refused.isPresent()) return refused.get();
        var decision = UnusedServiceRefund.courseWithdrawn(catalog, a.account().facts(catalog, purchase).paid(), enrolment.progressPercent(), a.today());
        if (decision.outcome() != Outcome.REFUSED) endNow(a, purchase, decision, "course-withdrawn", "We have withdrawn your course");
        return decision;
    }

    private static void endNow(Action a, Purchase purchase, Decision decision, String template, String subject) {
        a.cancelOrder(purchase, decision);
        a.mail(template, subject, "About your order " + purchase.id() + " (" + a.plan(purchase.order(), purchase.order().planId()).name() + "):", decision);
        a.event(purchase.customerId(), "OrderCancelled", "orderId", purchase.id(), "refund", Long.toString(decision.refund().amount()));
    }

    /** Nothing is left to cancel or refund on an order already cancelled, refunded or never paid. */
    private static Optional<Decision> refusedForState(Catalog catalog, Purchase purchase, Action a) {
        var clause = catalog.rules().payment().clause();
        var state = purchase.order().state();
        var why = switch (state) {
            case ACCEPTED -> Optional.<Reason>empty();
            case CANCELLED, REFUNDED -> Optional.of(new Reason("ALREADY_" + state.name(), clause,
                    "Order " + purchase.id() + " is already " + state.name().toLowerCase() + "; " + purchase.order().refunded().display() + " has been refunded."));
            case PENDING_PAYMENT, EXPIRED -> Optional.of(new Reason("NOT_PAID", clause, "Order " + purchase.id() + " was never paid."));
        };
        if (state == OrderState.ACCEPTED && !purchase.order().refundable().isPositive()) {
            why = Optional.of(new Reason("NOTHING_TO_REFUND", clause, "Everything paid on order " + purchase.id() + " has been refunded."));
        }
        return why.map(r -> Decision.refused(a.today(), a.zero(), List.of(r)));
    }
}
