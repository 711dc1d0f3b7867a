package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a customer's "cancel" gets (docs/api.md cancel on a subscription or an order).
 *
 * <p>Inside the {@link CoolingOffPeriod}: cancelled now, with the refund it gives. After it, a
 * renewing plan ends at a period end fixed by the {@link NoticeDeadline} and the minimum term,
 * with access or deliveries to the end of what was paid (online-courses 13.1/13.2, meal-plans
 * 9(c)); there is no refund for the partial period (online-courses 14.16). A one-off purchase
 * outside its cancellation period cannot be cancelled.
 */
public final class Cancellation {

    private Cancellation() {}

    public static Decision ofSubscription(Catalog catalog, Plan plan, Subscription s, PurchaseFacts facts, LocalDate today,
                                          Optional<String> reason) {
        return ofSubscription(SubscriptionRegime.dmcc(), Optional.empty(), catalog, plan, s, facts, today, reason);
    }

    /**
     * The same under a statutory {@code regime}, where a renewal may open its own cooling-off period
     * ({@link RenewalCoolingOffPeriod}; {@code renewalToldOn}: the day its notice went out).
     */
    public static Decision ofSubscription(SubscriptionRegime regime, Optional<LocalDate> renewalToldOn, Catalog catalog, Plan plan, Subscription s,
                                          PurchaseFacts facts, LocalDate today, Optional<String> reason) {
        var zero = Money.zero(facts.paid().currency());
        var terms = plan.terms();
        var stateReason = refusedForState(plan, s.state());
        if (stateReason.isPresent()) return Decision.refused(today, zero, List.of(stateReason.get()));

        var cooling = CoolingOffPeriod.assess(terms, facts, today, reason);
        if (cooling instanceof CoolingOffPeriod.Status.Open open) return cancelledWithRefund(catalog, open, today);
        var renewalCoolingOff = RenewalCoolingOffPeriod.cancel(regime, catalog, plan, s, renewalToldOn, today);
        if (renewalCoolingOff.isPresent()) return renewalCoolingOff.get();
        var reasons = new ArrayList<>(cooling.reasons());
        var atPeriodEnd = terms.cancelAtPeriodEnd();
        if (atPeriodEnd.isEmpty() || s.currentPeriod().isEmpty()) {
            return Decision.refused(today, zero, reasons);
        }
        var rule = atPeriodEnd.get();
        var end = NoticeDeadline.effectiveEnd(s.currentPeriod().get(), s.minimumTermEnd(), terms.billing().every(),
                rule.noticeWorkingDays(), today);
        if (end.heldByMinimumTerm()) {
            terms.minimumTerm().ifPresent(m -> reasons.add(new Reason("MINIMUM_TERM", m.clause(),
                    "Your plan has a minimum period of " + m.periods() + " months, running " + CustomerDates.upToAndIncluding(s.minimumTermEnd().orElseThrow())
                            + "; it cannot end before then.")));
        }
        if (end.late()) {
            reasons.add(new Reason("NOTICE_TOO_LATE", rule.clause(), "Notice to stop the renewal on " + CustomerDates.day(end.firstPossibleEnd())
                    + " had to be given by " + CustomerDates.day(end.deadline()) + " (" + rule.noticeWorkingDays()
                    + " working days before); your plan renews once more and runs " + CustomerDates.upToAndIncluding(end.endsOn()) + "."));
        } else {
            reasons.add(new Reason("ENDS_AT_PERIOD_END", rule.clause(), rule.noticeWorkingDays() == 0
                    ? "Your subscription will not renew; it runs " + CustomerDates.upToAndIncluding(end.endsOn()) + "."
                    : "Notice received in time (the deadline was " + CustomerDates.day(end.deadline()) + "); your plan runs " + CustomerDates.upToAndIncluding(end.endsOn()) + "."));
        }
        terms.access().filter(a -> a.until() == Rule.AccessUntil.PERIOD_END).ifPresent(a -> reasons.add(new Reason(
                "ACCESS_UNTIL_PERIOD_END", a.clause(), "You keep access to your courses " + CustomerDates.upToAndIncluding(end.endsOn()) + ".")));
        terms.exclusion(Rule.ExclusionKind.PARTIAL_PERIOD).ifPresent(e -> reasons.add(new Reason("NO_PARTIAL_PERIOD_REFUND",
                e.clause(), "There is no refund for the rest of the period already paid for.")));
        return Decision.of(Outcome.CANCELS_AT_PERIOD_END, end.endsOn(), zero, List.of(), reasons);
    }

    /** A one-off purchase (a course, a 1-Month Plan): only within its cancellation period. */
    public static Decision ofOrder(Catalog catalog, Plan plan, PurchaseFacts facts, LocalDate today, Optional<String> reason) {
        var cooling = CoolingOffPeriod.assess(plan.terms(), facts, today, reason);
        if (cooling instanceof CoolingOffPeriod.Status.Open open) return cancelledWithRefund(catalog, open, today);
        return Decision.refused(today, Money.zero(facts.paid().currency()), cooling.reasons());
    }

    private static Decision cancelledWithRefund(Catalog catalog, CoolingOffPeriod.Status.Open open, LocalDate today) {
        return RefundDue.attach(catalog, Decision.of(Outcome.CANCELLED_WITH_REFUND, today, open.refund().refund(),
                open.charges(), open.reasons()), today);
    }

    private static Optional<Reason> refusedForState(Plan plan, SubscriptionState state) {
        var clause = plan.terms().cancelAtPeriodEnd().map(Rule.CancelAtPeriodEnd::clause).orElse(plan.terms().billing().clause());
        return switch (state) {
            // notice is always accepted (online-courses 14.2, course-provider 19.4.4): a suspended account can still leave
            case ACTIVE, PAST_DUE, PAUSED, SUSPENDED -> Optional.empty();
            case CANCELLING -> Optional.of(new Reason("ALREADY_CANCELLING", clause, "This subscription is already set to end."));
            case CANCELLED, EXPIRED -> Optional.of(new Reason("ALREADY_ENDED", clause, "This subscription has already ended."));
            case PENDING_PAYMENT -> Optional.of(new Reason("NOT_YET_PAID", clause, "This subscription starts once payment is confirmed."));
        };
    }
}
