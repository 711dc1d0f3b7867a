package com.termwise.app;

import com.termwise.domain.decision.Outcome;
import com.termwise.domain.rules.DunningSchedule;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.RenewalCharge;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The renewal worker: one due subscription at a time. A plan that is ending ends; a renewal is
 * first marked as being charged (a conditional write: of two workers given the same message, one
 * marks it, and the other re-reads and finds the same attempt), then charged off-session with the
 * attempt's own idempotency key, so a repeated message, a re-run sweep or a worker that died
 * between the two steps finds Stripe's first answer rather than charging again. The outcome is
 * applied as Stripe's webhook would apply it.
 */
public final class Renewals {

    /** How long a renewal being charged is left alone before the sweep offers it again (the worker died). */
    static final Duration LEASE = Duration.ofMinutes(30);

    public enum Result { NOT_DUE, ENDED, CHARGED, PROCESSING, DECLINED, AUTHENTICATION_REQUIRED, PARKED }

    private record Attempt(String customerId, String orderId, RenewalCharge charge, com.termwise.domain.money.Money amount,
                           String stripeCustomer, String paymentMethod, String description, long chargesDue) {}

    private final ActionRunner actions;
    private final PaymentGateway payments;
    private final PaymentOutcomes outcomes;

    public Renewals(ActionRunner actions, PaymentGateway payments, PaymentOutcomes outcomes) {
        this.actions = actions;
        this.payments = payments;
        this.outcomes = outcomes;
    }

    public Result renew(RenewalQueue.DueRenewal due) {
        var attempt = new AtomicReference<Optional<Attempt>>(Optional.empty());
        var ended = new AtomicReference<>(false);
        actions.perform(due.customerId(), a -> {
            attempt.set(Optional.empty());
            ended.set(false);
            var found = a.account().subscription(due.subscriptionId());
            if (found.isEmpty()) return;
            var s = found.get();
            var catalog = a.catalog(s);
            var plan = a.plan(s, s.planId());
            var dunning = catalog.rules().dunning();
            var dueOn = RenewalSchedule.nextDue(plan.terms(), dunning, s);
            if (dueOn.isEmpty() || dueOn.get().isAfter(a.today())) return; // a stale or repeated message
            if ((s.state() == SubscriptionState.CANCELLING && !RenewalSchedule.renewsOnceMore(s))
                    || (s.state() == SubscriptionState.SUSPENDED && s.endsOn().isPresent())) {
                var decision = s.state() == SubscriptionState.SUSPENDED ? RenewalSchedule.endsSuspended(plan, s, a.today())
                        : RenewalSchedule.atPeriodEnd(plan, s, a.today());
                RenewalOutcomes.ended(a, a.apply(s, new SubscriptionEvent.PeriodEnded(a.today())), decision, "plan-ended",
                        "Your " + plan.name() + " has ended", "Your " + plan.name() + " has ended, as you asked.");
                ended.set(true);
                return;
            }
            var failing = s.renewalCharge().filter(r -> r.status() == RenewalCharge.Status.AWAITING_AUTHENTICATION);
            if (failing.isPresent() && dunning.isPresent()) {
                // the customer did not authenticate by the last day the schedule gives
                var price = s.priceFrom(a.today());
                var decision = DunningSchedule.afterFailure(dunning.get(), failing.get(), price, price, a.today());
                if (decision.outcome() == Outcome.ENDS) {
                    RenewalOutcomes.ended(a, a.apply(s, new SubscriptionEvent.DunningExhausted(a.today())), decision, "plan-ended-unpaid",
                            "Your " + plan.name() + " has ended", "We did not receive your payment, so your " + plan.name() + " has ended.");
                    ended.set(true);
                }
                return;
            }
            if (!s.state().chargeable()) return;
            var decision = RenewalSchedule.atPeriodEnd(plan, s, a.today());
            if (decision.outcome() != Outcome.RENEWS) return;
            var amount = RenewalOutcomes.amountDue(a, s, decision);
            var chargesDue = a.account().chargesDue(s.id(), amount.currency()).amount();
            var started = a.apply(s, new SubscriptionEvent.ChargeStarted(s.cycle() + 1, a.today()),
                    Optional.of(new Changes.Due(DueWork.RENEWAL, a.now().plus(LEASE).toString())));
            var profile = a.account().profile().orElseThrow(() -> new IllegalStateException("no profile for " + s.customerId()));
            var card = profile.stripeCustomer().flatMap(c -> profile.paymentMethod().map(m -> new String[]{c, m}))
                    .orElseThrow(() -> new IllegalStateException("no saved card for " + s.id()));
            attempt.set(Optional.of(new Attempt(s.customerId(), a.account().purchaseOf(s).id(), started.renewalCharge().orElseThrow(), amount,
                    card[0], card[1], plan.name() + ", period " + (s.cycle() + 1), chargesDue)));
        });
        if (ended.get()) return Result.ENDED;
        if (attempt.get().isEmpty()) return Result.NOT_DUE;
        return charge(due.subscriptionId(), attempt.get().get());
    }

    private Result charge(String subscriptionId, Attempt at) {
        var renewal = new PaymentEvent.Renewal(subscriptionId, at.charge().cycle(), at.chargesDue());
        var metadata = new java.util.HashMap<>(renewal.metadata());
        metadata.put("customerId", at.customerId());
        metadata.put("orderId", at.orderId());
        var key = at.charge().idempotencyKey(subscriptionId);
        PaymentGateway.OffSessionCharge result;
        try {
            result = payments.chargeOffSession(new PaymentGateway.OffSessionRequest(key, at.stripeCustomer(), at.paymentMethod(),
                    at.amount(), at.description(), metadata));
        } catch (PaymentGateway.Refused refused) {
            park(subscriptionId, at, key, refused);
            return Result.PARKED;
        }
        // the bank has not answered: the attempt stays marked, its webhook settles it, and a re-offer replays the same key
        if (result.result() == PaymentGateway.OffSessionCharge.Result.PROCESSING) return Result.PROCESSING;
        var ref = new PaymentEvent.Ref(Optional.of(at.customerId()), Optional.of(at.orderId()), result.paymentIntentId(), Optional.of(renewal));
        var eventId = "renewal:" + key + ":" + result.result();
        outcomes.apply(switch (result.result()) {
            case SUCCEEDED -> new PaymentEvent.Paid(eventId, ref, result.chargeId(), result.amount(), Optional.of(at.stripeCustomer()),
                    Optional.of(at.paymentMethod()));
            case PROCESSING -> throw new IllegalStateException("returned above");
            case DECLINED, AUTHENTICATION_REQUIRED -> new PaymentEvent.Failed(eventId, ref, result.amount(),
                    result.result() == PaymentGateway.OffSessionCharge.Result.AUTHENTICATION_REQUIRED ? "authentication_required" : result.failureCode(),
                    result.failureMessage());
        });
        return switch (result.result()) {
            case SUCCEEDED -> Result.CHARGED;
            case PROCESSING -> Result.PROCESSING;
            case DECLINED -> Result.DECLINED;
            case AUTHENTICATION_REQUIRED -> Result.AUTHENTICATION_REQUIRED;
        };
    }

    /** Stripe refused the request itself: retrying it would be refused again (and a new key could charge twice), so it waits for an operator. */
    private void park(String subscriptionId, Attempt at, String key, PaymentGateway.Refused refused) {
        actions.perform(at.customerId(), a -> a.account().subscription(subscriptionId).ifPresent(s -> {
            a.apply(s, new SubscriptionEvent.ChargeParked(at.charge().cycle()));
            a.event(s.customerId(), "RenewalParked", "subscriptionId", s.id(), "customerId", s.customerId(), "cycle",
                    Integer.toString(at.charge().cycle()), "idempotencyKey", key, "stripeCode", refused.code());
        }));
    }
}
