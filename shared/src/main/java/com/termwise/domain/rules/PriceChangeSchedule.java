package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * When a new price reaches a subscriber: notified in advance, it takes effect at the start of the
 * first period that begins at least the notice period after the notice (online-courses 14.13/
 * 14.14), and never for a plan being provided: only from a renewal after the minimum term
 * (meal-plans 6(c)(ii)).
 */
public final class PriceChangeSchedule {

    private PriceChangeSchedule() {}

    public static Decision forSubscriber(Plan plan, Subscription s, Money newPrice, LocalDate noticeSentOn) {
        var zero = Money.zero(newPrice.currency());
        var rule = plan.terms().priceChange();
        if (rule.isEmpty() || s.currentPeriod().isEmpty() || !plan.terms().autoRenews()) {
            return Decision.refused(noticeSentOn, zero, List.of(new Reason("PRICE_FIXED", plan.terms().billing().clause(),
                    "The price of " + plan.name() + " is paid once and does not change.")));
        }
        var notice = rule.get();
        var earliest = noticeSentOn.plusDays(notice.noticeDays());
        var every = plan.terms().billing().every();
        var currentEnd = s.currentPeriod().get().end();
        var reasons = new ArrayList<Reason>();
        if (s.instalmentDueOn(currentEnd)) {
            reasons.add(new Reason("NOT_DURING_MINIMUM_TERM", notice.clause(),
                    "Your current plan keeps its price while its minimum period runs, " + CustomerDates.upToAndIncluding(s.minimumTermEnd().get()) + "."));
        }
        var start = every.firstOnOrAfter(every.firstOnOrAfter(currentEnd, s.minimumTermEnd().orElse(currentEnd)), earliest);
        reasons.addFirst(new Reason("PRICE_CHANGE_NOTICE", notice.clause(),
                "The price of " + plan.name() + " changes from " + s.periodPrice().display() + " to " + newPrice.display()
                        + " from your renewal on " + CustomerDates.day(start) + ", at least " + notice.noticeDays() + " days after this notice of " + CustomerDates.day(noticeSentOn) + "."));
        return Decision.of(Outcome.PRICE_CHANGE_SCHEDULED, start, zero, List.of(), reasons);
    }
}
