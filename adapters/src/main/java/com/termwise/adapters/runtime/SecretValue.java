package com.termwise.adapters.runtime;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * A secret's current value from AWS Secrets Manager, read once per container on first use (never during
 * SnapStart's init, so no snapshot holds it). A rotated secret reaches a container when it is next started;
 * Stripe keeps a rolled key and a rolled signing secret valid for a while, which covers warm containers
 * (README: deploying).
 */
final class SecretValue {

    private SecretValue() {
    }

    /** {@code prefix}: how Stripe's value starts ({@code sk_}/{@code rk_} for a key, {@code whsec_} for a signing secret). */
    static String read(String arn, String variable, String... prefixes) {
        try (var secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            var value = secrets.getSecretValue(b -> b.secretId(arn)).secretString();
            if (value == null || value.isBlank()) throw new IllegalStateException("the secret " + arn + " (" + variable + ") is empty");
            var stripped = value.strip();
            if (java.util.Arrays.stream(prefixes).noneMatch(stripped::startsWith)) {
                // template.yaml creates each secret with a random placeholder: it was never replaced by Stripe's value
                throw new IllegalStateException("the secret " + arn + " (" + variable + ") does not hold a Stripe value starting "
                        + String.join(" or ", prefixes) + ": put it with aws secretsmanager put-secret-value --secret-id " + arn + " --secret-string ...");
            }
            return stripped;
        } catch (ResourceNotFoundException e) {
            throw new IllegalStateException("the secret " + arn + " (" + variable + ") has no value yet: set it with "
                    + "aws secretsmanager put-secret-value --secret-id " + arn + " --secret-string ...", e);
        }
    }
}
