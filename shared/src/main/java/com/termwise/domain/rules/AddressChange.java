package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * meal-plans 7(h): the delivery address can change at least 5 working days before a delivery;
 * a later, urgent change costs a £5 admin charge. A new address in a surcharge region (7(f))
 * is said so, as the next delivery's charge changes.
 */
public final class AddressChange {

    private AddressChange() {}

    public static Decision decide(CatalogRules rules, Optional<LocalDate> nextDelivery, String newPostcode, LocalDate today) {
        var rule = rules.addressChange().orElseThrow(() -> new IllegalStateException("this catalog does not deliver"));
        var zero = Money.zero(rule.lateFee().currency());
        var charges = new ArrayList<Charge>();
        var reasons = new ArrayList<Reason>();
        if (nextDelivery.isPresent()) {
            var deadline = NoticeDeadline.before(nextDelivery.get(), rule.noticeWorkingDays());
            if (today.isAfter(deadline)) {
                charges.add(new Charge(Charge.Kind.ADMIN_FEE, rule.lateFee()));
                reasons.add(new Reason("LATE_ADDRESS_CHANGE", rule.clause(), "Changes after " + CustomerDates.day(deadline) + " (" + rule.noticeWorkingDays()
                        + " working days before the delivery on " + CustomerDates.day(nextDelivery.get()) + ") cost " + rule.lateFee().display() + "."));
            } else {
                reasons.add(new Reason("ADDRESS_CHANGED", rule.clause(), "Your address is updated for the delivery on " + CustomerDates.day(nextDelivery.get()) + "."));
            }
        } else {
            reasons.add(new Reason("ADDRESS_CHANGED", rule.clause(), "Your address is updated for your next delivery."));
        }
        DeliverySchedule.region(rules, newPostcode).ifPresent(region -> reasons.add(new Reason("REGIONAL_SURCHARGE",
                rules.regionalSurcharges().orElseThrow().clause(),
                "Deliveries to " + region.name() + " carry a surcharge of " + region.surcharge().display() + ".")));
        return Decision.of(Outcome.ADDRESS_CHANGED, today, zero, charges, reasons);
    }
}
