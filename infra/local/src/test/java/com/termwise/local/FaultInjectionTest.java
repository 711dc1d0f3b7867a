package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.app.OutboxRecord;
import com.termwise.app.OutboxRelay;
import com.termwise.app.PaymentGateway;
import com.termwise.stripesandbox.Faults;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static com.termwise.local.AccountActionsJourneyTest.course;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every call that can fail in production is made to fail, at each point that matters, and the system is left to recover
 * the way it would in AWS: the customer repeating a request with its Idempotency-Key, Stripe resending a webhook that was
 * not acknowledged, SQS delivering a renewal again, the schedules running again. Afterwards every payment and refund
 * happened once in the sandbox and once in the ledger, with one mail each, and nothing is left half done.
 *
 * <p>Faults: Stripe answers 500 or 429, drops the connection, or does the work and cuts the answer
 * ({@link Faults}); DynamoDB throttles, reports a transaction conflict, or times out after applying a write
 * ({@link DynamoFaults}); the process dies before or after a call to Stripe, DynamoDB or SES.
 */
class FaultInjectionTest {

    LocalTermwise termwise;
    Api api;
    StripeSandbox stripe;
    final DynamoFaults dynamo = new DynamoFaults();
    /** "die before" or "die after" the next call of a gateway method ("chargeOffSession", "refund", "openCheckout"). */
    final AtomicReference<String> stripeCrash = new AtomicReference<>();
    /** "die before", "die after" or "fail" the next mail sent. */
    final AtomicReference<String> mailFault = new AtomicReference<>();
    final List<String> mailed = new ArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger died = new java.util.concurrent.atomic.AtomicInteger();

    void start(String instant) throws Exception {
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", instant), new LocalTermwise.Hooks(dynamo::around, this::crashing, this::mailer));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (termwise != null) termwise.close();
    }

    // ---- checkout: claim the key and record the order / open Stripe's page / record the page ----

    @Test
    void a_checkout_survives_every_fault_and_the_customer_pays_once() throws Exception {
        start("2026-03-02T10:00:00Z");
        var cases = List.<Runnable>of(
                () -> stripe.faults().next("POST /v1/checkout/sessions", Faults.Kind.SERVER_ERROR, 3),
                () -> stripe.faults().next("POST /v1/checkout/sessions", Faults.Kind.RATE_LIMITED, 1),
                () -> stripe.faults().next("POST /v1/checkout/sessions", Faults.Kind.DROPPED_CONNECTION, 3),
                () -> stripe.faults().next("POST /v1/checkout/sessions", Faults.Kind.RESET_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.THROTTLED, 2),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TRANSACTION_CONFLICT, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TIMEOUT_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.DIE_AFTER, 1),
                () -> dynamo.next("Query", DynamoFaults.Kind.DIE_BEFORE, 1),
                () -> stripeCrash.set("die before openCheckout"),
                () -> stripeCrash.set("die after openCheckout"));
        for (int i = 0; i < cases.size(); i++) {
            var who = "buyer" + i;
            var token = api.token(who);
            cases.get(i).run();
            var served = faultsServed();
            var started = retried(() -> api.post("/v1/checkout", token, mealPlan("3-month"), Map.of("Idempotency-Key", "checkout-" + who)), 201);
            assertTrue(faultsServed() > served, who + ": the fault was met");
            clearFaults();
            api.pay(started, StripeSandbox.VISA);
            var me = me(token);
            assertEquals(1, me.get("orders").size(), who + ": one order");
            assertEquals("ACCEPTED", me.at("/orders/0/state").asText(), who);
            assertEquals(1, sessionsOf(who).size(), who + ": one checkout page at Stripe");
            assertOnce(who, token, "PAYMENT_RECEIVED", 16395, "order-accepted");
        }
    }

    // ---- helpers ----

    /** Repeats {@code request} as a customer (or Stripe, or SQS) would, until it answers {@code expected}; at most six tries. */
    private Api.Response retried(Supplier<Api.Response> request, int expected) {
        Api.Response last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            last = request.get();
            if (last.status() == expected) return last;
        }
        throw new AssertionError("never answered " + expected + ": " + last.status() + " " + last.raw());
    }

    /** Every fault met so far: Stripe's, DynamoDB's, and the deaths of the process around Stripe and SES. */
    private int faultsServed() {
        return stripe.faults().served() + dynamo.served() + died.get();
    }

    private void clearFaults() {
        stripe.faults().clear();
        dynamo.clear();
        stripeCrash.set(null);
        mailFault.set(null);
    }

    private JsonNode me(String token) {
        return api.get("/v1/me", token).body();
    }

    private List<Map<String, Object>> sessionsOf(String who) {
        return stripe.list("checkout.session").stream().filter(s -> (who + "@example.test").equals(s.get("customer_email"))).toList();
    }

    /** One ledger entry of {@code kind} for {@code amount}, and exactly one mail of {@code template}. */
    private void assertOnce(String who, String token, String kind, long amount, String template) {
        var entries = each(me(token).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals(kind)).toList();
        assertEquals(1, entries.size(), who + ": one " + kind + " in " + me(token).at("/ledger"));
        assertEquals(amount, entries.getFirst().at("/amount/amount").asLong(), who);
        var mails = api.mailTo(who).stream().filter(m -> m.text("/template").equals(template)).count();
        assertEquals(1, mails, who + ": one " + template + " mail");
    }

    private PaymentGateway crashing(PaymentGateway real) {
        return new ForwardingGateway(real) {
            private <T> T call(String method, Supplier<T> work) {
                var crash = stripeCrash.get();
                if (("die before " + method).equals(crash) && stripeCrash.compareAndSet(crash, null) && died.incrementAndGet() > 0) throw new DynamoFaults.ProcessDied("before Stripe " + method);
                var result = work.get();
                if (("die after " + method).equals(crash) && stripeCrash.compareAndSet(crash, null) && died.incrementAndGet() > 0) throw new DynamoFaults.ProcessDied("after Stripe " + method);
                return result;
            }

            @Override
            public CheckoutSession openCheckout(CheckoutSessionRequest r) {
                return call("openCheckout", () -> stripe.openCheckout(r));
            }

            @Override
            public IssuedRefund refund(RefundRequest r) {
                return call("refund", () -> stripe.refund(r));
            }

            @Override
            public OffSessionCharge chargeOffSession(OffSessionRequest r) {
                return call("chargeOffSession", () -> stripe.chargeOffSession(r));
            }
        };
    }

    private OutboxRelay.Mailer mailer(OutboxRelay.Mailer real) {
        return (OutboxRecord mail) -> {
            var fault = mailFault.get();
            if ("die before".equals(fault) && mailFault.compareAndSet(fault, null) && died.incrementAndGet() > 0) throw new DynamoFaults.ProcessDied("before SES");
            if ("fail".equals(fault) && mailFault.compareAndSet(fault, null) && died.incrementAndGet() > 0) throw new IllegalStateException("SES: Throttling");
            real.send(mail);
            synchronized (mailed) {
                mailed.add(mail.id());
            }
            if ("die after".equals(fault) && mailFault.compareAndSet(fault, null) && died.incrementAndGet() > 0) throw new DynamoFaults.ProcessDied("after SES accepted");
        };
    }
}
