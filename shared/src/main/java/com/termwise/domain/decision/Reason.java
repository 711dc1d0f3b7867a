package com.termwise.domain.decision;

import java.util.Objects;

/** Why a decision came out as it did: a stable code, the clause behind it, and a sentence for the customer. */
public record Reason(String code, Clause clause, String message) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(clause, "clause");
        if (message == null || message.isBlank()) throw new IllegalArgumentException("reason " + code + " has no message");
    }
}
