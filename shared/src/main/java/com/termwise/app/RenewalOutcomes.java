package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.DunningSchedule;
import com.termwise.domain.rules.RenewalCoolingOffPeriod;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionEvent;

import java.util.Optional;

/**
 * What a renewal payment's outcome does, whichever brings it first (Stripe's webhook or the
 * worker's own answer from Stripe): each is a function of the state it finds, so the second
 * changes nothing. Paid: the next period starts, with its delivery and reminder. Declined: the
 * dunning schedule. Authentication needed: the customer is asked, and nothing is retried blindly.
 */
final class RenewalOutcomes {

    private RenewalOutcomes() {}

    /** A duplicate payment goes back at once; the deadline promised is the one CCR 2013 reg 34 sets for refunds on cancelling. */
    static final int DUPLICATE_REFUND_DAYS = 14;

    static void paid(Action a, PaymentEvent.Renewal renewal, String orderId, PaymentEvent.Paid paid) {
        var found = a.account().subscription(renewal.subscriptionId());
        if (found.isEmpty()) return;
        var s = found.get();
        var pi = paid.ref().paymentIntentId();
        var known = a.account().payment(pi);
        var payment = new Payment(pi, s.customerId(), orderId, Optional.of(s.id()), renewal.cycle(),
                paid.chargeId().or(() -> known.flatMap(Payment::chargeId)), paid.amount(),
                known.map(Payment::status).filter(st -> st != Payment.Status.FAILED && st != Payment.Status.REQUIRES_ACTION).orElse(Payment.Status.SUCCEEDED),
                known.map(Payment::date).orElse(a.today()), Optional.empty());
        savedCard(a, paid); // the session's event names no card, the PaymentIntent's does: whichever carries it saves it
        if (s.cycle() >= renewal.cycle() || !s.state().chargeable()) {
            // already applied, or the plan ended before the customer authenticated: the payment is recorded, nothing else moves
            if (known.equals(Optional.of(payment))) return;
            a.put(payment);
            if (known.isEmpty() && s.cycle() >= renewal.cycle() && paidBefore(a, s.id(), renewal.cycle(), pi)) refundDuplicate(a, s, payment);
            return;
        }
        var catalog = a.catalog(s);
        var plan = a.plan(s, s.planId());
        var decision = RenewalSchedule.atPeriodEnd(plan, s, a.today());
        if (decision.outcome() != Outcome.RENEWS) return;
        var start = decision.effectiveDate();
        var periodPayment = decision.charges().getFirst().amount();
        var period = new Period(start, plan.terms().billing().every().after(start));
        var next = a.apply(s, new SubscriptionEvent.PeriodPaid(renewal.cycle(), period, periodPayment,
                !s.instalmentDueOn(s.currentPeriod().orElseThrow().end())));
        a.put(payment);
        var purchase = a.account().purchaseOf(s);
        a.received(purchase, paid.amount());
        var clause = decision.reasons().getFirst().clause().toString();
        a.ledger(LedgerEntry.Kind.PAYMENT_RECEIVED, paid.amount(), purchase, paid.chargeId().orElse(pi), clause);
        if (renewal.chargesDueMinor() > 0) {
            a.ledger(LedgerEntry.Kind.CHARGE_COLLECTED, Money.of(renewal.chargesDueMinor(), paid.amount().currency()), purchase, pi, clause);
        }
        var nextBox = catalog.rules().delivers() ? deliveries(a, purchase, next, renewal.cycle()) : Optional.<Delivery>empty();
        var nextPlan = a.plan(next, next.planId());
        var planName = nextPlan.name();
        var box = a.account().delivery(s.id(), renewal.cycle()).map(Delivery::charges).orElse(java.util.List.of());
        var charges = new java.util.ArrayList<>(decision.charges());
        charges.addAll(box);
        var carried = Money.of(renewal.chargesDueMinor(), paid.amount().currency());
        var receipt = Receipt.of(catalog, plan, charges, carried, carriedClauses(a, s), paid.amount());
        var paragraphs = new java.util.ArrayList<String>();
        paragraphs.add("Thank you: we have taken " + paid.amount().display() + " for " + planName + ". This period runs " + CustomerDates.period(period) + ".");
        paragraphs.addAll(receipt.paragraphs());
        var carriedAfter = a.account().chargesDue(s.id(), carried.currency()).minus(carried);
        NextPayment.of(nextPlan, next, nextBox, carriedAfter).ifPresent(n -> paragraphs.add(n.sentence()));
        Mails.notice(nextPlan, next, a.today()).ifPresent(paragraphs::add);
        a.mail("renewal-paid", new Mails.Mail("Payment received: " + planName, Mails.withReasons(paragraphs, decision)));
        RenewalCoolingOffPeriod.window(a.regime(), nextPlan, next, Optional.of(a.today())).ifPresent(w -> a.mail("renewal-cooling-off",
                "Your right to cancel " + planName + " until " + CustomerDates.day(w.lastDay()), "Your " + planName + " has renewed.",
                RenewalCoolingOffPeriod.notice(a.regime(), nextPlan, w, a.zero())));
        a.event(s.customerId(), "SubscriptionRenewed", "subscriptionId", s.id(), "customerId", s.customerId(), "cycle",
                Integer.toString(renewal.cycle()), "amount", Long.toString(paid.amount().amount()), "periodEnd", period.end().toString());
    }

    /** Whether another payment already paid this cycle (a renewal paid on the hosted page while a retry charged the card). */
    private static boolean paidBefore(Action a, String subscriptionId, int cycle, String paymentIntentId) {
        return a.account().payments().stream().anyMatch(p -> p.subscriptionId().equals(Optional.of(subscriptionId)) && p.cycle() == cycle
                && !p.paymentIntentId().equals(paymentIntentId) && p.status() != Payment.Status.FAILED && p.status() != Payment.Status.REQUIRES_ACTION
                && p.status() != Payment.Status.PROCESSING);
    }

    /** A second payment for a period already paid is the customer's money: it is received on the order and refunded in full at once. */
    private static void refundDuplicate(Action a, Subscription s, Payment duplicate) {
        var purchase = a.account().purchaseOf(s);
        var clause = a.plan(s, s.planId()).terms().billing().clause();
        a.received(purchase, duplicate.amount());
        var decision = new Decision(Outcome.REFUNDED, a.today(), duplicate.amount(), java.util.List.of(), java.util.List.of(new Reason(
                "DUPLICATE_PAYMENT", clause, "Period " + duplicate.cycle() + " was already paid, so the second payment of "
                + duplicate.amount().display() + " is refunded in full.")), Optional.of(a.today().plusDays(DUPLICATE_REFUND_DAYS)));
        a.ledger(LedgerEntry.Kind.PAYMENT_RECEIVED, duplicate.amount(), purchase, duplicate.chargeId().orElse(duplicate.paymentIntentId()), clause.toString());
        a.refund(purchase, decision, java.util.List.of(duplicate));
        a.mail("duplicate-payment-refunded", "We are refunding a second payment", "We received two payments for the same period.", decision);
    }

    /** A renewal paid on the hosted page saved the card used there (Checkout's setup_future_usage): later renewals use it. */
    private static void savedCard(Action a, PaymentEvent.Paid paid) {
        var profile = a.account().profile();
        if (profile.isEmpty() || paid.stripeCustomer().isEmpty() || paid.paymentMethod().isEmpty()) return;
        if (profile.get().paymentMethod().equals(paid.paymentMethod()) && profile.get().stripeCustomer().equals(paid.stripeCustomer())) return;
        a.changes().add(new Changes.Write.PutProfile(profile.get().withCard(paid.stripeCustomer().get(), paid.paymentMethod().get()),
                profile.get().version()));
    }

    /**
     * meal-plans 7(b), 6(c)(v): the paid month's boxes go out (a withheld one on the next working
     * day), and the next month's are scheduled ahead, 28 days after this month's, so they can be
     * delayed with notice before they are paid for.
     */
    private static Optional<Delivery> deliveries(Action a, Purchase purchase, Subscription next, int month) {
        var rules = a.catalog(next).rules();
        var thisMonth = a.account().delivery(next.id(), month);
        thisMonth.filter(d -> d.state() == Delivery.State.WITHHELD).ifPresent(d -> {
            var soonest = BusinessCalendar.workingDaysAfter(a.today(), 1);
            var date = d.scheduledDate().isBefore(soonest) ? soonest : d.scheduledDate();
            a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Released(date)));
        });
        if (RenewalSchedule.nextRenewalDate(a.plan(next, next.planId()).terms(), next).isEmpty()) return Optional.empty();
        var scheduled = a.account().delivery(next.id(), month + 1);
        if (scheduled.isPresent() || thisMonth.isEmpty()) return scheduled;
        var date = thisMonth.get().scheduledDate().plusDays(rules.deliveryCadence().orElseThrow().everyDays());
        var postcode = purchase.delivery().orElseThrow().postcode();
        var box = new Delivery(a.ids().next("del"), next.customerId(), next.id(), month + 1, date,
                Delivery.State.SCHEDULED, DeliverySchedule.charges(rules, date, postcode), 0);
        Rolls.schedule(a.changes(), box);
        return Optional.of(box);
    }

    /** The clauses of the charges earlier changes carried over to a subscription's payments (a late address change, a downgrade). */
    static String carriedClauses(Action a, Subscription s) {
        return String.join(", ", a.account().ledger().stream().filter(e -> e.kind() == LedgerEntry.Kind.CHARGE_DUE
                && e.subscriptionId().equals(Optional.of(s.id()))).map(LedgerEntry::clause).distinct().toList());
    }

    static void failed(Action a, PaymentEvent.Renewal renewal, String orderId, PaymentEvent.Failed failed, String accountPageUrl) {
        var found = a.account().subscription(renewal.subscriptionId());
        if (found.isEmpty()) return;
        var s = found.get();
        var pi = failed.ref().paymentIntentId();
        if (a.account().payment(pi).isPresent()) return; // this attempt's outcome is already recorded
        boolean authenticate = "authentication_required".equals(failed.failureCode());
        a.put(new Payment(pi, s.customerId(), orderId, Optional.of(s.id()), renewal.cycle(), Optional.empty(), failed.amount(),
                authenticate ? Payment.Status.REQUIRES_ACTION : Payment.Status.FAILED, a.today(),
                Optional.of(failed.failureCode() + ": " + failed.failureMessage())));
        if (s.cycle() >= renewal.cycle() || !s.state().chargeable()) return;
        var dunning = a.catalog(s).rules().dunning().orElseThrow(() -> new IllegalStateException(s.catalogId() + " has no dunning rule"));
        var next = a.apply(s, new SubscriptionEvent.PaymentFailed(a.today(), renewal.cycle(), authenticate, pi));
        var decision = DunningSchedule.afterFailure(dunning, next.renewalCharge().orElseThrow(), failed.amount(),
                next.priceFrom(next.currentPeriod().orElseThrow().end()), a.today());
        var planName = a.plan(s, s.planId()).name();
        if (decision.outcome() == Outcome.ENDS) {
            ended(a, a.apply(next, new SubscriptionEvent.DunningExhausted(a.today())), decision, "plan-ended-unpaid",
                    "Your " + planName + " has ended", "We could not take your payment, so your " + planName + " has ended.");
            return;
        }
        // both are mended on Stripe's hosted pages, opened from "Your Account" (the pay-now and payment-method routes)
        if (authenticate) {
            a.mail("authentication-needed", "Please confirm your payment for " + planName,
                    "Your bank wants you to confirm the payment of " + failed.amount().display() + " for " + planName
                            + ". Choose \"Pay now\" in Your Account to confirm it with your bank on Stripe's secure page: " + accountPageUrl, decision);
        } else {
            a.mail("payment-failed", "Your payment for " + planName + " did not go through",
                    "We could not take the payment of " + failed.amount().display() + " for " + planName
                            + ". In Your Account you can pay it now or save a new card, which we then charge at once: " + accountPageUrl, decision);
        }
        a.event(s.customerId(), "RenewalPaymentFailed", "subscriptionId", s.id(), "customerId", s.customerId(),
                "cycle", Integer.toString(renewal.cycle()), "authenticationRequired", Boolean.toString(authenticate),
                "retryOn", decision.effectiveDate().toString());
    }

    /**
     * A subscription has ended (at period end as the customer asked, or after the dunning schedule
     * ran out): boxes for months not paid for are cancelled, course access ends (online-courses 13.2),
     * and the customer is told why, clause by clause.
     */
    static void ended(Action a, Subscription ended, Decision decision, String template, String subject, String opening) {
        for (var delivery : a.account().deliveries()) {
            boolean unpaid = delivery.state() == Delivery.State.WITHHELD
                    || (delivery.state() == Delivery.State.SCHEDULED && delivery.month() > ended.cycle());
            if (delivery.subscriptionId().equals(ended.id()) && unpaid) a.put(DeliveryStateMachine.apply(delivery, new DeliveryStateMachine.Event.Cancelled()));
        }
        a.account().enrolments().stream().filter(e -> e.subscriptionId().equals(Optional.of(ended.id()))).forEach(a::endAccess);
        // meal-plans 6(c)(iv): what the retries never collected stays owed, recorded with the clause that says so
        decision.reasons().stream().filter(r -> r.code().equals("UNCOLLECTED_OWED")).findFirst().ifPresent(owed ->
                a.ledger(LedgerEntry.Kind.AMOUNT_OWED, decision.totalCharges(), a.account().purchaseOf(ended), "uncollected-" + ended.id(),
                        owed.clause().toString()));
        a.mail(template, subject, opening, decision);
        a.event(ended.customerId(), "SubscriptionEnded", "subscriptionId", ended.id(), "customerId", ended.customerId(),
                "endedOn", a.today().toString(), "reason", decision.reasons().getFirst().code());
    }

    /** What a renewal charges: the payment {@link NextPayment} announced (the period's price, the box's charges, what is carried over). */
    static Money amountDue(Action a, Subscription s, Decision renews) {
        return NextPayment.due(renews, a.today(), s, a.account().delivery(s.id(), s.cycle() + 1),
                a.account().chargesDue(s.id(), s.periodPrice().currency())).total();
    }
}
