package com.termwise.domain.subscription;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.UnderTerms;
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
public record Subscription(String id, String customerId, String catalogId, LocalDate termsVersion, String planId, SubscriptionState state,
                           LocalDate purchasedOn, LocalDate contractDate, Optional<Period> currentPeriod, int cycle,
                           int renewals, Optional<LocalDate> minimumTermEnd, Money periodPrice, Money paidThisPeriod,
                           boolean discounted, boolean promotional, Consents consents,
                           Optional<LocalDate> firstDeliveryReceivedOn, Optional<LocalDate> endsOn,
                           List<ScheduledChange> scheduledChanges, Optional<LocalDate> pausedOn,
                           Optional<String> previousPlanId, Optional<RenewalCharge> renewalCharge, long version) implements UnderTerms {

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

    /**
     * A subscription as it is first written or read back, its fields by name: new ones start waiting for their first
     * payment (the state machine's {@code Activated} makes them live); the store reads stored ones back through it.
     */
    public static Written written(String id, String customerId, String catalogId, String planId) {
        return new Written(id, customerId, catalogId, planId);
    }

    /** Every field by name, with a new subscription's defaults: PENDING_PAYMENT, no period, cycle 0, nothing scheduled. */
    public static final class Written {
        private final String id, customerId, catalogId, planId;
        private SubscriptionState state = SubscriptionState.PENDING_PAYMENT;
        private LocalDate purchasedOn, contractDate;
        private Optional<Period> currentPeriod = Optional.empty();
        private int cycle, renewals;
        private Optional<LocalDate> minimumTermEnd = Optional.empty(), firstDeliveryReceivedOn = Optional.empty(), endsOn = Optional.empty(),
                pausedOn = Optional.empty();
        private Money periodPrice, paidThisPeriod;
        private boolean discounted, promotional;
        private Consents consents = Consents.none();
        private List<ScheduledChange> scheduledChanges = List.of();
        private Optional<String> previousPlanId = Optional.empty();
        private Optional<RenewalCharge> renewalCharge = Optional.empty();
        private long version;
        private LocalDate termsVersion;

        private Written(String id, String customerId, String catalogId, String planId) {
            this.id = id;
            this.customerId = customerId;
            this.catalogId = catalogId;
            this.planId = planId;
        }

        public Written state(SubscriptionState v) { state = v; return this; }
        /** The day it was bought and the day the contract was made (they differ where the terms say so, meal-plans 5(d)). */
        public Written bought(LocalDate purchased, LocalDate contract) { purchasedOn = purchased; contractDate = contract; return this; }
        public Written currentPeriod(Optional<Period> v) { currentPeriod = v; return this; }
        public Written cycle(int v) { cycle = v; return this; }
        public Written renewals(int v) { renewals = v; return this; }
        public Written minimumTermEnd(Optional<LocalDate> v) { minimumTermEnd = v; return this; }
        /** The price of a period, and what the current period has paid so far. */
        public Written price(Money period, Money paid) { periodPrice = period; paidThisPeriod = paid; return this; }
        public Written discounted(boolean v) { discounted = v; return this; }
        public Written promotional(boolean v) { promotional = v; return this; }
        public Written consents(Consents v) { consents = v; return this; }
        public Written firstDeliveryReceivedOn(Optional<LocalDate> v) { firstDeliveryReceivedOn = v; return this; }
        public Written endsOn(Optional<LocalDate> v) { endsOn = v; return this; }
        public Written scheduledChanges(List<ScheduledChange> v) { scheduledChanges = v; return this; }
        public Written pausedOn(Optional<LocalDate> v) { pausedOn = v; return this; }
        public Written previousPlanId(Optional<String> v) { previousPlanId = v; return this; }
        public Written renewalCharge(Optional<RenewalCharge> v) { renewalCharge = v; return this; }
        public Written version(long v) { version = v; return this; }
        /** The version of the terms its order was made under; unset (a record older than versions), the version in force on the day it was bought. */
        public Written termsVersion(LocalDate v) { termsVersion = v; return this; }

        public Subscription build() {
            java.util.Objects.requireNonNull(purchasedOn, "bought(...)");
            java.util.Objects.requireNonNull(periodPrice, "price(...)");
            return new Subscription(id, customerId, catalogId, termsVersion == null ? purchasedOn : termsVersion, planId, state, purchasedOn, contractDate, currentPeriod, cycle, renewals,
                    minimumTermEnd, periodPrice, paidThisPeriod, discounted, promotional, consents, firstDeliveryReceivedOn, endsOn,
                    scheduledChanges, pausedOn, previousPlanId, renewalCharge, version);
        }
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
            return written(from.id, from.customerId, from.catalogId, planId).state(state).bought(purchasedOn, contractDate)
                    .currentPeriod(currentPeriod).cycle(cycle).renewals(renewals).minimumTermEnd(minimumTermEnd).price(periodPrice, paidThisPeriod)
                    .discounted(discounted).promotional(promotional).consents(from.consents).firstDeliveryReceivedOn(firstDeliveryReceivedOn)
                    .endsOn(endsOn).scheduledChanges(scheduledChanges).pausedOn(pausedOn).previousPlanId(previousPlanId)
                    .renewalCharge(renewalCharge).version(from.version).termsVersion(from.termsVersion).build();
        }
    }
}
