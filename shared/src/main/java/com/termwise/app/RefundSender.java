package com.termwise.app;

import com.termwise.app.Changes.Write.PutPurchase;
import com.termwise.domain.calendar.BusinessCalendar;

import java.util.Map;
import java.util.Optional;

/**
 * Sends decided refunds to Stripe. The refund's id is its Stripe idempotency key, so sending again
 * after a crash, a timeout or a sweep that overlaps a request returns the refund already made;
 * the money moves once. What Stripe answers is recorded on the order ({@code ISSUED}); a
 * confirmation that arrived first by webhook stands.
 */
public final class RefundSender {

    private static final int ATTEMPTS = 6;

    public record Pending(String customerId, String orderId, Refund refund) {}

    private final StateStore store;
    private final PaymentGateway payments;
    private final BusinessCalendar calendar;
    private final PaymentOutcomes outcomes;

    public RefundSender(StateStore store, PaymentGateway payments, BusinessCalendar calendar, PaymentOutcomes outcomes) {
        this.outcomes = outcomes;
        this.store = store;
        this.payments = payments;
        this.calendar = calendar;
    }

    /** @return whether Stripe accepted it; if not, the order stays on the due index for {@link #sendDue} */
    public boolean send(Pending pending) {
        var refund = pending.refund();
        PaymentGateway.IssuedRefund issued;
        try {
            issued = payments.refund(new PaymentGateway.RefundRequest(refund.id(), refund.paymentIntentId(), refund.amount(),
                    Map.of("orderId", pending.orderId(), "customerId", pending.customerId(), "refundId", refund.id())));
        } catch (PaymentGateway.Unavailable e) {
            System.err.println("{\"level\":\"WARN\",\"message\":\"refund not sent, left for the sweep\",\"refundId\":\"" + refund.id() + "\"}");
            return false;
        } catch (PaymentGateway.Refused e) {
            // refused on its merits (a disputed charge, an amount too large): parked as failed, the customer told, an operator alerted
            outcomes.apply(new PaymentEvent.RefundFailed("refund-refused:" + refund.id(), new PaymentEvent.Ref(Optional.of(pending.customerId()),
                    Optional.of(pending.orderId()), refund.paymentIntentId()), refund.id(), Optional.of(refund.id()), refund.amount(), e.code()));
            return false;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var purchase = store.purchase(pending.customerId(), pending.orderId()).orElseThrow();
            var recorded = purchase.refunds().stream().filter(r -> r.id().equals(refund.id())).findFirst().orElseThrow();
            if (recorded.stripeRefundId().isPresent()) return true;
            try {
                store.commit(new Changes().add(new PutPurchase(purchase.withRefund(recorded.issued(issued.id())), purchase.order().version())));
                return true;
            } catch (StateStore.ConcurrentChange raced) {
                // a webhook or another action changed the order: read it again
            }
        }
        return true; // Stripe has it; the record catches up with the next change or the sweep
    }

    /** Sends every refund still waiting for Stripe (docs/design.md: due work through the due index, never a scan). */
    public int sendDue(int limit) {
        int sent = 0;
        for (var due : store.due(DueWork.REFUND, calendar.now().toString(), limit)) {
            if (!store.lease(due, calendar.now().plus(java.time.Duration.ofMinutes(5)))) continue;
            var orderId = due.id();
            var purchase = store.purchase(due.customerId(), orderId);
            if (purchase.isEmpty()) continue;
            for (var refund : purchase.get().refunds()) {
                if (refund.state() == Refund.State.REQUESTED && send(new Pending(due.customerId(), orderId, refund))) sent++;
            }
        }
        return sent;
    }
}
