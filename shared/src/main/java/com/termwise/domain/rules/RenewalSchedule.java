package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.subscription.RenewalCharge;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The billing clock: the first period starts on the first payment (meal-plans 6(b)(i): later
 * payments at 28-day intervals from it; online-courses 11.6: yearly), a plan with a minimum term
 * takes its instalments, then renews automatically for rolling periods until cancelled
 * (meal-plans 4(e)/9(a), online-courses 11.6/13.1). A cancellation ends it at its effective date.
 */
public final class RenewalSchedule {

    private RenewalSchedule() {}

    public static Optional<Period> firstPeriod(PlanTerms terms, LocalDate firstPayment) {
        var every = terms.billing().every();
        return every.recurring() ? Optional.of(new Period(firstPayment, every.after(firstPayment))) : Optional.empty();
    }

    public static Optional<LocalDate> minimumTermEnd(PlanTerms terms, LocalDate firstPayment) {
        return terms.minimumTerm().map(m -> terms.billing().every().after(firstPayment, m.periods()));
    }

    /** The next day a payment is due, if the plan will take one. */
    public static Optional<LocalDate> nextRenewalDate(PlanTerms terms, Subscription s) {
        var period = s.currentPeriod();
        if (period.isEmpty()) return Optional.empty();
        var end = period.get().end();
        if (s.state() == SubscriptionState.CANCELLING) return renewsOnceMore(s) ? Optional.of(end) : Optional.empty();
        if (s.state() != SubscriptionState.ACTIVE && s.state() != SubscriptionState.PAST_DUE) return Optional.empty();
        return s.instalmentDueOn(end) || terms.autoRenews() ? Optional.of(end) : Optional.empty();
    }

    /**
     * A cancellation whose notice came too late ends a period later than the current one (meal-plans 9(c)(1):
     * "your plan renews once more"): the decision announced that period and its payment, so it is charged.
     */
    public static boolean renewsOnceMore(Subscription s) {
        return s.state() == SubscriptionState.CANCELLING && s.endsOn().isPresent() && s.currentPeriod().isPresent()
                && s.endsOn().get().isAfter(s.currentPeriod().get().end());
    }

    /**
     * When the renewal sweep next looks at a subscription: while a renewal payment is failing, the next
     * retry of the dunning schedule (or, when the customer must authenticate, the day the schedule runs
     * out: nothing is retried blindly); the day it ends if it is ending, unless a late notice left it a
     * period still to charge (then that payment); else its next payment.
     */
    public static Optional<LocalDate> nextDue(PlanTerms terms, Optional<Rule.Dunning> dunning, Subscription s) {
        if (s.renewalCharge().filter(r -> r.status() == RenewalCharge.Status.PARKED).isPresent()) return Optional.empty(); // an operator's
        // a failing payment first: the last renewal a late notice left is collected (or given up) like any other
        var failing = s.renewalCharge().filter(r -> r.status() != RenewalCharge.Status.CHARGING && s.state() == SubscriptionState.PAST_DUE);
        // a suspended plan with notice given ends on its day too (it is charged nothing meanwhile)
        var ending = s.endsOn().filter(d -> (s.state().live() && !renewsOnceMore(s) || s.state() == SubscriptionState.SUSPENDED) && failing.isEmpty());
        if (ending.isPresent()) return ending;
        if (failing.isPresent()) {
            var charge = failing.get();
            var firstFailed = charge.firstFailedOn().orElseThrow();
            if (dunning.isEmpty() || charge.status() == RenewalCharge.Status.CARD_REPLACED) return Optional.of(firstFailed); // due now
            return charge.status() == RenewalCharge.Status.AWAITING_AUTHENTICATION
                    ? Optional.of(DunningSchedule.lastRetryOn(dunning.get(), firstFailed))
                    : DunningSchedule.retryOn(dunning.get(), firstFailed, charge.attempt()).or(() -> Optional.of(firstFailed));
        }
        return nextRenewalDate(terms, s);
    }

    /** A suspended plan the customer gave notice on ends on the day the notice fixed; nothing was taken while it was suspended. */
    public static Decision endsSuspended(Plan plan, Subscription s, LocalDate day) {
        var clause = plan.terms().cancelAtPeriodEnd().map(c -> c.clause()).orElse(plan.terms().billing().clause());
        return Decision.of(Outcome.ENDS, day, Money.zero(s.periodPrice().currency()), List.of(), List.of(new Reason("CANCELLED_AT_PERIOD_END", clause,
                "Your plan runs " + CustomerDates.upToAndIncluding(s.endsOn().orElse(day)) + " as you asked; it was suspended, so no further payment was taken.")));
    }

    /** What happens when the current period ends on {@code day}: the next one is charged, or the plan ends. */
    public static Decision atPeriodEnd(Plan plan, Subscription s, LocalDate day) {
        var terms = plan.terms();
        var zero = Money.zero(s.periodPrice().currency());
        var period = s.currentPeriod().orElseThrow(() -> new IllegalStateException(s.id() + " has no billing period"));
        if (renewsOnceMore(s)) {
            var next = new Period(period.end(), terms.billing().every().after(period.end()));
            var price = s.priceFrom(next.start());
            var clause = terms.cancelAtPeriodEnd().map(c -> c.clause()).orElse(terms.billing().clause());
            return Decision.of(Outcome.RENEWS, next.start(), zero, List.of(new Charge(Charge.Kind.PERIOD_PAYMENT, price)),
                    List.of(new Reason("RENEWS_ONCE_MORE", clause, "Your notice came after the deadline, so your plan renews once more on "
                            + next.start() + " for " + price.display() + " and ends on " + s.endsOn().orElseThrow() + ", as we told you.")));
        }
        if (s.state() == SubscriptionState.CANCELLING) {
            var clause = terms.cancelAtPeriodEnd().map(c -> c.clause()).orElse(terms.billing().clause());
            return Decision.of(Outcome.ENDS, s.endsOn().orElse(period.end()), zero, List.of(),
                    List.of(new Reason("CANCELLED_AT_PERIOD_END", clause, "Your plan runs " + CustomerDates.upToAndIncluding(s.endsOn().orElse(period.end())) + " as you asked; no further payment is taken.")));
        }
        var next = new Period(period.end(), terms.billing().every().after(period.end()));
        var price = s.priceFrom(next.start());
        Optional<Reason> why = s.instalmentDueOn(period.end())
                ? Optional.of(new Reason("MINIMUM_TERM_INSTALMENT", terms.minimumTerm().orElseThrow().clause(),
                        "Month " + (s.cycle() + 1) + " of your minimum period: " + price.display() + " is due on " + next.start() + "."))
                : terms.renewal().map(r -> new Reason("AUTO_RENEWAL", r.clause(),
                        "Your plan renews on " + next.start() + " for " + price.display() + " until " + next.end() + "."));
        if (why.isPresent()) {
            return Decision.of(Outcome.RENEWS, next.start(), zero, List.of(new Charge(Charge.Kind.PERIOD_PAYMENT, price)), List.of(why.get()));
        }
        return Decision.of(Outcome.ENDS, period.end(), zero, List.of(),
                List.of(new Reason("DOES_NOT_RENEW", terms.billing().clause(), "This plan does not renew; it runs " + CustomerDates.upToAndIncluding(period.end()) + ".")));
    }
}
