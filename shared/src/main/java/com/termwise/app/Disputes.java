package com.termwise.app;

import com.termwise.app.PaymentEvent.Disputed.Stage;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.ChargebackClaim;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionState;

import java.util.List;

/**
 * A dispute, stage by stage, each recorded in the ledger under the dispute's id so that Stripe's
 * events in any order and any number of repeats end in one state. An inquiry moves no money and
 * suspends nothing. A chargeback withdraws the money: the amount is owed, with course-provider
 * 19.3.7's fee where the catalog's terms charge one, and the service is suspended only where the
 * terms say so (course-provider 19.3.8). Won: the money is back, so only the fee stays owed.
 * Lost: the card issuer found for the cardholder, so the charge-back was not unjustified and
 * nothing is claimed under it. A suspension ends when nothing is owed.
 */
final class Disputes {

    private Disputes() {}

    static void apply(Action a, Purchase purchase, PaymentEvent.Disputed d) {
        var catalog = a.catalog(purchase.order());
        var recorded = a.account().ledger().stream().filter(e -> e.reference().equals(d.disputeId())).map(LedgerEntry::kind).toList();
        boolean chargedBack = recorded.contains(LedgerEntry.Kind.CHARGEBACK);
        boolean closed = recorded.contains(LedgerEntry.Kind.CHARGEBACK_REVERSED) || recorded.contains(LedgerEntry.Kind.OWED_CANCELLED);
        var payment = a.account().payment(d.ref().paymentIntentId());
        switch (d.stage()) {
            case INQUIRY -> {
                if (chargedBack) return;
                payment.flatMap(p -> PaymentStateMachine.apply(p, new PaymentStateMachine.Event.InquiryOpened())).ifPresent(a::put);
                event(a, purchase, d, "DisputeInquiry");
            }
            case INQUIRY_CLOSED -> {
                if (chargedBack) return;
                payment.flatMap(p -> PaymentStateMachine.apply(p, new PaymentStateMachine.Event.InquiryClosed())).ifPresent(a::put);
                event(a, purchase, d, "DisputeClosed");
            }
            case CHARGEBACK -> {
                if (!chargedBack) chargeback(a, catalog, purchase, d);
            }
            case WON, LOST -> {
                if (closed) return;
                if (!chargedBack) chargeback(a, catalog, purchase, d); // the close overtook the withdrawal: both, in order
                if (d.stage() == Stage.WON) won(a, catalog, purchase, d); else lost(a, catalog, purchase, d);
            }
        }
    }

    private static void chargeback(Action a, Catalog catalog, Purchase purchase, PaymentEvent.Disputed d) {
        var claim = claim(catalog, d, a);
        var owed = Charge.sum(claim.charges(), d.amount().currency());
        var clause = claim.reasons().getFirst().clause().toString();
        a.ledger(LedgerEntry.Kind.CHARGEBACK, d.amount(), purchase, d.disputeId(), clause);
        a.ledger(LedgerEntry.Kind.AMOUNT_OWED, owed, purchase, d.disputeId(), clause);
        boolean suspends = catalog.rules().suspensionWhileOwed().isPresent();
        if (suspends) {
            for (var s : a.account().subscriptions()) {
                if (s.catalogId().equals(catalog.id()) && s.state().live()) a.apply(s, new SubscriptionEvent.Suspended(a.today()));
            }
        }
        a.account().payment(d.ref().paymentIntentId()).flatMap(p -> PaymentStateMachine.apply(p, new PaymentStateMachine.Event.ChargedBack(d.chargeId())))
                .ifPresent(a::put);
        a.mail(Mails.CHARGEBACK_OWED, "About the disputed payment for order " + purchase.id(),
                "Your card issuer told us you disputed the payment of " + d.amount().display() + " for order " + purchase.id() + ".", claim);
        event(a, purchase, d, suspends ? "AccountSuspended" : "ChargebackReceived", "owed", Long.toString(owed.amount()));
    }

    /** The issuer found for us: the money charged back is returned, so it is no longer owed; a 19.3.7 fee stays owed. */
    private static void won(Action a, Catalog catalog, Purchase purchase, PaymentEvent.Disputed d) {
        a.ledger(LedgerEntry.Kind.CHARGEBACK_REVERSED, d.amount(), purchase, d.disputeId(), clause(catalog).toString());
        a.ledger(LedgerEntry.Kind.OWED_CANCELLED, d.amount(), purchase, d.disputeId(), clause(catalog).toString());
        a.account().payment(d.ref().paymentIntentId()).flatMap(p -> PaymentStateMachine.apply(p, new PaymentStateMachine.Event.ChargebackWon(d.chargeId())))
                .ifPresent(a::put);
        var stillOwed = owedAfter(a, catalog, d, d.amount());
        var reasons = new java.util.ArrayList<Reason>();
        reasons.add(new Reason("DISPUTE_WON", clause(catalog), "Your card issuer decided the dispute about the payment of "
                + d.amount().display() + " in our favour: the payment stands."));
        if (stillOwed.isPositive()) {
            catalog.rules().chargeback().ifPresent(rule -> reasons.add(new Reason("CHARGEBACK_FEE_OWED", rule.clause(),
                    "The charge-back was unjustified, so " + stillOwed.display() + " is still owed, including the "
                            + rule.adminFee().display() + " administration fee.")));
            catalog.rules().suspensionWhileOwed().ifPresent(rule -> reasons.add(new Reason("SUSPENDED_WHILE_OWED", rule.clause(),
                    "Your access stays suspended until this is paid.")));
        } else {
            reinstate(a, catalog, reasons);
        }
        a.mail("dispute-closed", "The dispute about order " + purchase.id() + " is closed", "Your card issuer has closed the dispute.",
                Decision.of(stillOwed.isPositive() ? Outcome.AMOUNT_OWED : Outcome.RESUMED, a.today(), Money.zero(stillOwed.currency()), List.of(), reasons));
        event(a, purchase, d, "DisputeClosed", "owed", Long.toString(stillOwed.amount()));
    }

    /** The issuer found for the cardholder: the money stays with them, and nothing is claimed under the charge-back. */
    private static void lost(Action a, Catalog catalog, Purchase purchase, PaymentEvent.Disputed d) {
        var claimed = claim(catalog, d, a).totalCharges();
        a.ledger(LedgerEntry.Kind.OWED_CANCELLED, claimed, purchase, d.disputeId(), clause(catalog).toString());
        var reasons = new java.util.ArrayList<Reason>();
        reasons.add(new Reason("DISPUTE_LOST", clause(catalog), "Your card issuer decided the dispute about the payment of "
                + d.amount().display() + " in your favour: the money stays with you and we claim nothing for it."));
        var stillOwed = owedAfter(a, catalog, d, claimed);
        if (!stillOwed.isPositive()) reinstate(a, catalog, reasons);
        a.mail("dispute-closed", "The dispute about order " + purchase.id() + " is closed", "Your card issuer has closed the dispute.",
                Decision.of(Outcome.RESUMED, a.today(), Money.zero(stillOwed.currency()), List.of(), reasons));
        event(a, purchase, d, "DisputeLost", "owed", Long.toString(stillOwed.amount()));
    }

    private static Decision claim(Catalog catalog, PaymentEvent.Disputed d, Action a) {
        return ChargebackClaim.claim(catalog, d.amount(), Money.zero(d.amount().currency()), a.today());
    }

    /** What the customer owes once {@code cancelled} of this dispute's claim is withdrawn (the claim may be recorded in this same change). */
    private static Money owedAfter(Action a, Catalog catalog, PaymentEvent.Disputed d, Money cancelled) {
        var zero = Money.zero(d.amount().currency());
        var recordedForThis = a.account().ledger().stream().filter(e -> e.reference().equals(d.disputeId()))
                .map(e -> switch (e.kind()) {
                    case AMOUNT_OWED -> e.amount();
                    case OWED_PAID, OWED_CANCELLED -> zero.minus(e.amount());
                    default -> zero;
                }).reduce(zero, Money::plus);
        var others = a.account().balanceOwed(zero.currency()).minus(recordedForThis);
        return others.plus(claim(catalog, d, a).totalCharges()).minus(cancelled).max(zero);
    }

    /** Nothing is owed any more: the suspension 19.3.8 allowed ends. */
    private static void reinstate(Action a, Catalog catalog, List<Reason> reasons) {
        boolean any = false;
        for (var s : a.account().subscriptions()) {
            if (s.catalogId().equals(catalog.id()) && s.state() == SubscriptionState.SUSPENDED) {
                a.apply(s, new SubscriptionEvent.Reinstated(a.today()));
                any = true;
            }
        }
        if (any) reasons.add(new Reason("REINSTATED", catalog.rules().suspensionWhileOwed().map(Rule.SuspensionWhileOwed::clause).orElse(clause(catalog)),
                "Nothing is owed any more, so your access is restored."));
    }

    private static Clause clause(Catalog catalog) {
        return catalog.rules().chargeback().map(Rule.ChargebackLiability::clause).orElse(catalog.rules().payment().clause());
    }

    private static void event(Action a, Purchase purchase, PaymentEvent.Disputed d, String type, String... more) {
        var fields = new java.util.ArrayList<>(List.of("customerId", purchase.customerId(), "orderId", purchase.id(), "disputeId", d.disputeId(),
                "stage", d.stage().name(), "amount", Long.toString(d.amount().amount())));
        fields.addAll(List.of(more));
        a.event(purchase.customerId(), type, fields.toArray(String[]::new));
    }
}
