package com.termwise.domain.money;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/** An amount of money in integer minor units (pence for GBP) and its currency. Never a double. */
public record Money(long amount, Currency currency) implements Comparable<Money> {

    public static final Currency GBP = Currency.getInstance("GBP");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long amount, Currency currency) {
        return new Money(amount, currency);
    }

    public static Money gbp(long pence) {
        return new Money(pence, GBP);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** The total of {@code amounts}, all in {@code currency} (zero when there are none). */
    public static Money sum(java.util.List<Money> amounts, Currency currency) {
        var total = zero(currency);
        for (var m : amounts) total = total.plus(m);
        return total;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(amount, sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(amount, sameCurrency(other).amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    /**
     * This amount scaled by numerator/denominator, rounded as asked. The one place a fraction of
     * money is taken: callers state the rounding (see {@link Apportionment} for the house rule).
     */
    public Money fraction(long numerator, long denominator, RoundingMode rounding) {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException("fraction " + numerator + "/" + denominator);
        }
        var scaled = new java.math.BigDecimal(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator)))
                .divide(java.math.BigDecimal.valueOf(denominator), 0, rounding);
        return new Money(scaled.longValueExact(), currency);
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isZero() {
        return amount == 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(amount, sameCurrency(other).amount);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot mix " + currency + " and " + other.currency);
        }
        return other;
    }

    /** "£12.34" style, for messages a customer reads. */
    public String display() {
        var symbol = GBP.equals(currency) ? "£" : currency.getCurrencyCode() + " ";
        long abs = Math.abs(amount);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        long unit = (long) Math.pow(10, digits);
        var sign = amount < 0 ? "-" : "";
        return digits == 0 ? sign + symbol + abs
                : sign + symbol + (abs / unit) + "." + String.format("%0" + digits + "d", abs % unit);
    }

    @Override
    public String toString() {
        return display();
    }
}
