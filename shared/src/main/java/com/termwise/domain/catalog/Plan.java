package com.termwise.domain.catalog;

import com.termwise.domain.money.Money;

import java.util.Optional;

/**
 * Something a customer can buy: a subscription plan, or a single course ({@code course:<id>}).
 * {@code price} is per billing period; {@code weekdaysOnlyPrice} is the meal-plans 3(a) variant.
 */
public record Plan(String id, String name, Money price, Optional<Money> weekdaysOnlyPrice,
                   Optional<Course> course, PlanTerms terms) {

    public static final String COURSE_PREFIX = "course:";

    public Money priceFor(boolean weekendsExcluded) {
        return weekendsExcluded ? weekdaysOnlyPrice.orElse(price) : price;
    }
}
