package com.termwise.domain.money;

import java.math.RoundingMode;

/**
 * What was paid, split into what goes back to the customer and what the business keeps.
 *
 * <p>The house rounding rule, stated once: a pro-rata share the customer must bear is rounded
 * down to the minor unit (in the customer's favour), and the refund is the exact remainder, so
 * {@code refund + deduction == paid} always holds and the refund never exceeds what was paid.
 */
public record Apportionment(Money paid, Money refund, Money deduction) {

    public Apportionment {
        if (!refund.plus(deduction).equals(paid) || refund.amount() < 0 || deduction.amount() < 0) {
            throw new IllegalArgumentException("refund " + refund + " + deduction " + deduction + " != paid " + paid);
        }
    }

    public static Apportionment fullRefund(Money paid) {
        return new Apportionment(paid, paid, Money.zero(paid.currency()));
    }

    public static Apportionment noRefund(Money paid) {
        return new Apportionment(paid, Money.zero(paid.currency()), paid);
    }

    /** The customer bears {@code used/total} of what was paid (rounded down); the rest is refunded. */
    public static Apportionment customerBears(Money paid, long used, long total) {
        long bounded = Math.max(0, Math.min(used, total));
        var deduction = paid.fraction(bounded, total, RoundingMode.FLOOR);
        return new Apportionment(paid, paid.minus(deduction), deduction);
    }

    /** The customer is refunded {@code unused/total} of what was paid: the same rule seen from the refund side. */
    public static Apportionment refundUnused(Money paid, long unused, long total) {
        long bounded = Math.max(0, Math.min(unused, total));
        return customerBears(paid, total - bounded, total);
    }

    /** A fixed deduction (for example a delivery charge above the standard one), never more than was paid. */
    public static Apportionment deduct(Money paid, Money deduction) {
        var kept = deduction.max(Money.zero(paid.currency())).min(paid);
        return new Apportionment(paid, paid.minus(kept), kept);
    }
}
