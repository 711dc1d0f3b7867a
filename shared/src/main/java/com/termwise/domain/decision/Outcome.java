package com.termwise.domain.decision;

/** Every outcome a rule can reach (docs/api.md); the first group are the contract's fixed values. */
public enum Outcome {
    CANCELLED_WITH_REFUND, CANCELS_AT_PERIOD_END,
    PAUSED, RESUMED,
    CHANGES_AT_PERIOD_END, CHANGED_WITH_ADJUSTMENT,
    DELAYED, ADDRESS_CHANGED,
    REFUNDED, PARTIALLY_REFUNDED,
    ENROLLED,
    REFUSED,
    // extensions (docs/api.md allows new values): renewal, promotions, eligibility, price changes, operator actions
    RENEWS, ENDS, ACCEPTED, PRICE_CHANGE_SCHEDULED, SUSPENDED, REVOKED, AMOUNT_OWED, ERASED
}
