package com.termwise.domain.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the customer agreed to at checkout, and when: cancellation rights depend on it (CCR 2013
 * regs 36 and 37: a service begun, or digital content supplied, inside the cancellation period
 * only costs the right to cancel with an express request, and for digital content also an
 * acknowledgement that the right is lost).
 */
public record Consents(boolean beginDuringCancellationPeriod, boolean acknowledgeLossOfCancellationRight,
                       Optional<Boolean> parentalConsent, Optional<Instant> givenAt, Optional<LocalDate> confirmedOn) {

    public static Consents none() {
        return new Consents(false, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Given at checkout, not (yet) confirmed to the customer on a durable medium. */
    public static Consents beginEarly(boolean acknowledged) {
        return new Consents(true, acknowledged, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Given at checkout and confirmed by the order's confirmation mail of {@code confirmedOn}. */
    public static Consents beginEarly(boolean acknowledged, LocalDate confirmedOn) {
        return beginEarly(acknowledged).confirmed(confirmedOn);
    }

    /**
     * CCR 2013 reg 37(1)(c) (and reg 16): the request and the acknowledgement count only once confirmed to the customer
     * on a durable medium; {@code on} is the day the confirmation mail repeating them was sent.
     */
    public Consents confirmed(LocalDate on) {
        return new Consents(beginDuringCancellationPeriod, acknowledgeLossOfCancellationRight, parentalConsent, givenAt, Optional.of(on));
    }
}
