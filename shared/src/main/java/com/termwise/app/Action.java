package com.termwise.app;

import com.termwise.app.Changes.Write.Ledger;
import com.termwise.app.Changes.Write.Outbox;
import com.termwise.app.Changes.Write.PutDelivery;
import com.termwise.app.Changes.Write.PutPurchase;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.UnderTerms;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionStateMachine;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * One action on one customer's account, as it is decided: the account as read, today's date, and
 * the changes the decision makes, collected here so that they commit together (the state, its
 * ledger entries, its mails and events, docs/design.md). Every aggregate is written conditional on
 * the version it was read at, so an action that raced another is decided again.
 */
public final class Action {

    private final CustomerAccount account;
    private final Catalogs catalogs;
    private final LocalDate today;
    private final Instant now;
    private final Ids ids;
    private final Mails mails;
    private final Changes changes = new Changes();
    private final List<RefundSender.Pending> refunds = new ArrayList<>();
    private final Map<String, String> created = new LinkedHashMap<>();
    private final Map<String, Purchase> purchases = new LinkedHashMap<>();
    private final Map<String, PendingSubscription> subscriptions = new LinkedHashMap<>();

    private final BiPredicate<String, String> withdrawn;

    Action(CustomerAccount account, Catalogs catalogs, LocalDate today, Instant now, Ids ids, BiPredicate<String, String> withdrawn) {
        this.withdrawn = withdrawn;
        this.account = account;
        this.catalogs = catalogs;
        this.today = today;
        this.now = now;
        this.ids = ids;
        this.mails = new Mails(ids);
    }

    public CustomerAccount account() {
        return account;
    }

    public LocalDate today() {
        return today;
    }

    public Ids ids() {
        return ids;
    }

    public Changes changes() {
        return changes;
    }

    /** The statute's regime for subscription contracts (DMCC 2024), which governs those made from its commencement. */
    public com.termwise.domain.catalog.SubscriptionRegime regime() {
        return com.termwise.domain.catalog.SubscriptionRegime.dmcc();
    }

    /** The terms a contract is decided by: the version it was made under. */
    public Catalog catalog(UnderTerms contract) {
        return catalogs.of(contract);
    }

    public Plan plan(UnderTerms contract, String planId) {
        return catalog(contract).plan(planId).orElseThrow(() -> new IllegalStateException("unknown plan " + planId));
    }

    /** Whether the provider withdrew a course (it is no longer sold or started). */
    public boolean withdrawn(String catalogId, String courseId) {
        return withdrawn.test(catalogId, courseId);
    }

    public Money zero() {
        return Money.zero(Money.GBP);
    }

    /** Ids of what the action created (an enrolment), for the response. */
    public void created(String field, String id) {
        created.put(field, id);
    }

    Map<String, String> created() {
        return created;
    }

    List<RefundSender.Pending> refundsToSend() {
        return refunds;
    }

    /** Applies an event to a subscription and writes it, with what the schedules next do for it (see {@link RenewalDiary}). */
    public Subscription apply(Subscription read, SubscriptionEvent event) {
        return apply(read, event, Optional.empty());
    }

    /**
     * The same, with the due-index entry given: a renewal being charged is leased, not scheduled.
     * Events applied to one subscription in one action chain (a failed payment that exhausts the
     * dunning schedule), and the subscription is written once, conditional on the version read.
     */
    public Subscription apply(Subscription read, SubscriptionEvent event, Optional<Changes.Due> lease) {
        var pending = subscriptions.get(read.id());
        var next = SubscriptionStateMachine.apply(pending == null ? read : pending.next(), event);
        subscriptions.put(read.id(), new PendingSubscription(next, read.version(), lease.or(() -> pending == null ? Optional.empty() : pending.lease())));
        return next;
    }

    private record PendingSubscription(Subscription next, long readAt, Optional<Changes.Due> lease) {}

    /** Records a payment (billing history), and the link a later webhook without metadata finds its customer by. */
    public void put(Payment payment) {
        changes.add(new Changes.Write.PutPayment(payment));
        changes.add(new Changes.Write.PaymentLink(payment.paymentIntentId(), payment.customerId(), payment.orderId()));
    }

    public Instant now() {
        return now;
    }

    /** Writes a changed delivery, conditional on the version it was read at. */
    public void put(Delivery delivery) {
        changes.add(new PutDelivery(delivery, delivery.version()));
    }

    /** Ends a course's access today (or keeps an earlier end). */
    public void endAccess(com.termwise.domain.subscription.Enrolment enrolment) {
        changes.add(new Changes.Write.PutEnrolment(enrolment.accessEnding(today), enrolment.version()));
    }

    /** Cancels an order today and pays back the decision's refund, ending access to the courses it gave. */
    public void cancelOrder(Purchase purchase, Decision decision) {
        var catalog = catalog(purchase.order());
        var cancelled = new OrderStateMachine(catalog).apply(current(purchase).order(), new OrderStateMachine.Event.Cancelled(today)).order();
        put(purchase, current(purchase).with(cancelled));
        refund(purchase, decision);
        account.enrolmentsUnder(purchase).forEach(this::endAccess);
    }

    /** The purchase as this action has changed it so far. */
    public Purchase current(Purchase read) {
        return purchases.getOrDefault(read.id(), read);
    }

    /** Records a changed purchase; written once at the end, conditional on the version it was read at. */
    public void put(Purchase read, Purchase next) {
        purchases.put(read.id(), next);
    }

    /** A further payment on the order (a renewal), added to what the order has paid so that it can be refunded from. */
    public void received(Purchase read, Money amount) {
        var purchase = current(read);
        var order = new OrderStateMachine(catalog(read.order())).apply(purchase.order(), new OrderStateMachine.Event.PaymentReceived(amount)).order();
        put(read, purchase.with(order));
    }

    public void ledger(LedgerEntry.Kind kind, Money amount, Purchase purchase, String reference, String clause) {
        changes.add(new Ledger(new LedgerEntry(ids.next("led"), purchase.customerId(), now, kind, amount, purchase.id(),
                purchase.subscriptionId(), reference, clause)));
    }

    /** A mail written out in full (an itemised payment, a promise moved). */
    public void mail(String template, Mails.Mail mail) {
        var profile = account.profile().orElseThrow(() -> new IllegalStateException("no profile to mail"));
        changes.add(new Outbox(mails.record(template, profile, mail, now)));
    }

    /** A mail that tells the customer a decision, clause by clause. */
    public void mail(String template, String subject, String opening, Decision decision) {
        var profile = account.profile().orElseThrow(() -> new IllegalStateException("no profile to mail"));
        changes.add(new Outbox(mails.record(template, profile, Mails.decided(subject, opening, decision), now)));
    }

    public void event(String customerId, String detailType, String... keyValues) {
        changes.add(new Outbox(mails.event(customerId, detailType, Mails.json(keyValues), now)));
    }

    /**
     * Pays a decision's refund back to the order's card: the order records it at once (so a second
     * request sees it), each payment it comes from gets a {@link Refund} whose id is the Stripe
     * idempotency key, and the ledger says so in the same transaction. Sent to Stripe after commit.
     */
    private void refund(Purchase read, Decision decision) {
        refund(read, decision, account.paymentsFor(read.id()));
    }

    /** The same, from the payments given (newest first), e.g. one payment recorded in this action. */
    public void refund(Purchase read, Decision decision, List<Payment> from) {
        var clause = decision.reasons().getFirst().clause().toString();
        var amount = decision.refund();
        if (!amount.isPositive()) return;
        var catalog = catalog(read.order());
        var purchase = current(read);
        var transition = new OrderStateMachine(catalog).apply(purchase.order(), new OrderStateMachine.Event.Refunded(amount, today));
        purchase = purchase.with(transition.order()); // the decision's own mail tells the customer; the machine's refund mail is for refunds made outside Termwise
        var left = amount;
        var payments = from.stream().filter(p -> p.status() != Payment.Status.FAILED && p.chargeId().isPresent())
                .sorted(java.util.Comparator.comparing(Payment::date).reversed()).toList();
        for (var payment : payments) {
            if (!left.isPositive()) break;
            var already = purchase.refunds().stream().filter(r -> r.paymentIntentId().equals(payment.paymentIntentId()))
                    .map(Refund::amount).reduce(Money.zero(amount.currency()), Money::plus);
            var part = payment.amount().minus(already).min(left);
            if (!part.isPositive()) continue;
            var refund = new Refund(purchase.nextRefundId(), payment.paymentIntentId(), part, today,
                    decision.refundDueBy().orElse(today), Refund.State.REQUESTED, Optional.empty(), clause);
            purchase = purchase.withRefund(refund);
            refunds.add(new RefundSender.Pending(purchase.customerId(), purchase.id(), refund));
            ledger(LedgerEntry.Kind.REFUND_ISSUED, part, purchase, refund.id(), clause);
            left = left.minus(part);
        }
        if (left.isPositive()) throw new IllegalStateException("order " + read.id() + " has no payment left to refund " + left + " from");
        put(read, purchase);
    }

    /** The changes to commit: everything collected, each purchase written once. */
    Changes finish() {
        purchases.forEach((id, next) -> {
            var read = account.purchase(id).orElseThrow();
            changes.add(new PutPurchase(next, read.order().version()));
        });
        purchases.clear();
        subscriptions.forEach((id, pending) -> RenewalDiary.write(changes, catalog(pending.next()), pending.next(),
                pending.readAt(), pending.lease(), today));
        subscriptions.clear();
        return changes;
    }
}
