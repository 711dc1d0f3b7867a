package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Two things at once on one subscription or order, raced through the local runner against
 * DynamoDB Local: whichever lands first, the account ends in one consistent state with one
 * refund in Stripe, one ledger entry for it and one mail. Each race is repeated with fresh
 * customers, so both orders of arrival get their turn.
 */
class ConcurrentActionsTest {

    static LocalTermwise termwise;
    static Api api;
    static StripeSandbox stripe;
    static final AtomicInteger customers = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-03-02T10:00:00Z"));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
    }

    @AfterAll
    static void stop() {
        termwise.close();
    }

    /** Runs both at the same instant (as far as two threads allow) and returns their responses in order. */
    static List<Api.Response> race(Supplier<Api.Response> first, Supplier<Api.Response> second) throws Exception {
        var go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(2)) {
            var futures = new ArrayList<Future<Api.Response>>();
            for (var call : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            var out = new ArrayList<Api.Response>();
            for (var f : futures) out.add(f.get());
            return out;
        }
    }

    record Customer(String sub, String token, String orderId) {}

    static Customer buys(String body) {
        var sub = "racer-" + customers.incrementAndGet();
        var token = api.token(sub);
        var started = api.checkout(token, body);
        api.pay(started, StripeSandbox.VISA);
        return new Customer(sub, token, started.text("/orderId"));
    }

    static long refundsInStripeFor(String orderId) {
        return stripe.list("refund").stream().filter(r -> orderId.equals(((Map<?, ?>) r.get("metadata")).get("orderId"))).count();
    }

    static long ledger(Customer c, String kind) {
        var ledger = api.get("/v1/me", c.token()).body().at("/ledger");
        return StreamSupport.stream(ledger.spliterator(), false).filter(e -> e.get("kind").asText().equals(kind)).count();
    }

    static long mails(Customer c, String template) {
        return api.mailTo(c.sub()).stream().filter(m -> m.text("/template").equals(template)).count();
    }

    static final String ANNUAL = """
            {"catalog":"online-courses","plan":"annual","customer":{"name":"Ray Cer"},
             "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false}}""";
    static final String COURSE = """
            {"catalog":"course-provider","plan":"course:teamwork","customer":{"name":"Ray Cer","birthDate":"1990-01-01"},
             "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false}}""";

    @RepeatedTest(4)
    void cancel_and_change_plan_at_once_end_cancelled_with_one_refund() throws Exception {
        var c = buys(ANNUAL);
        var subId = api.get("/v1/me", c.token()).body().at("/subscriptions/0/id").asText();
        var results = race(() -> api.post("/v1/subscriptions/" + subId + "/cancel", c.token(), "{}"),
                () -> api.post("/v1/subscriptions/" + subId + "/change-plan", c.token(), "{\"plan\":\"one-course\"}"));
        assertEquals(200, results.get(0).status(), results.get(0).raw());
        assertEquals("CANCELLED_WITH_REFUND", results.get(0).text("/outcome"));
        assertTrue(results.get(1).status() == 200 || results.get(1).status() == 422, results.get(1).raw());
        var sub = api.get("/v1/subscriptions/" + subId, c.token()).body();
        assertEquals("CANCELLED", sub.get("state").asText());
        assertEquals(0, sub.get("scheduledChanges").size(), "no plan change survives a cancellation");
        assertEquals(1, refundsInStripeFor(c.orderId()));
        assertEquals(1, ledger(c, "REFUND_ISSUED"));
        assertEquals(1, mails(c, "cancellation-confirmed"));
    }

    @RepeatedTest(4)
    void two_refund_requests_at_once_refund_once() throws Exception {
        var c = buys(COURSE);
        var results = race(() -> api.post("/v1/orders/" + c.orderId() + "/refund", c.token(), "{}"),
                () -> api.post("/v1/orders/" + c.orderId() + "/refund", c.token(), "{\"reason\":\"changed my mind\"}"));
        var statuses = results.stream().map(Api.Response::status).sorted().toList();
        assertEquals(List.of(200, 422), statuses, results.toString());
        var refused = results.stream().filter(r -> r.status() == 422).findFirst().orElseThrow();
        assertTrue(List.of("ALREADY_CANCELLED", "ALREADY_REFUNDED").contains(refused.text("/error/code")), refused.raw());
        JsonNode order = api.get("/v1/orders/" + c.orderId(), c.token()).body();
        assertEquals(order.at("/paid/amount").asLong(), order.at("/refunded/amount").asLong());
        assertEquals(1, refundsInStripeFor(c.orderId()));
        assertEquals(1, ledger(c, "REFUND_ISSUED"));
        assertEquals(1, ledger(c, "REFUND_CONFIRMED"));
        assertEquals(1, mails(c, "refund-issued"));
    }

    @RepeatedTest(4)
    void a_refund_racing_stripes_redelivered_webhooks_refunds_once_and_accepts_once() throws Exception {
        var c = buys(COURSE);
        var earlier = stripe.deliveries().stream().map(StripeSandbox.Delivery::eventId).distinct().toList();
        var results = race(() -> api.post("/v1/orders/" + c.orderId() + "/refund", c.token(), "{}"),
                () -> {
                    earlier.forEach(stripe::redeliver);
                    return new Api.Response(200, null, "redelivered");
                });
        assertEquals(200, results.get(0).status(), results.get(0).raw());
        JsonNode order = api.get("/v1/orders/" + c.orderId(), c.token()).body();
        assertEquals("REFUNDED", order.get("state").asText(), order.toString());
        assertEquals(1, order.get("payments").size());
        assertEquals(1, refundsInStripeFor(c.orderId()));
        assertEquals(1, ledger(c, "PAYMENT_RECEIVED"));
        assertEquals(1, ledger(c, "REFUND_ISSUED"));
        assertEquals(1, mails(c, "order-accepted"));
        assertEquals(1, mails(c, "refund-issued"));
    }
}
