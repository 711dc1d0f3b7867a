package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.util.List;
import java.util.Optional;

/**
 * A refund that did not reach the card: Stripe refused it, or the card network returned it later
 * ({@code refund.failed}). The money is still the customer's by the refund's deadline (CCR 2013
 * reg 34 for a cancellation, the clause that decided it otherwise), so the refund is kept with its
 * deadline and marked failed, the ledger says so, the customer is told, and an operator is alerted
 * (the {@code RefundFailed} event) to pay it another way.
 */
final class RefundFailures {

    private RefundFailures() {}

    static void apply(Action a, Purchase read, PaymentEvent.RefundFailed f) {
        var purchase = a.current(read);
        var ours = purchase.refunds().stream().filter(r -> f.refundId().map(r.id()::equals).orElse(false)
                || r.stripeRefundId().equals(Optional.of(f.stripeRefundId()))).findFirst();
        if (ours.map(r -> r.state() == Refund.State.FAILED).orElse(false)) return;
        if (ours.isEmpty() && a.account().ledger().stream().anyMatch(e -> e.kind() == LedgerEntry.Kind.REFUND_FAILED
                && e.reference().equals(f.stripeRefundId()))) return;
        var catalog = a.catalog(purchase.order());
        var clause = catalog.rules().payment().clause();
        ours.ifPresent(r -> a.put(read, purchase.withRefund(r.stripeRefundId().isPresent() || f.stripeRefundId().equals(r.id())
                ? r.failed() : r.issued(f.stripeRefundId()).failed())));
        a.ledger(LedgerEntry.Kind.REFUND_FAILED, f.amount(), purchase, f.stripeRefundId(), ours.map(Refund::clause).orElse(clause.toString()));
        var dueBy = ours.map(Refund::dueBy);
        var reasons = List.of(new Reason("REFUND_FAILED", ours.isPresent() ? clause : catalog.rules().payment().clause(),
                "Your bank could not accept the refund of " + f.amount().display() + " to your card (" + plain(f.reason()) + "). It is still yours:"
                        + " we will contact you to pay it another way" + dueBy.map(d -> " by " + CustomerDates.day(d)).orElse("") + "."));
        a.mail("refund-failed", "Your refund for order " + purchase.id() + " could not be paid to your card",
                "We tried to refund " + f.amount().display() + " for order " + purchase.id() + ".",
                Decision.of(Outcome.REFUNDED, dueBy.orElse(a.today()), Money.zero(f.amount().currency()), List.of(), reasons));
        a.event(purchase.customerId(), "RefundFailed", "customerId", purchase.customerId(), "orderId", purchase.id(),
                "stripeRefundId", f.stripeRefundId(), "amount", Long.toString(f.amount().amount()), "reason", f.reason(),
                "dueBy", dueBy.map(Object::toString).orElse(""));
    }

    /** Stripe's failure_reason, in words. */
    private static String plain(String reason) {
        return switch (reason) {
            case "expired_or_canceled_card" -> "the card has expired or been cancelled";
            case "lost_or_stolen_card" -> "the card was reported lost or stolen";
            case "declined" -> "the bank declined it";
            default -> "the bank returned it";
        };
    }
}
