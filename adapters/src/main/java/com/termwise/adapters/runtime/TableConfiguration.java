package com.termwise.adapters.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The single table (docs/design.md), from {@code TABLE_NAME}. */
@ConfigurationProperties("table")
public record TableConfiguration(@Nullable String name) {

    public TableConfiguration {
        EnvironmentVariable.required(name, "TABLE_NAME");
    }
}
