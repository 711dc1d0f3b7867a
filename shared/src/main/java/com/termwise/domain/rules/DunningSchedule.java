package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.RenewalCharge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * meal-plans 6(c)(iii)-(v), online-courses 14.7: when a renewal payment fails, billing moves to the
 * retry days, deliveries are withheld meanwhile, and once the retries are used up the plan ends.
 * A payment the bank wants the customer to authenticate is not retried: the customer is asked to
 * authenticate, and the plan ends if they have not by the last retry day.
 */
public final class DunningSchedule {

    private DunningSchedule() {}

    /** The day of retry {@code attempt} (1-based) after a first failure on {@code failedOn}, or empty when retries are exhausted. */
    public static Optional<LocalDate> retryOn(Rule.Dunning rule, LocalDate failedOn, int attempt) {
        if (attempt < 1 || attempt > rule.retryAfterDays().size()) return Optional.empty();
        int offset = 0;
        for (int i = 0; i < attempt; i++) offset += rule.retryAfterDays().get(i);
        return Optional.of(failedOn.plusDays(offset));
    }

    /** The last day the schedule gives a failed renewal before the plan ends. */
    public static LocalDate lastRetryOn(Rule.Dunning rule, LocalDate failedOn) {
        return retryOn(rule, failedOn, rule.retryAfterDays().size()).orElse(failedOn);
    }

    /**
     * What a failed attempt means: {@code RENEWS} on the next retry day (the attempt is retried then),
     * or {@code ENDS} today when the schedule is used up. {@code charge} is the attempt that failed. Where the terms keep
     * the customer liable for what was never collected (meal-plans 6(c)(iv)), the ending decision charges the period's
     * price ({@code periodPrice}; the withheld box is cancelled, so its delivery charges are not owed).
     */
    public static Decision afterFailure(Rule.Dunning dunning, RenewalCharge charge, Money amount, Money periodPrice, LocalDate today) {
        var zero = Money.zero(amount.currency());
        var firstFailed = charge.firstFailedOn().orElse(today);
        boolean withholdsDeliveries = dunning.withholdDeliveries();
        var reasons = new ArrayList<Reason>();
        if (charge.status() == RenewalCharge.Status.AWAITING_AUTHENTICATION) {
            var last = lastRetryOn(dunning, firstFailed);
            if (today.isBefore(last)) {
                reasons.add(new Reason("AUTHENTICATION_REQUIRED", dunning.clause(), "Your bank asked you to confirm the payment of "
                        + amount.display() + ". Please confirm it by " + CustomerDates.day(last) + "; we will not try your card again until you do."));
                if (withholdsDeliveries) reasons.add(withheld(dunning));
                return Decision.of(Outcome.RENEWS, last, zero, List.of(), reasons);
            }
        } else {
            var retry = retryOn(dunning, firstFailed, charge.attempt());
            if (retry.isPresent()) {
                reasons.add(new Reason("PAYMENT_RETRY", dunning.clause(), "The payment of " + amount.display()
                        + " did not go through. We will try your card again on " + CustomerDates.day(retry.get()) + "."));
                if (withholdsDeliveries) reasons.add(withheld(dunning));
                return Decision.of(Outcome.RENEWS, retry.get(), zero, List.of(), reasons);
            }
        }
        var ending = new ArrayList<Reason>(List.of(new Reason("PAYMENT_NOT_RECEIVED", dunning.clause(), "We could not take the payment of "
                + amount.display() + " after trying since " + CustomerDates.day(firstFailed) + ", so your plan has ended.")));
        var owed = new ArrayList<Charge>();
        dunning.uncollectedOwed().ifPresent(clause -> {
            owed.add(new Charge(Charge.Kind.PERIOD_PAYMENT, periodPrice));
            ending.add(new Reason("UNCOLLECTED_OWED", clause, "You remain responsible for the uncollected " + periodPrice.display()
                    + " for the period your plan renewed into; please settle it now. No further payment will be taken from your card."));
        });
        return Decision.of(Outcome.ENDS, today, zero, owed, ending);
    }

    private static Reason withheld(Rule.Dunning dunning) {
        return new Reason("DELIVERY_WITHHELD", dunning.clause(), "Deliveries are on hold until the payment goes through.");
    }
}
