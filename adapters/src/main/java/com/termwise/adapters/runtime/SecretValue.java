package com.termwise.adapters.runtime;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.util.Arrays;

/**
 * A secret's current value from AWS Secrets Manager, read once per container on first use (never during
 * SnapStart's init, so no snapshot holds it). A rotated secret reaches a container when it is next started;
 * Stripe keeps a rolled key and a rolled signing secret valid for a while, which covers warm containers
 * (README: deploying).
 */
final class SecretValue {

    private SecretValue() {
    }

    /** {@code prefixes}: how Stripe's value starts ({@code sk_}/{@code rk_} for a key, {@code whsec_} for a signing secret). */
    static String read(String arn, String variable, String... prefixes) {
        String value;
        try (var secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            value = secrets.getSecretValue(b -> b.secretId(arn)).secretString();
        } catch (ResourceNotFoundException e) {
            throw notStripe(arn, variable, "has no value yet", e);
        }
        var stripped = value == null ? "" : value.strip();
        // template.yaml creates each secret with a random placeholder: until it is replaced it is no Stripe value
        if (Arrays.stream(prefixes).noneMatch(stripped::startsWith)) {
            throw notStripe(arn, variable, "does not hold a Stripe value starting " + String.join(" or ", prefixes), null);
        }
        return stripped;
    }

    private static IllegalStateException notStripe(String arn, String variable, String what, Exception cause) {
        return new IllegalStateException("the secret " + arn + " (" + variable + ") " + what + ": put it with "
                + "aws secretsmanager put-secret-value --secret-id " + arn + " --secret-string ...", cause);
    }
}
