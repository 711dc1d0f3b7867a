package com.termwise.adapters.runtime;

import com.termwise.emulators.LocalAws;
import com.termwise.emulators.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Stripe's secrets read from Secrets Manager (moto_server) as the functions read them, through the SDK's own
 * endpoint and credential resolution: the real value, and the random placeholder template.yaml creates, which is
 * refused with the command that replaces it.
 */
class SecretValueTest {

    static MotoServer moto;
    static SecretsManagerClient secrets;

    @BeforeAll
    static void start() throws Exception {
        moto = MotoServer.startIfInstalled().orElse(null);
        Assumptions.assumeTrue(moto != null, "moto_server is not installed (pip install 'moto[server]')");
        System.setProperty("aws.endpointUrlSecretsManager", moto.endpoint().toString());
        System.setProperty("aws.region", "eu-west-2");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        secrets = LocalAws.client(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()), moto.endpoint());
    }

    @AfterAll
    static void stop() {
        for (var p : new String[]{"aws.endpointUrlSecretsManager", "aws.region", "aws.accessKeyId", "aws.secretAccessKey"}) System.clearProperty(p);
        if (moto != null) moto.close();
    }

    @Test
    void a_stripe_key_is_read_and_the_template_s_placeholder_is_refused_naming_the_command_that_replaces_it() {
        var key = secrets.createSecret(b -> b.name("stripe-key").secretString("sk_test_abc\n")).arn();
        assertEquals("sk_test_abc", SecretValue.read(key, "STRIPE_API_KEY_SECRET_ARN", "sk_", "rk_"));

        var placeholder = secrets.createSecret(b -> b.name("stripe-signing").secretString("Q2w8xT0pLmN4vB6zR1yK3sD5fG7hJ9aE")).arn();
        var refused = assertThrows(IllegalStateException.class, () -> SecretValue.read(placeholder, "STRIPE_WEBHOOK_SECRET_ARN", "whsec_"));
        assertTrue(refused.getMessage().contains("put-secret-value --secret-id " + placeholder), refused.getMessage());
        assertFalse(refused.getMessage().contains("Q2w8"), "the value itself is never written to a log");
    }
}
