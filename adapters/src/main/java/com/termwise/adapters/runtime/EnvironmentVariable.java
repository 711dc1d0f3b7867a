package com.termwise.adapters.runtime;

/**
 * A setting template.yaml gives a function as an environment variable. Micronaut reads {@code TABLE_NAME} as the
 * property {@code table.name}; a missing one stops the function at init with the variable's own name, which is what
 * an operator reading the log will look for.
 */
public final class EnvironmentVariable {

    private EnvironmentVariable() {
    }

    public static String required(String value, String variable) {
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + variable + " is not set");
        return value;
    }
}
