package com.termwise.stripesandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Failures the sandbox serves instead of (or after) an API call, as Stripe and the network between fail: for the next
 * {@code times} calls to an endpoint, or a {@code fraction} of them. Endpoints are named as the API reference names
 * them, with ids as {@code {id}}: {@code POST /v1/refunds}, {@code POST /v1/checkout/sessions/{id}/expire}.
 */
public final class Faults {

    /** What the caller sees. */
    public enum Kind {
        /** 500 {@code api_error}; nothing was done (stripe-java retries it with the same key). */
        SERVER_ERROR,
        /** 429 {@code rate_limit}; nothing was done (stripe-java does not retry it). */
        RATE_LIMITED,
        /** The connection closes before the request is read: nothing was done, and the caller cannot know that. */
        DROPPED_CONNECTION,
        /**
         * The request is carried out and the answer is held past the caller's read timeout ({@link #answerDelay}): the
         * "unknown outcome" of a timeout, which stripe-java retries with the same key.
         */
        TIMEOUT_AFTER_APPLY,
        /** The request is carried out, then the connection is cut unanswered: an unknown outcome stripe-java does not retry. */
        RESET_AFTER_APPLY
    }

    /** How long a {@code TIMEOUT_AFTER_APPLY} holds its answer: longer than StripePaymentGateway's 20-second read timeout. */
    private volatile java.time.Duration answerDelay = java.time.Duration.ofSeconds(25);

    public void answerDelay(java.time.Duration delay) {
        answerDelay = delay;
    }

    java.time.Duration answerDelay() {
        return answerDelay;
    }

    /** One instruction: {@code times} left (or -1 for "a fraction of calls, until cleared"). */
    public record Fault(String endpoint, Kind kind, int times, double fraction) {}

    private final List<Fault> faults = new ArrayList<>();
    private final RandomGenerator random;
    private int served;

    Faults(RandomGenerator random) {
        this.random = random;
    }

    /** The next {@code times} calls to {@code endpoint} fail as {@code kind}. */
    public synchronized void next(String endpoint, Kind kind, int times) {
        if (times < 1) throw new IllegalArgumentException("times must be at least 1");
        faults.add(new Fault(endpoint, kind, times, 0));
    }

    /** A {@code fraction} (0 to 1) of the calls to {@code endpoint} fail as {@code kind}, until {@link #clear}. */
    public synchronized void fraction(String endpoint, Kind kind, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be above 0 and at most 1");
        faults.add(new Fault(endpoint, kind, -1, fraction));
    }

    public synchronized void clear() {
        faults.clear();
    }

    public synchronized List<Fault> pending() {
        return List.copyOf(faults);
    }

    /** How many calls have been failed so far. */
    public synchronized int served() {
        return served;
    }

    /** The fault this call meets, if any; a counted one is used up. */
    synchronized Optional<Kind> meet(String endpoint) {
        for (int i = 0; i < faults.size(); i++) {
            var f = faults.get(i);
            if (!f.endpoint().equals(endpoint)) continue;
            if (f.times() > 0) {
                if (f.times() == 1) faults.remove(i);
                else faults.set(i, new Fault(f.endpoint(), f.kind(), f.times() - 1, 0));
                served++;
                return Optional.of(f.kind());
            }
            if (f.times() < 0 && random.nextDouble() < f.fraction()) {
                served++;
                return Optional.of(f.kind());
            }
        }
        return Optional.empty();
    }
}
