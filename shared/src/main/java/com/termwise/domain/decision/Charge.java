package com.termwise.domain.decision;

import com.termwise.domain.money.Money;

/** Something the customer must pay as part of a decision. */
public record Charge(Kind kind, Money amount) {

    public static Money sum(java.util.List<Charge> charges, java.util.Currency currency) {
        return charges.stream().map(Charge::amount).reduce(Money.zero(currency), Money::plus);
    }

    public enum Kind {
        PERIOD_PAYMENT, ADMIN_FEE, ADJUSTING_PAYMENT, PROPORTIONATE_PAYMENT, CHARGEBACK_AMOUNT, CHARGEBACK_ADMIN_FEE,
        WEEKEND_SURCHARGE, PUBLIC_HOLIDAY_SURCHARGE, REGIONAL_SURCHARGE, DELIVERY_CHARGE, GOODWILL_CANCELLATION_CHARGE,
        REDELIVERY_CHARGE, RETURN_CHARGE
    }
}
