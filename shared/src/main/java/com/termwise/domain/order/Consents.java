package com.termwise.domain.order;

import java.time.Instant;
import java.util.Optional;

/**
 * What the customer agreed to at checkout, and when: cancellation rights depend on it (CCR 2013
 * regs 36 and 37: a service begun, or digital content supplied, inside the cancellation period
 * only costs the right to cancel with an express request, and for digital content also an
 * acknowledgement that the right is lost).
 */
public record Consents(boolean beginDuringCancellationPeriod, boolean acknowledgeLossOfCancellationRight,
                       Optional<Boolean> parentalConsent, Optional<Instant> givenAt) {

    public static Consents none() {
        return new Consents(false, false, Optional.empty(), Optional.empty());
    }

    public static Consents beginEarly(boolean acknowledged) {
        return new Consents(true, acknowledged, Optional.empty(), Optional.empty());
    }
}
