package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next payment a subscription will take, worked out one way for everything that names it: the
 * renewal worker charges it, and the mails that promise it (the acceptance, each renewal, a change
 * that moves it) announce it. It is the period's price from the renewal date (with any price or
 * plan change due by then), the delivery charges of the box that payment pays for (meal-plans
 * 6(b)(i), 7(f)), and charges carried over from earlier changes.
 *
 * @param charges     the period payment and the box's charges, each with its kind
 * @param carriedOver charges recorded for this payment by earlier changes (CHARGE_DUE not yet collected)
 */
public record NextPayment(java.time.LocalDate on, List<Charge> charges, Money carriedOver) {

    public Money total() {
        return Charge.sum(charges, carriedOver.currency()).plus(carriedOver);
    }

    /** {@code box}: the delivery the payment pays for (month {@code cycle + 1}), if one is scheduled. */
    public static Optional<NextPayment> of(Plan plan, Subscription s, Optional<Delivery> box, Money carriedOver) {
        var on = RenewalSchedule.nextRenewalDate(plan.terms(), s);
        if (on.isEmpty() || s.currentPeriod().isEmpty()) return Optional.empty();
        var renews = RenewalSchedule.atPeriodEnd(plan, s, on.get());
        if (renews.outcome() != Outcome.RENEWS) return Optional.empty();
        return Optional.of(due(renews, on.get(), s, box, carriedOver));
    }

    /** The payment a renewal decision asks for on {@code on}: its charges, the box it pays for, what is carried over. */
    public static NextPayment due(com.termwise.domain.decision.Decision renews, java.time.LocalDate on, Subscription s, Optional<Delivery> box,
                                  Money carriedOver) {
        var charges = new ArrayList<>(renews.charges());
        box.filter(d -> d.state() == Delivery.State.SCHEDULED && d.month() == s.cycle() + 1).ifPresent(d -> charges.addAll(d.charges()));
        return new NextPayment(on, charges, carriedOver);
    }

    /** The same from the account as read: its scheduled box and its carried-over charges. */
    public static Optional<NextPayment> of(CustomerAccount account, Plan plan, Subscription s) {
        return of(plan, s, account.delivery(s.id(), s.cycle() + 1), account.chargesDue(s.id(), s.periodPrice().currency()));
    }

    /** What the customer is told: the day and the total (not how the total is made up). */
    private Map.Entry<java.time.LocalDate, Money> promise() {
        return Map.entry(on, total());
    }

    /** "Your next payment of £163.95 is due on Monday 4 January 2027." */
    public String sentence() {
        return "Your next payment of " + total().display() + " is due on " + CustomerDates.day(on) + ".";
    }

    /** What a change did to the payment promised before it, in a sentence; empty when it is unchanged. */
    public static Optional<String> moved(Optional<NextPayment> before, Optional<NextPayment> after) {
        if (before.map(NextPayment::promise).equals(after.map(NextPayment::promise))) return Optional.empty();
        if (after.isEmpty()) return Optional.of("No further payment will be taken.");
        return Optional.of("Your next payment is now " + after.get().total().display() + " on " + CustomerDates.day(after.get().on())
                + before.map(b -> " (it was " + b.total().display() + " on " + CustomerDates.day(b.on()) + ")").orElse("") + ".");
    }
}
