package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * meal-plans 7(b): a later month's delivery can be put back by up to 21 days, with at least 5
 * working days' notice before it is due. The first delivery follows 7(a) and cannot be delayed.
 */
public final class DeliveryDelay {

    private DeliveryDelay() {}

    public static Decision decide(CatalogRules rules, LocalDate scheduled, boolean firstDelivery, int days, LocalDate today, Money zero) {
        var rule = rules.deliveryDelay().orElseThrow(() -> new IllegalStateException("this catalog does not deliver"));
        if (firstDelivery) {
            return Decision.refused(today, zero, List.of(new Reason("FIRST_DELIVERY_NOT_DELAYABLE", rule.clause(),
                    "Only the deliveries after the first month can be delayed.")));
        }
        if (days < 1 || days > rule.maxDays()) {
            return Decision.refused(today, zero, List.of(new Reason("DELAY_TOO_LONG", rule.clause(),
                    "A delivery can be delayed by 1 to " + rule.maxDays() + " days.")));
        }
        var deadline = NoticeDeadline.before(scheduled, rule.noticeWorkingDays());
        if (today.isAfter(deadline)) {
            return Decision.refused(today, zero, List.of(new Reason("NOTICE_TOO_LATE", rule.clause(),
                    "Delays need " + rule.noticeWorkingDays() + " working days' notice: the delivery on " + CustomerDates.day(scheduled)
                            + " could be delayed up to " + CustomerDates.day(deadline) + ".")));
        }
        var moved = scheduled.plusDays(days);
        return Decision.of(Outcome.DELAYED, moved, zero, List.of(), List.of(new Reason("DELIVERY_DELAYED", rule.clause(),
                "Your delivery moves from " + scheduled + " to " + moved + "; the month's payment moves with it.")));
    }
}
