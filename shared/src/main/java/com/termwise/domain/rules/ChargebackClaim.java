package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * course-provider 19.3.7: after an unjustified chargeback the customer owes the amount charged
 * back, the third-party costs and a £25 administration fee, within 7 days of our written
 * request; 19.3.8: while it is owed, the service is suspended.
 */
public final class ChargebackClaim {

    private ChargebackClaim() {}

    public static Decision claim(Catalog catalog, Money chargedBack, Money thirdPartyCosts, LocalDate requestedOn) {
        var zero = Money.zero(catalog.currency());
        var rule = catalog.rules().chargeback();
        var charges = new ArrayList<Charge>();
        charges.add(new Charge(Charge.Kind.CHARGEBACK_AMOUNT, chargedBack));
        if (rule.isEmpty()) {
            // the terms add no fee: the disputed amount alone is owed, and the account is reviewed
            return Decision.of(Outcome.AMOUNT_OWED, requestedOn, zero, charges, List.of(new Reason("CHARGEBACK",
                    catalog.rules().payment().clause(), "The payment of " + chargedBack.display() + " was disputed with your card issuer.")));
        }
        if (thirdPartyCosts.isPositive()) charges.add(new Charge(Charge.Kind.CHARGEBACK_ADMIN_FEE, thirdPartyCosts));
        charges.add(new Charge(Charge.Kind.CHARGEBACK_ADMIN_FEE, rule.get().adminFee()));
        var due = requestedOn.plusDays(rule.get().payWithinDays());
        var owed = charges.stream().map(Charge::amount).reduce(zero, Money::plus);
        var reasons = new ArrayList<Reason>();
        reasons.add(new Reason("CHARGEBACK_OWED", rule.get().clause(), "After the chargeback of " + chargedBack.display() + " you owe "
                + owed.display() + ", including the " + rule.get().adminFee().display() + " administration fee, by " + CustomerDates.day(due) + "."));
        catalog.rules().suspensionWhileOwed().ifPresent(s -> reasons.add(new Reason("SUSPENDED_WHILE_OWED", s.clause(),
                "Your access is suspended until this is paid.")));
        return Decision.of(Outcome.AMOUNT_OWED, due, zero, charges, reasons);
    }
}
