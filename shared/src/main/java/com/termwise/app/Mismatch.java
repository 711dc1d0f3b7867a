package com.termwise.app;

import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A difference between Termwise's ledger and Stripe found by the daily {@link Reconciliation}: money Stripe moved that
 * Termwise never recorded (a refund made in the Dashboard whose webhook was lost), money Termwise recorded that Stripe
 * does not have, or the same movement with two amounts. Kept open for an operator, who settles it by hand.
 *
 * @param key         what was compared: Stripe's id ({@code re_…}) or Termwise's ledger entry id
 * @param customerId  whose money it is, when Termwise knows
 */
public record Mismatch(LocalDate day, String key, Kind kind, Optional<String> customerId, Optional<String> orderId,
                       Optional<String> stripeId, Optional<Money> stripeAmount, Optional<Money> termwiseAmount, String detail) {

    public enum Kind {
        /** Stripe moved it; Termwise has no record of it. */
        NOT_RECORDED,
        /** Termwise recorded it; Stripe has no such money. */
        NOT_AT_STRIPE,
        /** Both have it, for different amounts. */
        AMOUNT_DIFFERS
    }
}
