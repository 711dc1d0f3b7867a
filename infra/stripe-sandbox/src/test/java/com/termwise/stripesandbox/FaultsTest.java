package com.termwise.stripesandbox;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failures the sandbox serves, as stripe-java meets them: what the caller sees, whether Stripe did the work, and
 * what stripe-java's own retries (same idempotency key) make of it.
 */
class FaultsTest {

    final StripeSandbox sandbox = new StripeSandbox(0, "sk_test_faults", "whsec_faults", "2026-07-29.dahlia", Clock.systemUTC(), Optional::empty);

    FaultsTest() throws Exception {
    }

    StripeClient client(int retries) {
        return StripeClient.builder().setApiKey("sk_test_faults").setApiBase(sandbox.apiBase()).setMaxNetworkRetries(retries)
                .setConnectTimeout(2_000).setReadTimeout(2_000).build();
    }

    static final CustomerCreateParams ANN = CustomerCreateParams.builder().setEmail("ann@example.test").build();

    RequestOptions key(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void a_server_error_does_nothing_and_stripe_java_retries_it_under_the_same_key() throws Exception {
        sandbox.faults().next("POST /v1/customers", Faults.Kind.SERVER_ERROR, 1);
        var e = assertThrows(ApiException.class, () -> client(0).v1().customers().create(ANN, key("k1")));
        assertEquals(500, e.getStatusCode());
        assertEquals(0, sandbox.list("customer").size(), "nothing was done");
        sandbox.faults().next("POST /v1/customers", Faults.Kind.SERVER_ERROR, 2);
        client(2).v1().customers().create(ANN, key("k2"));
        assertEquals(1, sandbox.list("customer").size(), "the third try made it, once");
    }

    @Test
    void a_rate_limit_is_a_429_that_stripe_java_does_not_retry() {
        sandbox.faults().next("POST /v1/customers", Faults.Kind.RATE_LIMITED, 1);
        var e = assertThrows(RateLimitException.class, () -> client(2).v1().customers().create(ANN, key("k1")));
        assertEquals(429, e.getStatusCode());
        assertEquals("rate_limit", e.getCode());
        assertEquals(0, sandbox.list("customer").size());
    }

    @Test
    void a_dropped_connection_is_a_connection_error_and_nothing_was_done() {
        sandbox.faults().next("POST /v1/customers", Faults.Kind.DROPPED_CONNECTION, 1);
        assertThrows(ApiConnectionException.class, () -> client(0).v1().customers().create(ANN, key("k1")));
        assertEquals(0, sandbox.list("customer").size());
    }

    @Test
    void a_reset_after_the_work_leaves_the_caller_not_knowing_and_a_retry_under_the_same_key_replays_it() throws Exception {
        sandbox.faults().next("POST /v1/customers", Faults.Kind.RESET_AFTER_APPLY, 1);
        assertThrows(ApiConnectionException.class, () -> client(2).v1().customers().create(ANN, key("k1")), "stripe-java does not retry a reset");
        assertEquals(1, sandbox.list("customer").size(), "Stripe did it; the caller cannot tell");
        var again = client(0).v1().customers().create(ANN, key("k1"));
        assertEquals(sandbox.list("customer").getFirst().get("id"), again.getId(), "the same key answers with the same customer");
        assertEquals(1, sandbox.list("customer").size());
    }

    @Test
    void a_timeout_after_the_work_is_retried_by_stripe_java_under_the_same_key_and_replayed() throws Exception {
        sandbox.faults().answerDelay(java.time.Duration.ofMillis(2_500)); // past this client's 2-second read timeout
        sandbox.faults().next("POST /v1/customers", Faults.Kind.TIMEOUT_AFTER_APPLY, 1);
        var customer = client(1).v1().customers().create(ANN, key("k1"));
        assertEquals(1, sandbox.list("customer").size(), "one customer, though the first answer never came");
        assertEquals(sandbox.list("customer").getFirst().get("id"), customer.getId());
    }

    @Test
    void a_fraction_fails_about_that_share_of_calls_until_cleared() throws Exception {
        sandbox.faults().fraction("POST /v1/customers", Faults.Kind.SERVER_ERROR, 0.5);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            try {
                client(0).v1().customers().create(ANN, key("f" + i));
            } catch (ApiException e) {
                failed++;
            }
        }
        assertTrue(failed > 60 && failed < 140, "about half: " + failed);
        assertEquals(200 - failed, sandbox.list("customer").size());
        sandbox.faults().clear();
        client(0).v1().customers().create(ANN, key("after"));
    }
}
