package com.termwise.domain.subscription;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A customer's subscription or membership: the aggregate the {@link SubscriptionStateMachine} changes.
 * {@code currentPeriod} is empty for a lifetime membership. {@code cycle} counts billing periods
 * from 1; {@code renewals} counts automatic renewals after the minimum term (online-courses 10.2).
 */
public record Subscription(String id, String customerId, String catalogId, String planId, SubscriptionState state,
                           LocalDate purchasedOn, LocalDate contractDate, Optional<Period> currentPeriod, int cycle,
                           int renewals, Optional<LocalDate> minimumTermEnd, Money periodPrice, Money paidThisPeriod,
                           boolean discounted, boolean promotional, Consents consents,
                           Optional<LocalDate> firstDeliveryReceivedOn, Optional<LocalDate> endsOn,
                           List<ScheduledChange> scheduledChanges, Optional<LocalDate> pausedOn,
                           Optional<String> previousPlanId, Optional<RenewalCharge> renewalCharge, long version) {

    public Subscription {
        scheduledChanges = List.copyOf(scheduledChanges);
    }

    /** Whether the payment due on {@code periodEnd} is an instalment of the minimum term rather than a renewal (meal-plans 9(c)). */
    public boolean instalmentDueOn(LocalDate periodEnd) {
        return minimumTermEnd.map(periodEnd::isBefore).orElse(false);
    }

    /**
     * The price of a period starting on {@code start}: the current one unless a notified price change
     * or a plan switch (online-courses 14.10) applies by then; the latest to take effect wins.
     */
    public Money priceFrom(LocalDate start) {
        return scheduledChanges.stream()
                .filter(c -> !c.effectiveDate().isAfter(start))
                .max(java.util.Comparator.comparing(ScheduledChange::effectiveDate))
                .map(c -> Money.of(c.newPriceMinor(), periodPrice.currency()))
                .orElse(periodPrice);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Copy-with for the state machine: one place builds every changed subscription. */
    static final class Builder {
        String planId; SubscriptionState state; Optional<Period> currentPeriod; int cycle; int renewals;
        Money periodPrice; Money paidThisPeriod; Optional<LocalDate> firstDeliveryReceivedOn; Optional<LocalDate> endsOn;
        List<ScheduledChange> scheduledChanges; Optional<LocalDate> pausedOn; Optional<String> previousPlanId;
        Optional<RenewalCharge> renewalCharge;
        Optional<LocalDate> minimumTermEnd; LocalDate purchasedOn; LocalDate contractDate; boolean discounted; boolean promotional;
        private final Subscription from;

        Builder(Subscription s) {
            from = s; planId = s.planId; state = s.state; currentPeriod = s.currentPeriod; cycle = s.cycle; renewals = s.renewals;
            periodPrice = s.periodPrice; paidThisPeriod = s.paidThisPeriod; firstDeliveryReceivedOn = s.firstDeliveryReceivedOn;
            endsOn = s.endsOn; scheduledChanges = s.scheduledChanges; pausedOn = s.pausedOn; previousPlanId = s.previousPlanId;
            minimumTermEnd = s.minimumTermEnd; purchasedOn = s.purchasedOn; contractDate = s.contractDate;
            discounted = s.discounted; promotional = s.promotional; renewalCharge = s.renewalCharge;
        }

        Subscription build() {
            return new Subscription(from.id, from.customerId, from.catalogId, planId, state, purchasedOn, contractDate,
                    currentPeriod, cycle, renewals, minimumTermEnd, periodPrice, paidThisPeriod, discounted, promotional,
                    from.consents, firstDeliveryReceivedOn, endsOn, scheduledChanges, pausedOn, previousPlanId, renewalCharge, from.version);
        }
    }
}
