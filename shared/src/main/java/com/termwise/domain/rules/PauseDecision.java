package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** online-courses 14.3: a membership can be paused; the days paused are added to the paid period on resuming. */
public final class PauseDecision {

    private PauseDecision() {}

    public static Decision pause(Plan plan, Subscription s, LocalDate today) {
        var zero = Money.zero(plan.price().currency());
        var rule = plan.terms().pause();
        if (rule.isEmpty()) {
            return Decision.refused(today, zero, List.of(new Reason("PAUSE_NOT_OFFERED", plan.terms().billing().clause(),
                    plan.name() + " cannot be paused.")));
        }
        if (s.state() != SubscriptionState.ACTIVE) {
            return Decision.refused(today, zero, List.of(new Reason("NOT_ACTIVE", rule.get().clause(), "Only an active membership can be paused.")));
        }
        return Decision.of(Outcome.PAUSED, today, zero, List.of(), List.of(new Reason("PAUSED", rule.get().clause(),
                "Paused from " + CustomerDates.day(today) + " for up to " + rule.get().maxDays() + " days; the time paused is added to your membership.")));
    }

    public static Decision resume(Plan plan, Subscription s, LocalDate today) {
        var zero = Money.zero(plan.price().currency());
        var clause = plan.terms().pause().map(p -> p.clause()).orElse(plan.terms().billing().clause());
        if (s.state() != SubscriptionState.PAUSED || s.currentPeriod().isEmpty()) {
            return Decision.refused(today, zero, List.of(new Reason("NOT_PAUSED", clause, "This membership is not paused.")));
        }
        long paused = ChronoUnit.DAYS.between(s.pausedOn().orElse(today), today);
        var newEnd = s.currentPeriod().get().end().plusDays(paused);
        return Decision.of(Outcome.RESUMED, today, zero, List.of(), List.of(new Reason("RESUMED", clause,
                "Resumed after " + paused + " days; your period now runs " + CustomerDates.upToAndIncluding(newEnd) + ".")));
    }
}
