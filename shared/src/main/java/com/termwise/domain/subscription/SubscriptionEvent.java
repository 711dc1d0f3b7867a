package com.termwise.domain.subscription;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/** Everything that can happen to a subscription. */
public sealed interface SubscriptionEvent {
    /** The first payment is confirmed: the contract starts (online-courses 3.1, meal-plans 6(b)(i)). */
    record Activated(LocalDate on, Optional<Period> firstPeriod, Optional<LocalDate> minimumTermEnd, Money paid) implements SubscriptionEvent {}
    /** The payment for billing period {@code cycle} succeeded; {@code renewal} when it is an automatic renewal, not an instalment. */
    record PeriodPaid(int cycle, Period period, Money paid, boolean renewal) implements SubscriptionEvent {}
    /** A renewal attempt for {@code cycle} begins: marked before the card is charged (see {@link RenewalCharge}). */
    record ChargeStarted(int cycle, LocalDate on) implements SubscriptionEvent {}
    /** A renewal payment failed; {@code authenticationRequired} when the bank wants the customer present (3-D Secure). */
    record PaymentFailed(LocalDate on, int cycle, boolean authenticationRequired, String paymentIntentId) implements SubscriptionEvent {}
    /** Stripe refused renewal {@code cycle}'s charge on its merits: parked, not retried (see {@link RenewalCharge.Status#PARKED}). */
    record ChargeParked(int cycle) implements SubscriptionEvent {}
    /** The customer saved a new card: a renewal left unpaid is charged again at once, not on the dunning schedule's next day. */
    record CardReplaced(LocalDate on) implements SubscriptionEvent {}
    record CancellationScheduled(LocalDate endsOn) implements SubscriptionEvent {}
    record CancellationWithdrawn(LocalDate on) implements SubscriptionEvent {}
    record CancelledNow(LocalDate on) implements SubscriptionEvent {}
    record PeriodEnded(LocalDate on) implements SubscriptionEvent {}
    record Paused(LocalDate on) implements SubscriptionEvent {}
    record Resumed(LocalDate on) implements SubscriptionEvent {}
    record Suspended(LocalDate on) implements SubscriptionEvent {}
    record Reinstated(LocalDate on) implements SubscriptionEvent {}
    record Revoked(LocalDate on) implements SubscriptionEvent {}
    record Rejoined(LocalDate on, Period period, Money paid) implements SubscriptionEvent {}
    /** meal-plans 8(f): a downgrade that takes effect now, with the new plan's price and minimum term. */
    record PlanSwitched(String planId, Money periodPrice, Optional<LocalDate> minimumTermEnd) implements SubscriptionEvent {}
    record ChangeScheduled(ScheduledChange change) implements SubscriptionEvent {}
    record FirstDeliveryReceived(LocalDate on) implements SubscriptionEvent {}
    record NextDeliveryDelayed(int days) implements SubscriptionEvent {}
    record DunningExhausted(LocalDate on) implements SubscriptionEvent {}
}
