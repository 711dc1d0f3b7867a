package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.app.Changes.Write.*;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.order.OrderStateMachine;
import com.termwise.domain.rules.AccessWindow;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionStateMachine;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Optional;

/**
 * Applies what the payment provider reports. Each event is applied at most once (its id is
 * claimed in the same transaction as the change it causes), and every outcome is a function of
 * the state it finds, so Stripe's events in any order and any number of repeats end in one
 * state: an order paid once is accepted once, with one subscription, one enrolment or
 * first delivery, one ledger entry and one acceptance mail.
 */
public final class PaymentOutcomes {

    /** How long an applied event id is remembered: longer than Stripe retries (3 days). */
    static final Duration EVENT_MEMORY = Duration.ofDays(30);
    private static final int ATTEMPTS = 5;

    public enum Result { APPLIED, DUPLICATE, IGNORED, UNMATCHED }

    private final Catalogs catalogs;
    private final StateStore store;
    private final BusinessCalendar calendar;
    private final Ids ids;
    private final Mails mails;

    private final String accountPageUrl;

    /** {@code accountPageUrl}: the customer's "Your Account" page, where a renewal the bank held or declined is paid on a Stripe-hosted page. */
    public PaymentOutcomes(Catalogs catalogs, StateStore store, BusinessCalendar calendar, Ids ids, String accountPageUrl) {
        this.accountPageUrl = accountPageUrl;
        this.catalogs = catalogs;
        this.store = store;
        this.calendar = calendar;
        this.ids = ids;
        this.mails = new Mails(ids);
    }

    public Result apply(PaymentEvent event) {
        if (event instanceof PaymentEvent.Ignored) return Result.IGNORED;
        for (int attempt = 1; ; attempt++) {
            try {
                var changes = decide(event);
                if (changes.isEmpty()) return Result.UNMATCHED;
                store.commit(changes);
                return Result.APPLIED;
            } catch (StateStore.AlreadyApplied duplicate) {
                return Result.DUPLICATE;
            } catch (StateStore.ConcurrentChange raced) {
                if (attempt == ATTEMPTS) throw raced;
            }
        }
    }

    /** The change an event causes, computed from the state as it is now; empty when the payment is not Termwise's. */
    private Changes decide(PaymentEvent event) {
        var claim = new ClaimStripeEvent(event.eventId(), calendar.now().plus(EVENT_MEMORY));
        return switch (event) {
            case PaymentEvent.CardSaved saved -> {
                var action = action(store.account(saved.customerId()));
                if (action.account().profile().isEmpty()) yield new Changes();
                CardRecovery.saved(action, saved);
                yield action.finish().add(claim);
            }
            case PaymentEvent.CheckoutExpired expired -> onPurchase(store.account(expired.customerId()), expired.orderId(), claim,
                    (action, purchase) -> expire(action, purchase, expired));
            case PaymentEvent.Disputed disputed -> onPayment(disputed.ref(), (account, orderId) ->
                    onPurchase(account, orderId, claim, (action, purchase) -> Disputes.apply(action, purchase, disputed)));
            case PaymentEvent.RefundFailed failed -> onPayment(failed.ref(), (account, orderId) ->
                    onPurchase(account, orderId, claim, (action, purchase) -> RefundFailures.apply(action, purchase, failed)));
            case PaymentEvent.Paid paid -> onPayment(paid.ref(), (account, orderId) -> paid.ref().renewal().filter(r -> r.cycle() > 1)
                    // a renewal's outcome: the same whether the webhook or the worker's own answer from Stripe brings it first
                    .map(renewal -> onAccount(account, claim, action -> RenewalOutcomes.paid(action, renewal, orderId, paid)))
                    .orElseGet(() -> withContext(account, orderId, claim, c -> paid(c, paid))));
            case PaymentEvent.Failed failed -> onPayment(failed.ref(), (account, orderId) -> failed.ref().renewal().filter(r -> r.cycle() > 1)
                    .map(renewal -> onAccount(account, claim, action -> RenewalOutcomes.failed(action, renewal, orderId, failed, accountPageUrl)))
                    .orElseGet(() -> withContext(account, orderId, claim, c -> failed(c, failed))));
            case PaymentEvent.Refunded refunded -> onPayment(refunded.ref(), (account, orderId) ->
                    withContext(account, orderId, claim, c -> refunded(c, refunded)));
            case PaymentEvent.Ignored ignored -> throw new IllegalStateException("ignored events change nothing");
        };
    }

    /** The account and order a payment belongs to: from its metadata, or the link recorded with it; nothing when it is not Termwise's. */
    private Changes onPayment(PaymentEvent.Ref ref, java.util.function.BiFunction<CustomerAccount, String, Changes> decide) {
        var link = ref.customerId().isPresent() && ref.orderId().isPresent()
                ? Optional.of(new PaymentLink(ref.paymentIntentId(), ref.customerId().get(), ref.orderId().get()))
                : store.paymentLink(ref.paymentIntentId());
        return link.map(l -> decide.apply(store.account(l.customerId()), l.orderId())).orElseGet(Changes::new);
    }

    private Changes onAccount(CustomerAccount account, ClaimStripeEvent claim, java.util.function.Consumer<Action> decide) {
        var action = action(account);
        decide.accept(action);
        return action.finish().add(claim);
    }

    private Changes onPurchase(CustomerAccount account, String orderId, ClaimStripeEvent claim, java.util.function.BiConsumer<Action, Purchase> decide) {
        var purchase = account.purchase(orderId);
        if (purchase.isEmpty()) return new Changes();
        return onAccount(account, claim, action -> decide.accept(action, purchase.get()));
    }

    private Changes withContext(CustomerAccount account, String orderId, ClaimStripeEvent claim, java.util.function.Consumer<Context> decide) {
        var purchase = account.purchase(orderId);
        var profile = account.profile();
        if (purchase.isEmpty() || profile.isEmpty()) return new Changes();
        var context = new Context(account, purchase.get(), profile.get(), catalogs.of(purchase.get().order()),
                calendar.today(), new Changes().add(claim));
        decide.accept(context);
        return context.changes();
    }

    /** An unpaid checkout page closed: the order is EXPIRED (a payment arriving later still accepts it). */
    private static void expire(Action action, Purchase purchase, PaymentEvent.CheckoutExpired expired) {
        var order = purchase.order();
        var next = new OrderStateMachine(action.catalog(order)).apply(order, new OrderStateMachine.Event.CheckoutExpired(action.today()));
        if (next.order().state() == order.state()) return;
        action.put(purchase, purchase.with(next.order()));
        action.event(order.customerId(), "OrderExpired", "orderId", order.id(), "customerId", order.customerId(), "sessionId", expired.sessionId());
    }

    private Action action(CustomerAccount account) {
        return new Action(account, catalogs, calendar.today(), calendar.now(), ids, (catalog, course) -> false);
    }

    private record Context(CustomerAccount account, Purchase purchase, CustomerProfile profile, Catalog catalog, LocalDate today,
                           Changes changes) {
        Plan plan() {
            return catalog.plan(purchase.order().planId()).orElseThrow();
        }

        Optional<Payment> payment(String paymentIntentId) {
            return account.payment(paymentIntentId);
        }
    }

    private void paid(Context c, PaymentEvent.Paid paid) {
        var purchase = c.purchase();
        var subscriptionId = purchase.subscriptionId();
        if (purchase.order().state() == OrderState.PENDING_PAYMENT || purchase.order().state() == OrderState.EXPIRED) {
            var accepted = accept(c, paid);
            subscriptionId = accepted.subscriptionId();
        }
        var known = c.payment(paid.ref().paymentIntentId());
        var chargeId = paid.chargeId().or(() -> known.flatMap(Payment::chargeId));
        var status = known.map(Payment::status).filter(s -> s != Payment.Status.FAILED).orElse(Payment.Status.SUCCEEDED);
        c.changes().add(new PutPayment(new Payment(paid.ref().paymentIntentId(), c.profile().id(), purchase.id(), subscriptionId, 1,
                chargeId, paid.amount(), status, known.map(Payment::date).orElse(c.today()), Optional.empty())));
        if (paid.stripeCustomer().isPresent() && paid.paymentMethod().isPresent()
                && (!c.profile().stripeCustomer().equals(paid.stripeCustomer()) || !c.profile().paymentMethod().equals(paid.paymentMethod()))) {
            c.changes().add(new PutProfile(c.profile().withCard(paid.stripeCustomer().get(), paid.paymentMethod().get()), c.profile().version()));
        }
    }

    /**
     * The first payment confirms the order (online-courses 3.1, course-provider 19.1.1, meal-plans 6(b)(i)):
     * the subscription starts with its period and minimum term, a course is granted with its access
     * window, a meal plan's first delivery is scheduled (meal-plans 7(a), 7(c)), and the acceptance
     * mail is written with it.
     */
    private Purchase accept(Context c, PaymentEvent.Paid paid) {
        var plan = c.plan();
        var transition = new OrderStateMachine(c.catalog()).apply(c.purchase().order(),
                new OrderStateMachine.Event.PaymentSucceeded(paid.amount(), c.today(), Optional.empty()));
        var order = transition.order();
        var accepted = c.purchase().with(order);
        var next = new ArrayList<String>();
        var changes = c.changes();
        var now = calendar.now();
        if (plan.course().isPresent()) {
            var course = plan.course().get();
            var endsOn = plan.terms().access().flatMap(a -> AccessWindow.endsOn(a, c.today(), Optional.empty()));
            var enrolment = new Enrolment(ids.next("enr"), c.profile().id(), course.id(), Optional.of(order.id()), Optional.empty(), 0,
                    c.today(), endsOn, 0);
            Rolls.enrol(changes, c.catalog(), enrolment);
            next.add("You can start " + course.title() + " now" + endsOn.map(d -> "; your access lasts " + CustomerDates.upToAndIncluding(d)).orElse("") + ".");
        } else {
            var subscription = activate(c, plan, accepted, paid.amount());
            accepted = accepted.withSubscription(subscription.id());
            RenewalDiary.write(changes, c.catalog(), subscription, 0, Optional.empty(), c.today());
            changes.add(new RollEntry(Rolls.plan(c.catalog().id(), plan.id()), subscription.id(), subscription.customerId()));
            subscription.currentPeriod().ifPresent(p -> next.add("Your first period runs " + CustomerDates.period(p) + "."));
            Optional<Delivery> secondBox = Optional.empty();
            if (c.catalog().rules().delivers()) {
                var first = firstDelivery(c, subscription);
                Rolls.schedule(changes, first);
                // the next month's boxes are scheduled ahead, so they can be delayed with 7(b)'s notice before they are paid for
                if (RenewalSchedule.nextRenewalDate(plan.terms(), subscription).isPresent()) {
                    var date = DeliverySchedule.deliveryFor(c.catalog().rules(), first.scheduledDate(), 2);
                    secondBox = Optional.of(new Delivery(ids.next("del"), subscription.customerId(), subscription.id(), 2, date,
                            Delivery.State.SCHEDULED, DeliverySchedule.charges(c.catalog().rules(), date, c.purchase().delivery().orElseThrow().postcode()), 0));
                    Rolls.schedule(changes, secondBox.get());
                }
                next.add("Your first delivery arrives on " + CustomerDates.day(first.scheduledDate()) + " (" + c.catalog().rules().firstDelivery().orElseThrow().clause() + ").");
            }
            // the amount the renewal will take: the period's price and the next box's charges (meal-plans 6(b)(i))
            NextPayment.of(plan, subscription, secondBox, Money.zero(paid.amount().currency()))
                    .ifPresent(n -> next.add(n.sentence().replaceFirst("\\.$", " (" + plan.terms().billing().clause() + ").")));
            Mails.notice(plan, subscription, c.today()).ifPresent(next::add);
        }
        changes.add(new PutPurchase(accepted, c.purchase().order().version()));
        changes.add(new PaymentLink(paid.ref().paymentIntentId(), c.profile().id(), order.id()));
        changes.add(ledger(c, accepted, LedgerEntry.Kind.PAYMENT_RECEIVED, paid.amount(), paid.chargeId().orElse(paid.ref().paymentIntentId()),
                c.catalog().rules().payment().clause().toString()));
        for (var message : transition.outbox()) {
            changes.add(new Outbox(mails.record(message.template(), c.profile(),
                    Mails.orderAccepted(accepted, plan.name(), message.clause(),
                            receipt(c, plan, accepted, paid.amount()), next), now)));
        }
        changes.add(new Outbox(mails.event(c.profile().id(), "OrderAccepted", Mails.json("orderId", order.id(), "customerId", c.profile().id(),
                "catalog", order.catalogId(), "plan", order.planId(), "subscriptionId", accepted.subscriptionId().orElse("")), now)));
        return accepted;
    }

    /** The first payment, line by line: the plan's price as bought (after any offer), then the first box's charges (meal-plans 7(f)). */
    private static Receipt receipt(Context c, Plan plan, Purchase accepted, Money paid) {
        var zero = Money.zero(paid.currency());
        var lines = new ArrayList<Charge>();
        lines.add(new Charge(Charge.Kind.PERIOD_PAYMENT, accepted.order().total().minus(Charge.sum(accepted.charges(), paid.currency()))));
        lines.addAll(accepted.charges());
        return Receipt.of(c.catalog(), plan, lines, zero, "", paid);
    }

    private Subscription activate(Context c, Plan plan, Purchase purchase, Money paid) {
        var order = purchase.order();
        var pending = Subscription.written(ids.next("sub"), order.customerId(), order.catalogId(), order.planId())
                .termsVersion(order.termsVersion())
                .bought(order.orderedOn(), order.contractDate().orElse(c.today()))
                .price(plan.priceFor(purchase.weekendsExcluded()), Money.zero(paid.currency()))
                .discounted(order.discounted())
                .promotional(order.promoCode().isPresent() && plan.terms().billing().every() == com.termwise.domain.catalog.BillingInterval.LIFETIME)
                .consents(order.consents()).build();
        return SubscriptionStateMachine.apply(pending, new SubscriptionEvent.Activated(c.today(),
                RenewalSchedule.firstPeriod(plan.terms(), c.today()), RenewalSchedule.minimumTermEnd(plan.terms(), c.today()), paid));
    }

    private Delivery firstDelivery(Context c, Subscription subscription) {
        var address = c.purchase().delivery().orElseThrow(() -> new IllegalStateException("meal plan order " + c.purchase().id() + " has no address"));
        var received = calendar.now().atZone(BusinessCalendar.LONDON).toLocalDateTime();
        var date = DeliverySchedule.firstDelivery(c.catalog().rules(), received, c.today(), address.preferredDay());
        return new Delivery(ids.next("del"), subscription.customerId(), subscription.id(), 1, date, Delivery.State.SCHEDULED,
                DeliverySchedule.charges(c.catalog().rules(), date, address.postcode()), 0);
    }

    /** A declined first payment leaves the order open: the customer can try another card on the same page. */
    private void failed(Context c, PaymentEvent.Failed failed) {
        var known = c.payment(failed.ref().paymentIntentId());
        if (known.isPresent() && known.get().status() != Payment.Status.FAILED) return; // a later success already stands
        c.changes().add(new PutPayment(new Payment(failed.ref().paymentIntentId(), c.profile().id(), c.purchase().id(),
                c.purchase().subscriptionId(), 1, Optional.empty(), failed.amount(), Payment.Status.FAILED, c.today(),
                Optional.of(failed.failureCode() + ": " + failed.failureMessage()))));
    }

    /**
     * Stripe reports a charge's running refunded total, so a repeat or a late delivery is a no-op. Each
     * charge is accounted on its own (an order has one per period paid): refunds Termwise decided on
     * that payment are confirmed up to the total, in the order they were decided; only what the
     * charge's total holds beyond them and beyond refunds made elsewhere already recorded (the
     * Dashboard, Radar) is new money back, recorded and mailed here. A failed refund counts for
     * nothing (Stripe takes it out of the total again).
     */
    private void refunded(Context c, PaymentEvent.Refunded refunded) {
        var order = c.purchase().order();
        var purchase = c.purchase();
        var zero = Money.zero(order.paid().currency());
        var confirmedUpTo = zero;
        var clause = c.catalog().rules().payment().clause().toString();
        for (var refund : c.purchase().refunds()) {
            if (!refund.paymentIntentId().equals(refunded.ref().paymentIntentId()) || refund.state() == Refund.State.FAILED) continue;
            confirmedUpTo = confirmedUpTo.plus(refund.amount());
            if (refund.state() == Refund.State.CONFIRMED || confirmedUpTo.compareTo(refunded.refundedTotal()) > 0) continue;
            purchase = purchase.withRefund(refund.confirmed());
            c.changes().add(ledger(c, purchase, LedgerEntry.Kind.REFUND_CONFIRMED, refund.amount(), refund.stripeRefundId().orElse(refund.id()), refund.clause()));
        }
        var elsewhere = c.account().ledger().stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.REFUND_CONFIRMED && e.reference().equals(refunded.chargeId()))
                .map(LedgerEntry::amount).reduce(zero, Money::plus);
        var delta = refunded.refundedTotal().minus(confirmedUpTo).minus(elsewhere);
        c.payment(refunded.ref().paymentIntentId())
                .flatMap(p -> PaymentStateMachine.apply(p, new PaymentStateMachine.Event.Refunded(refunded.chargeId(), refunded.refundedTotal())))
                .ifPresent(p -> c.changes().add(new PutPayment(p)));
        if (!delta.isPositive()) {
            if (purchase != c.purchase()) c.changes().add(new PutPurchase(purchase, order.version()));
            return;
        }
        var transition = new OrderStateMachine(c.catalog()).apply(order, new OrderStateMachine.Event.Refunded(delta, c.today()));
        var now = calendar.now();
        purchase = purchase.with(transition.order());
        c.changes().add(new PutPurchase(purchase, order.version()));
        c.changes().add(ledger(c, purchase, LedgerEntry.Kind.REFUND_CONFIRMED, delta, refunded.chargeId(), clause));
        for (var message : transition.outbox()) {
            c.changes().add(new Outbox(mails.record(message.template(), c.profile(), Mails.refundIssued(purchase, delta, message.clause()), now)));
        }
    }

    private Ledger ledger(Context c, Purchase purchase, LedgerEntry.Kind kind, Money amount, String reference, String clause) {
        return new Ledger(new LedgerEntry(ids.next("led"), c.profile().id(), calendar.now(), kind, amount, purchase.id(),
                purchase.subscriptionId(), reference, clause));
    }
}
