package com.termwise.local;

import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The local runner with {@code TERMWISE_RUNTIME=lambda}: the same HTTP API, but every route is served by its
 * function's deployment jar in AWS's Lambda runtime (with the events API Gateway sends and the Stripe secrets read
 * from Secrets Manager), and Stripe's webhooks reach the webhook function the same way. A purchase walked over it.
 */
class LambdaModeJourneyTest {

    static LocalTermwise termwise;
    static Api api;

    @BeforeAll
    static void start() throws Exception {
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_RUNTIME", "lambda"));
        api = new Api(termwise.baseUri());
    }

    @AfterAll
    static void stop() {
        termwise.close();
    }

    @Test
    void an_annual_membership_bought_and_paid_over_the_lambda_runtime_is_accepted_confirmed_and_private() {
        var ann = api.token("ann-lambda");
        var started = api.checkout(ann, PurchaseJourneyTest.ANNUAL);
        assertEquals(14900, started.number("/total/amount"));
        api.pay(started, StripeSandbox.VISA);

        var order = api.get("/v1/orders/" + started.text("/orderId"), ann);
        assertEquals("ACCEPTED", order.text("/state"), order.raw());
        assertEquals("ACTIVE", api.get("/v1/me", ann).text("/subscriptions/0/state"));
        assertTrue(api.mailTo("ann-lambda").stream().anyMatch(m -> m.raw().contains("online-courses 3.1")), "the acceptance mail");
        assertEquals(404, api.get("/v1/orders/" + started.text("/orderId"), api.token("bob-lambda")).status());
        assertEquals(400, api.post("/v1/subscriptions/" + api.get("/v1/me", ann).text("/subscriptions/0/id") + "/cancel", ann,
                "{\"preview\":\"yes\"}").status(), "bad input is refused by the cancel function in its runtime too");
    }

    @Test
    void the_clock_cannot_be_moved_because_each_function_runs_on_the_system_clock() {
        assertEquals(409, api.post("/_local/clock/advance", null, "{\"days\":1}").status());
    }
}
