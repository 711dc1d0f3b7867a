package com.termwise.domain.subscription;

import com.termwise.domain.subscription.SubscriptionEvent.*;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;

import static com.termwise.domain.subscription.SubscriptionState.*;

/**
 * The one place a subscription changes state. Each event lists the states it may leave from;
 * anything else is refused. An event that has already taken effect (a payment for a cycle already
 * paid, a cancellation already scheduled for the same day) returns the subscription unchanged,
 * so repeated or reordered webhooks and sweeps converge on one state.
 */
public final class SubscriptionStateMachine {

    private SubscriptionStateMachine() {}

    public static Subscription apply(Subscription s, SubscriptionEvent event) {
        var b = s.toBuilder();
        switch (event) {
            case Activated a -> {
                if (s.state() != PENDING_PAYMENT) return unchangedIf(s, event, s.state().running());
                b.state = ACTIVE;
                b.currentPeriod = a.firstPeriod();
                b.minimumTermEnd = a.minimumTermEnd();
                b.paidThisPeriod = a.paid();
                b.cycle = 1;
            }
            case PeriodPaid p -> {
                if (p.cycle() <= s.cycle()) return s; // this cycle is already paid
                requireState(s, event, ACTIVE, PAST_DUE, CANCELLING);
                if (p.cycle() != s.cycle() + 1) throw new TransitionRefused(s.state(), event);
                // a period a late notice left (meal-plans 9(c)(1)) is paid and the plan still ends when it was told
                b.state = s.endsOn().isPresent() ? CANCELLING : ACTIVE;
                b.cycle = p.cycle();
                b.currentPeriod = Optional.of(p.period());
                b.paidThisPeriod = p.paid();
                if (p.renewal()) b.renewals = s.renewals() + 1;
                b.renewalCharge = Optional.empty();
                b.periodPrice = s.priceFrom(p.period().start());
                applyDuePlanChange(b, p.period().start());
            }
            case ChargeStarted c -> {
                requireState(s, event, ACTIVE, PAST_DUE, CANCELLING);
                if (c.cycle() != s.cycle() + 1) throw new TransitionRefused(s.state(), event);
                var previous = s.renewalCharge().filter(r -> r.cycle() == c.cycle());
                if (previous.map(r -> r.status() == RenewalCharge.Status.CHARGING).orElse(false)) return s; // the same attempt, taken again
                // a new attempt after a decline has its own key; the first failure still anchors the dunning schedule
                b.renewalCharge = Optional.of(new RenewalCharge(c.cycle(), previous.map(r -> r.attempt() + 1).orElse(1),
                        RenewalCharge.Status.CHARGING, previous.flatMap(RenewalCharge::firstFailedOn), Optional.empty()));
            }
            case PaymentFailed f -> {
                if (f.cycle() <= s.cycle()) return s; // that cycle was paid after all
                requireState(s, event, ACTIVE, PAST_DUE, CANCELLING);
                var status = f.authenticationRequired() ? RenewalCharge.Status.AWAITING_AUTHENTICATION : RenewalCharge.Status.DECLINED;
                var previous = s.renewalCharge().filter(r -> r.cycle() == f.cycle());
                if (previous.map(r -> r.status() == status && r.paymentIntentId().equals(Optional.of(f.paymentIntentId()))).orElse(false)) return s;
                b.state = PAST_DUE;
                b.renewalCharge = Optional.of(new RenewalCharge(f.cycle(), previous.map(RenewalCharge::attempt).orElse(1), status,
                        previous.flatMap(RenewalCharge::firstFailedOn).or(() -> Optional.of(f.on())), Optional.of(f.paymentIntentId())));
            }
            case ChargeParked p -> {
                var charging = s.renewalCharge().filter(c -> c.cycle() == p.cycle() && c.status() == RenewalCharge.Status.CHARGING);
                if (charging.isEmpty()) return s;
                var c = charging.get();
                b.renewalCharge = Optional.of(new RenewalCharge(c.cycle(), c.attempt(), RenewalCharge.Status.PARKED, c.firstFailedOn(), c.paymentIntentId()));
            }
            case CardReplaced r -> {
                var failing = s.renewalCharge().filter(c -> s.state() == PAST_DUE && c.unpaid());
                if (failing.isEmpty() || failing.get().status() == RenewalCharge.Status.CARD_REPLACED) return s;
                var c = failing.get();
                b.renewalCharge = Optional.of(new RenewalCharge(c.cycle(), c.attempt(), RenewalCharge.Status.CARD_REPLACED, c.firstFailedOn(),
                        c.paymentIntentId()));
            }
            case CancellationScheduled c -> {
                if (s.state() == CANCELLING && s.endsOn().equals(Optional.of(c.endsOn()))) return s;
                requireState(s, event, ACTIVE, PAST_DUE, PAUSED, CANCELLING, SUSPENDED);
                // notice is accepted in every state; a suspended plan stays suspended until it ends (Reinstated makes it CANCELLING)
                if (s.state() != SUSPENDED) b.state = CANCELLING;
                b.endsOn = Optional.of(c.endsOn());
                b.scheduledChanges = s.scheduledChanges().stream().filter(ch -> ch.kind() != ScheduledChange.Kind.PLAN_CHANGE).toList();
            }
            case CancellationWithdrawn w -> {
                requireState(s, event, CANCELLING);
                b.state = ACTIVE;
                b.endsOn = Optional.empty();
            }
            case CancelledNow c -> {
                if (s.state() == CANCELLED) return s;
                requireState(s, event, PENDING_PAYMENT, ACTIVE, PAST_DUE, PAUSED, CANCELLING, SUSPENDED);
                b.state = CANCELLED;
                b.endsOn = Optional.of(c.on());
                b.scheduledChanges = java.util.List.of(); // nothing is left to change
            }
            case PeriodEnded e -> {
                if ((s.state() == CANCELLING || s.state() == SUSPENDED) && s.endsOn().map(end -> !e.on().isBefore(end)).orElse(false)) {
                    b.state = CANCELLED;
                } else {
                    return s; // nothing ends today
                }
            }
            case Paused p -> {
                if (s.state() == PAUSED) return s;
                requireState(s, event, ACTIVE);
                b.state = PAUSED;
                b.pausedOn = Optional.of(p.on());
            }
            case Resumed r -> {
                if (s.state() == ACTIVE) return s;
                requireState(s, event, PAUSED);
                // the paid period is not used up while paused: it ends later by the days paused
                long paused = ChronoUnit.DAYS.between(s.pausedOn().orElse(r.on()), r.on());
                b.state = ACTIVE;
                b.pausedOn = Optional.empty();
                b.currentPeriod = s.currentPeriod().map(period -> period.extendedBy(paused));
            }
            case Suspended x -> {
                if (s.state() == SUSPENDED) return s;
                requireState(s, event, ACTIVE, PAST_DUE, PAUSED, CANCELLING);
                b.state = SUSPENDED;
            }
            case Reinstated x -> {
                requireState(s, event, SUSPENDED);
                b.state = s.endsOn().isPresent() ? CANCELLING : ACTIVE;
            }
            case Revoked x -> {
                if (s.state() == CANCELLED) return s;
                requireState(s, event, ACTIVE, PAUSED, PAST_DUE, SUSPENDED, CANCELLING);
                b.state = CANCELLED;
                b.endsOn = Optional.of(x.on());
            }
            case Rejoined r -> {
                // online-courses 14.9: back on the plan that was cancelled, for a new period
                requireState(s, event, CANCELLED, EXPIRED);
                b.state = ACTIVE;
                b.currentPeriod = Optional.of(r.period());
                b.cycle = s.cycle() + 1;
                b.paidThisPeriod = r.paid();
                b.endsOn = Optional.empty();
                b.scheduledChanges = java.util.List.of();
            }
            case PlanSwitched p -> {
                if (s.planId().equals(p.planId())) return s;
                requireState(s, event, ACTIVE);
                b.previousPlanId = Optional.of(s.planId());
                b.planId = p.planId();
                b.periodPrice = p.periodPrice();
                b.minimumTermEnd = p.minimumTermEnd();
                b.scheduledChanges = s.scheduledChanges().stream().filter(ch -> ch.kind() != ScheduledChange.Kind.PLAN_CHANGE).toList();
            }
            case ChangeScheduled c -> {
                if (s.scheduledChanges().contains(c.change())) return s;
                requireState(s, event, ACTIVE, PAST_DUE, PAUSED);
                var changes = new ArrayList<>(s.scheduledChanges().stream().filter(ch -> ch.kind() != c.change().kind()).toList());
                changes.add(c.change());
                b.scheduledChanges = changes;
            }
            case FirstDeliveryReceived d -> {
                if (s.firstDeliveryReceivedOn().isPresent()) return s;
                b.firstDeliveryReceivedOn = Optional.of(d.on());
            }
            case NextDeliveryDelayed d -> {
                requireState(s, event, ACTIVE);
                // meal-plans 7(b): the month's delivery, and so the payment for it, moves with the delay
                b.currentPeriod = s.currentPeriod().map(period -> period.extendedBy(d.days()));
            }
            case DunningExhausted d -> {
                if (s.state() == CANCELLED) return s;
                requireState(s, event, PAST_DUE);
                b.state = CANCELLED;
                b.endsOn = Optional.of(d.on());
                b.renewalCharge = Optional.empty();
            }
        }
        return b.build();
    }

    private static Subscription unchangedIf(Subscription s, SubscriptionEvent event, boolean alreadyApplied) {
        if (alreadyApplied) return s;
        throw new TransitionRefused(s.state(), event);
    }

    /** Switches plan when a scheduled change falls due, and drops every change that has taken effect (its price is already applied). */
    private static void applyDuePlanChange(Subscription.Builder b, java.time.LocalDate periodStart) {
        for (var change : b.scheduledChanges) {
            if (change.kind() == ScheduledChange.Kind.PLAN_CHANGE && !change.effectiveDate().isAfter(periodStart)) {
                b.previousPlanId = Optional.of(b.planId);
                b.planId = change.planId();
            }
        }
        b.scheduledChanges = b.scheduledChanges.stream().filter(c -> c.effectiveDate().isAfter(periodStart)).toList();
    }

    private static void requireState(Subscription s, SubscriptionEvent event, SubscriptionState... allowed) {
        for (var state : allowed) if (s.state() == state) return;
        throw new TransitionRefused(s.state(), event);
    }
}
