package com.termwise.adapters.runtime;

import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * A function's Micronaut context built outside Lambda (the local runner, the tests): the settings are given as
 * properties ({@code table.name} for TABLE_NAME, {@code stripe.api-key} for STRIPE_API_KEY, ...) and this process's
 * own environment variables are not read, so a developer's shell cannot change what a test runs against.
 * {@code singletons} replace the beans that step aside for them: a clock, a DynamoDB client, a renewal queue, a mailer.
 */
public final class TermwiseContext {

    private TermwiseContext() {
    }

    public static ApplicationContext start(Map<String, Object> properties, Object... singletons) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .deduceEnvironment(false)
                .banner(false)
                .properties(properties)
                .singletons(singletons)
                .start();
    }
}
