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
            var started = met(who, cases.get(i),
                    () -> retried(() -> api.post("/v1/checkout", token, mealPlan("3-month"), Map.of("Idempotency-Key", "checkout-" + who)), 201));
            api.pay(started, StripeSandbox.VISA);
            var me = me(token);
            assertEquals(1, me.get("orders").size(), who + ": one order");
            assertEquals("ACCEPTED", me.at("/orders/0/state").asText(), who);
            assertEquals(1, sessionsOf(who).size(), who + ": one checkout page at Stripe");
            assertOnce(who, token, "PAYMENT_RECEIVED", 16395, "order-accepted");
        }
    }

    // ---- the webhook: verify / claim the event and apply it in one transaction / answer Stripe ----

    @Test
    void a_payment_s_webhooks_survive_every_fault_and_stripe_s_retries_apply_it_once() throws Exception {
        start("2026-03-02T10:00:00Z");
        var cases = List.<Runnable>of(
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.THROTTLED, 2),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TRANSACTION_CONFLICT, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TIMEOUT_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.DIE_BEFORE, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.DIE_AFTER, 2),
                () -> dynamo.next("Query", DynamoFaults.Kind.THROTTLED, 3),
                () -> dynamo.next("Query", DynamoFaults.Kind.DIE_BEFORE, 2));
        for (int i = 0; i < cases.size(); i++) {
            var who = "payer" + i;
            var token = api.token(who);
            var started = api.checkout(token, mealPlan("3-month"));
            met(who, cases.get(i), () -> api.pay(started, StripeSandbox.VISA));
            stripeRetriesWebhooks();
            assertEquals("ACCEPTED", me(token).at("/orders/0/state").asText(), who);
            assertOnce(who, token, "PAYMENT_RECEIVED", 16395, "order-accepted");
        }
    }

    // ---- a refund: record it with the cancellation / send it to Stripe / record Stripe's refund ----

    @Test
    void a_cancellation_s_refund_survives_every_fault_and_is_paid_once() throws Exception {
        start("2026-03-02T10:00:00Z");
        var cases = List.<Runnable>of(
                () -> stripe.faults().next("POST /v1/refunds", Faults.Kind.SERVER_ERROR, 3),
                () -> stripe.faults().next("POST /v1/refunds", Faults.Kind.RATE_LIMITED, 2),
                () -> stripe.faults().next("POST /v1/refunds", Faults.Kind.DROPPED_CONNECTION, 3),
                () -> stripe.faults().next("POST /v1/refunds", Faults.Kind.RESET_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TIMEOUT_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TRANSACTION_CONFLICT, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.DIE_AFTER, 1),
                () -> stripeCrash.set("die before refund"),
                () -> stripeCrash.set("die after refund"));
        for (int i = 0; i < cases.size(); i++) {
            var who = "leaver" + i;
            var token = api.token(who);
            var started = api.checkout(token, course("course-provider", "public-speaking", false));
            api.pay(started, StripeSandbox.VISA);
            var order = started.text("/orderId");
            met(who, cases.get(i), () -> retried(() -> api.post("/v1/orders/" + order + "/cancel", token, "{}", Map.of("Idempotency-Key", "cancel-" + who)), 200));
            api.advanceHours(1); // the refund retry schedule runs again
            stripeRetriesWebhooks();
            var refunds = stripe.list("refund").stream().filter(r -> order.equals(((Map<?, ?>) r.get("metadata")).get("orderId"))).toList();
            assertEquals(1, refunds.size(), who + ": one refund at Stripe " + refunds);
            assertEquals(29500L, ((Number) refunds.getFirst().get("amount")).longValue(), who);
            assertEquals("REFUNDED", me(token).at("/orders/0/state").asText(), who + ": cancelled with a full refund (course-provider 19.4.5)");
            assertOnce(who, token, "REFUND_ISSUED", 29500, "cancellation-confirmed");
            assertOnce(who, token, "REFUND_CONFIRMED", 29500, "cancellation-confirmed");
        }
    }

    // ---- the renewal worker: lease the renewal / charge it off-session / record the result ----

    @Test
    void a_renewal_survives_every_fault_and_is_charged_once() throws Exception {
        start("2026-03-02T10:00:00Z");
        var cases = List.<Runnable>of(
                () -> stripe.faults().next("POST /v1/payment_intents", Faults.Kind.SERVER_ERROR, 3),
                () -> stripe.faults().next("POST /v1/payment_intents", Faults.Kind.RATE_LIMITED, 1),
                () -> stripe.faults().next("POST /v1/payment_intents", Faults.Kind.RESET_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.THROTTLED, 2),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.TIMEOUT_AFTER_APPLY, 1),
                () -> dynamo.next("TransactWriteItems", DynamoFaults.Kind.DIE_AFTER, 1),
                () -> stripeCrash.set("die before chargeOffSession"),
                () -> stripeCrash.set("die after chargeOffSession"));
        var who = new ArrayList<String>();
        for (int i = 0; i < cases.size(); i++) { // one purchase a day: each renewal falls on its own day
            who.add("renewer" + i);
            var token = api.token(who.get(i));
            api.pay(api.checkout(token, mealPlan("3-month")), StripeSandbox.VISA);
            api.advanceDays(1);
        }
        api.advanceDays(28 - cases.size() - 1); // Sunday 29 March: the first renewal is due tomorrow at 06:00
        for (int i = 0; i < cases.size(); i++) {
            var moved = met(who.get(i), cases.get(i), () -> api.post("/_local/clock/advance", null, "{\"days\":1}")); // this customer's renewal
            assertEquals(200, moved.status(), moved.raw());
        }
        api.advanceDays(2); // SQS's redeliveries and the next sweeps finish what the faults interrupted
        stripeRetriesWebhooks();
        for (var name : who) {
            var token = api.token(name);
            var renewals = intentsOf(name).stream().filter(pi -> "2".equals(((Map<?, ?>) pi.get("metadata")).get("cycle"))).toList();
            assertEquals(1, renewals.size(), name + ": one renewal PaymentIntent " + renewals);
            assertEquals("succeeded", renewals.getFirst().get("status"), name);
            var received = each(me(token).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals("PAYMENT_RECEIVED")).count();
            assertEquals(2, received, name + ": the first payment and one renewal in the ledger");
            assertEquals(1, api.mailTo(name).stream().filter(m -> m.text("/template").equals("renewal-paid")).count(), name + ": one renewal mail");
            assertEquals("ACTIVE", me(token).at("/subscriptions/0/state").asText(), name);
        }
    }

    // ---- the outbox: lease a record / send it / mark it sent ----

    @Test
    void the_outbox_survives_ses_failing_and_the_process_dying_and_sends_every_mail() throws Exception {
        start("2026-03-02T10:00:00Z");
        var cases = List.of("fail", "die before", "die after");
        for (var fault : cases) {
            var who = "mail-" + fault.replace(' ', '-');
            var token = api.token(who);
            var started = api.checkout(token, mealPlan("3-month"));
            mailFault.set(fault);
            api.pay(started, StripeSandbox.VISA);
            assertEquals(null, mailFault.get(), who + ": the fault was met");
            api.advanceHours(1); // the outbox schedule runs again once the lease (5 minutes) is over
            var mails = api.mailTo(who).stream().filter(m -> m.text("/template").equals("order-accepted")).count();
            // SES has no idempotency key: a process that dies after SES took a mail and before marking it sent sends it
            // again (at least once); in every other case the mail goes exactly once
            assertEquals(fault.equals("die after") ? 2 : 1, mails, who);
        }
    }

    // ---- helpers ----

    /** Stripe resends an event until the endpoint answers 2xx (for three days in live mode); here until it does. */
    private void stripeRetriesWebhooks() {
        for (int round = 0; round < 6; round++) {
            var latest = new java.util.LinkedHashMap<String, Integer>();
            stripe.deliveries().forEach(d -> latest.put(d.eventId(), d.status()));
            var failed = latest.entrySet().stream().filter(e -> e.getValue() < 200 || e.getValue() > 299).map(Map.Entry::getKey).toList();
            if (failed.isEmpty()) return;
            failed.forEach(stripe::redeliver);
            api.get("/v1/health", null); // the outbox and the recovery sweep run after a request, as their schedules do
        }
        throw new AssertionError("webhooks still failing after six rounds of Stripe's retries");
    }

    private List<Map<String, Object>> intentsOf(String who) {
        var customers = stripe.list("customer").stream().filter(c -> (who + "@example.test").equals(c.get("email"))).map(c -> c.get("id")).toList();
        return stripe.list("payment_intent").stream().filter(pi -> customers.contains(pi.get("customer"))).toList();
    }

    /** Repeats {@code request} as a customer (or Stripe, or SQS) would, until it answers {@code expected}; at most six tries. */
    private Api.Response retried(Supplier<Api.Response> request, int expected) {
        Api.Response last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            last = request.get();
            if (last.status() == expected) return last;
        }
        throw new AssertionError("never answered " + expected + ": " + last.status() + " " + last.raw());
    }

    /**
     * Arms {@code fault}, does {@code act} (what first meets it), and checks the fault was met, so no case passes without
     * its fault; then clears every fault, for the recovery that follows.
     */
    private <T> T met(String who, Runnable fault, Supplier<T> act) {
        var served = faultsServed();
        fault.run();
        var result = act.get();
        assertTrue(faultsServed() > served, who + ": the fault was met");
        clearFaults();
        return result;
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
