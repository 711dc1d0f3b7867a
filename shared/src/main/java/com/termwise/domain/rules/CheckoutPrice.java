package com.termwise.domain.rules;

import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the first payment is: the plan's price for the customer's choice (meal-plans 3(a):
 * weekdays only costs less), less an offer's percentage (online-courses 3.4), plus the delivery
 * charges of the first box (meal-plans 7(f): standard, weekend or holiday, and regional surcharges).
 */
public record CheckoutPrice(Money listPrice, Money price, List<Charge> charges, Money total) {

    public CheckoutPrice {
        charges = List.copyOf(charges);
    }

    public static CheckoutPrice of(CatalogRules rules, Plan plan, Optional<Promotion> promotion, boolean weekendsExcluded,
                                   Optional<LocalDate> firstDelivery, Optional<String> postcode) {
        var list = plan.priceFor(weekendsExcluded);
        var price = promotion.map(p -> p.apply(list)).orElse(list);
        List<Charge> charges = firstDelivery.isPresent() && rules.deliveryCharges().isPresent()
                ? DeliverySchedule.charges(rules, firstDelivery.get(), postcode.orElse(""))
                : List.of();
        return new CheckoutPrice(list, price, charges, price.plus(Charge.sum(charges, list.currency())));
    }

    public boolean discounted() {
        return price.compareTo(listPrice) < 0;
    }
}
