package com.termwise.domain.decision;

import java.util.Objects;

/**
 * Where a rule comes from: a clause of a business's terms ({@code meal-plans 9(c)(1)}) or a
 * statute ({@code CCR 2013 reg 34}). Printed exactly as customers and auditors cite it.
 */
public record Clause(String source, String number) {

    public static final String CONSUMER_CONTRACTS_REGULATIONS = "CCR 2013";

    public Clause {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(number, "number");
        if (number.isBlank()) throw new IllegalArgumentException("clause number is blank");
    }

    public static Clause of(String catalogId, String number) {
        return new Clause(catalogId, number);
    }

    /** A regulation of the Consumer Contracts (Information, Cancellation and Additional Charges) Regulations 2013. */
    public static Clause ccr(int regulation) {
        return new Clause(CONSUMER_CONTRACTS_REGULATIONS, "reg " + regulation);
    }

    @Override
    public String toString() {
        return source + " " + number;
    }
}
