package com.termwise.app;

import com.termwise.domain.decision.Decision;

import java.util.Optional;

/**
 * A request Termwise will not act on, with the HTTP status docs/api.md gives it: 400 for bad input
 * (naming the field), 404 for what the caller may not see, 409/422 for a rule that refuses (with
 * its decision). Thrown before anything is written.
 */
public final class RequestRefused extends RuntimeException {

    private final int status;
    private final String code;
    private final Optional<String> field;
    private final Optional<Decision> decision;

    public RequestRefused(int status, String code, String message, Optional<String> field, Optional<Decision> decision) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.decision = decision;
    }

    public static RequestRefused badField(String field, String code, String message) {
        return new RequestRefused(400, code, message, Optional.of(field), Optional.empty());
    }

    public static RequestRefused notFound(String code, String message) {
        return new RequestRefused(404, code, message, Optional.empty(), Optional.empty());
    }

    public static RequestRefused byRule(String field, Decision decision) {
        return new RequestRefused(422, decision.reasons().getFirst().code(), decision.reasons().getFirst().message(),
                Optional.ofNullable(field), Optional.of(decision));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<String> field() {
        return field;
    }

    public Optional<Decision> decision() {
        return decision;
    }
}
