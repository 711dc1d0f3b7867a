package com.termwise.app;

/**
 * The kinds of scheduled work the due-date index holds, each read by its own sweep: an item written with a
 * {@link Changes.Due} of a kind is found by {@link StateStore#due} for that kind when its time comes. {@link #key} is
 * how the index names it (a table written before this type existed uses the same words).
 */
public enum DueWork {
    /** A renewal to charge (the renewal sweep at 06:00). */
    RENEWAL("renewal"),
    /** A renewal a new card is to pay (the recovery sweep, every five minutes). */
    RECOVERY("recovery"),
    /** A box to dispatch, or a dispatched box whose delivery is unconfirmed (dispatch, daily). */
    DELIVERY("delivery"),
    /** A notice to send on its day, such as a price change's (dispatch, daily). */
    NOTICE("notice"),
    /** An enrolment whose access ends (dispatch, daily). */
    ACCESS("access"),
    /** An account to anonymise after its last access (course-provider 4.3; dispatch, daily). */
    ANONYMISE("anonymise"),
    /** A refund Stripe has not accepted yet (the refund retry schedule; dispatch flags those near their deadline). */
    REFUND("refund"),
    /** A mail or event to send (the outbox schedule). */
    OUTBOX("outbox"),
    /** A ledger entry of money at Stripe, to compare the next day (the reconciliation schedule). */
    RECONCILE("reconcile");

    private final String key;

    DueWork(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
