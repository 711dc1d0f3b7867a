package com.termwise.domain;

import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public final class DecisionAssertions {
    private DecisionAssertions() {}

    /** The decision has this outcome and a reason with this code citing exactly this clause. */
    public static void assertDecided(Decision d, Outcome outcome, String code, String clause) {
        assertEquals(outcome, d.outcome(), () -> "outcome; reasons: " + d.reasons());
        assertTrue(d.reasons().stream().anyMatch(r -> r.code().equals(code) && r.clause().toString().equals(clause)),
                () -> "expected reason " + code + " citing " + clause + " in " + d.reasons());
    }
}
