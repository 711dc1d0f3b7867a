package com.termwise.adapters.runtime;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Stripe's key and webhook signing secret: in AWS each is a Secrets Manager ARN ({@code STRIPE_API_KEY_SECRET_ARN},
 * {@code STRIPE_WEBHOOK_SECRET_ARN}, template.yaml); on a laptop the plain {@code STRIPE_API_KEY} and
 * {@code STRIPE_WEBHOOK_SECRET} the local runner sets. {@code STRIPE_API_BASE} points stripe-java at the sandbox.
 * Nothing is checked or read at init: only a function that calls Stripe asks, on its first call.
 */
@ConfigurationProperties("stripe")
public record StripeConfiguration(@Nullable String apiKey, @Nullable String apiKeySecretArn,
                                  @Nullable String webhookSecret, @Nullable String webhookSecretArn,
                                  @Nullable String apiBase) {

    public String key() {
        return secret(apiKey, "STRIPE_API_KEY", apiKeySecretArn, "STRIPE_API_KEY_SECRET_ARN", "sk_", "rk_");
    }

    public String signingSecret() {
        return secret(webhookSecret, "STRIPE_WEBHOOK_SECRET", webhookSecretArn, "STRIPE_WEBHOOK_SECRET_ARN", "whsec_");
    }

    private static String secret(String plain, String variable, String arn, String arnVariable, String... prefixes) {
        return arn == null || arn.isBlank() ? EnvironmentVariable.required(plain, variable) : SecretValue.read(arn, arnVariable, prefixes);
    }
}
