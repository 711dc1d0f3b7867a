package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Boxes that come back to the business. meal-plans 7(d): missed twice and not collected within 3 days, they are repacked
 * and re-sent at the customer's cost; 7(e): refused or intercepted outside the minimum duration, the admin, packing and
 * dispatch of sending them again are charged (inside it, nothing is). 8(d): boxes returned after a cancellation in the 14
 * days are refunded only if no more than one complete day's food was eaten; otherwise what was refunded for them is owed.
 */
public final class ReturnedDelivery {

    private ReturnedDelivery() {}

    public enum Why { NOT_COLLECTED, REFUSED }

    /** A box the courier brought back: re-sent to arrive on {@code redeliverOn}, with the charge the terms give. */
    public static Optional<Decision> resent(CatalogRules rules, Subscription s, int month, LocalDate boxDate, Why why, LocalDate redeliverOn, Money zero) {
        var resent = "; they are sent again to arrive on " + CustomerDates.day(redeliverOn);
        return switch (why) {
            case NOT_COLLECTED -> rules.failedDelivery().map(r -> Decision.of(Outcome.ACCEPTED, redeliverOn, zero,
                    List.of(new Charge(Charge.Kind.REDELIVERY_CHARGE, r.redeliveryCharge())), List.of(new Reason("NOT_COLLECTED", r.clause(),
                            "Month " + month + "'s boxes were missed twice and not collected within 3 days, so they came back to us" + resent
                                    + ", and " + r.redeliveryCharge().display() + " for repacking and re-delivery is added to your next payment."))));
            case REFUSED -> rules.refusedDelivery().map(r -> {
                boolean inMinimum = s.minimumTermEnd().filter(boxDate::isBefore).isPresent();
                return inMinimum
                        ? Decision.of(Outcome.ACCEPTED, redeliverOn, zero, List.of(), List.of(new Reason("REFUSED_IN_MINIMUM_TERM", r.clause(),
                        "Month " + month + "'s boxes were refused and came back to us" + resent + "; within your minimum period this costs nothing more.")))
                        : Decision.of(Outcome.ACCEPTED, redeliverOn, zero, List.of(new Charge(Charge.Kind.RETURN_CHARGE, r.returnCharge())),
                        List.of(new Reason("REFUSED_DELIVERY", r.clause(), "Month " + month + "'s boxes were refused and came back to us" + resent
                                + ", and " + r.returnCharge().display() + " for admin, packing and dispatch is added to your next payment.")));
            });
        };
    }

    /** 8(d): boxes returned after a cancellation in the 14 days, inspected on arrival; {@code refundedForBox}: what the cancellation paid back for them. */
    public static Decision inspected(Plan plan, int month, int daysEaten, Money refundedForBox, LocalDate receivedOn) {
        var clause = plan.terms().cancellationRefund().map(r -> r.clause()).orElse(plan.terms().billing().clause());
        var zero = Money.zero(refundedForBox.currency());
        if (daysEaten <= 1) return Decision.of(Outcome.ACCEPTED, receivedOn, zero, List.of(), List.of(new Reason("RETURN_ACCEPTED", clause,
                "Month " + month + "'s boxes came back on " + CustomerDates.day(receivedOn) + " with no more than one day's food eaten: your refund stands.")));
        return Decision.of(Outcome.AMOUNT_OWED, receivedOn, zero, List.of(new Charge(Charge.Kind.PERIOD_PAYMENT, refundedForBox)), List.of(new Reason(
                "MORE_THAN_ONE_DAY_EATEN", clause, "Only one complete day's food may be eaten for boxes to be returned for a refund; " + daysEaten
                        + " days' were, so the " + refundedForBox.display() + " refunded for month " + month + "'s boxes is owed.")));
    }
}
