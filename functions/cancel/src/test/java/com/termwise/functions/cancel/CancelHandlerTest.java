package com.termwise.functions.cancel;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import com.termwise.adapters.runtime.TermwiseContext;
import io.micronaut.context.ApplicationContext;
import com.termwise.app.CheckoutRequest;
import com.termwise.emulators.LocalDynamo;
import com.termwise.emulators.TestClock;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The cancel function as Lambda runs it: the sample API Gateway v2 events of {@code events/}, with
 * their ids pointed at a real purchase (checkout, the sandbox's hosted page, its signed webhook)
 * in DynamoDB Local.
 */
class CancelHandlerTest {

    static LocalDynamo dynamo;
    static StripeSandbox stripe;
    static ApplicationContext context;
    static CancelHandler handler;
    static final TestClock clock = new TestClock(Instant.parse("2026-03-02T10:00:00Z"));
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @BeforeAll
    static void build() throws Exception {
        dynamo = LocalDynamo.start();
        stripe = new StripeSandbox(0, "sk_test_cancel", "whsec_cancel", Stripe.API_VERSION, clock, Optional::empty);
        context = TermwiseContext.start(Map.of("table.name", LocalDynamo.TABLE, "stripe.api-key", "sk_test_cancel", "stripe.webhook-secret", "whsec_cancel",
                "stripe.api-base", stripe.apiBase()), dynamo.client(), clock);
        handler = new CancelHandler(context);
    }

    @AfterAll
    static void stop() {
        stripe.close();
        dynamo.close();
    }

    static com.termwise.app.StateStore store() {
        return context.getBean(com.termwise.app.StateStore.class);
    }

    /** An annual membership bought and paid by {@code customer}: the order is accepted by its signed webhook. */
    static String subscriptionOf(String customer) throws Exception {
        stripe.holdWebhooks();
        var started = context.getBean(com.termwise.app.CheckoutService.class).start(new com.termwise.app.Caller(customer, customer + "@example.test", java.util.Set.of()),
                new CheckoutRequest("online-courses", "annual", Optional.empty(), "Ann Lee", Optional.empty(), Optional.of(false),
                        Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), s -> s.sessionId());
        stripe.completeCheckout(started.body(), StripeSandbox.VISA);
        for (var payload : stripe.heldPayloads()) {
            var header = StripeSandbox.WebhookSignature.header(payload, "whsec_cancel", Instant.now().getEpochSecond()); // verified against the real time, as Stripe signs
            context.getBean(com.termwise.app.PaymentOutcomes.class).apply(context.getBean(com.termwise.adapters.stripe.StripeEvents.class).verify(payload, header));
        }
        return store().account(customer).subscriptions().getFirst().id();
    }

    static APIGatewayV2HTTPEvent sample(String name, String customer, String subscriptionId) throws Exception {
        var text = Files.readString(Path.of("../../events/" + name + ".json")).replace("cus-sample", customer).replace("sub_sample", subscriptionId);
        return JSON.readValue(text, APIGatewayV2HTTPEvent.class);
    }

    @Test
    void a_preview_answers_the_decision_and_changes_nothing_then_the_cancellation_refunds_in_full() throws Exception {
        var sub = subscriptionOf("cus-preview");
        var refundsBefore = stripe.list("refund").size();
        var preview = handler.handleRequest(sample("cancel-subscription-preview", "cus-preview", sub), null);
        assertEquals(200, preview.getStatusCode(), preview.getBody());
        assertTrue(preview.getBody().startsWith("{\"outcome\":\"CANCELLED_WITH_REFUND\",\"effectiveDate\":\"2026-03-02\""), preview.getBody());
        assertEquals("ACTIVE", store().subscription("cus-preview", sub).orElseThrow().state().name());
        assertEquals(refundsBefore, stripe.list("refund").size());

        var done = handler.handleRequest(sample("cancel-subscription", "cus-preview", sub), null);
        assertEquals(200, done.getStatusCode(), done.getBody());
        assertEquals("CANCELLED", store().subscription("cus-preview", sub).orElseThrow().state().name());
        assertEquals(refundsBefore + 1, stripe.list("refund").size());
    }

    /** Stripe cannot be reached when the cancellation is decided: the decision stands, the refund waits on the due index, and the sweep sends it once. */
    @Test
    void a_refund_that_could_not_reach_stripe_is_sent_once_by_the_sweep() throws Exception {
        var sub = subscriptionOf("cus-outage");
        var nowhere = "http://127.0.0.1:" + com.termwise.emulators.LocalDynamo.freePort();
        var cutOff = TermwiseContext.start(Map.of("table.name", LocalDynamo.TABLE, "stripe.api-key", "sk_test_cancel", "stripe.webhook-secret", "whsec_cancel",
                "stripe.api-base", nowhere), dynamo.client(), clock);
        var refundsBefore = stripe.list("refund").size();
        var done = new CancelHandler(cutOff).handleRequest(sample("cancel-subscription", "cus-outage", sub), null);
        assertEquals(200, done.getStatusCode(), done.getBody());
        var orderId = store().account("cus-outage").purchases().getFirst().id();
        var waiting = store().purchase("cus-outage", orderId).orElseThrow().refunds().getFirst();
        assertEquals("REQUESTED", waiting.state().name());
        assertEquals(refundsBefore, stripe.list("refund").size(), "nothing reached Stripe");

        assertEquals(1, context.getBean(com.termwise.app.RefundSender.class).sendDue(100));
        assertEquals(0, context.getBean(com.termwise.app.RefundSender.class).sendDue(100), "sent once");
        assertEquals(refundsBefore + 1, stripe.list("refund").size());
        var sent = store().purchase("cus-outage", orderId).orElseThrow().refunds().getFirst();
        assertEquals("ISSUED", sent.state().name());
        assertEquals(waiting.amount(), sent.amount());
    }

    @Test
    void pause_and_change_plan_events_act_on_the_callers_own_subscription_only() throws Exception {
        var sub = subscriptionOf("cus-pause");
        var elsewhere = handler.handleRequest(sample("cancel-pause-subscription", "cus-someone-else", sub), null);
        assertEquals(404, elsewhere.getStatusCode());
        var change = handler.handleRequest(sample("cancel-change-plan", "cus-pause", sub), null);
        assertEquals(200, change.getStatusCode(), change.getBody());
        assertTrue(change.getBody().contains("\"clause\":\"online-courses 14.10\""), change.getBody());
        var paused = handler.handleRequest(sample("cancel-pause-subscription", "cus-pause", sub), null);
        assertEquals(200, paused.getStatusCode(), paused.getBody());
        assertEquals("PAUSED", store().subscription("cus-pause", sub).orElseThrow().state().name());
    }

    @Test
    void systems_need_the_service_group_and_customers_a_token() throws Exception {
        var asCustomer = sample("cancel-report-progress", "x", "x");
        asCustomer.getRequestContext().getAuthorizer().getJwt().getClaims().remove("groups");
        assertEquals(403, handler.handleRequest(asCustomer, null).getStatusCode());
        var unknown = handler.handleRequest(sample("cancel-report-progress", "x", "x"), null);
        assertEquals(404, unknown.getStatusCode(), "an enrolment nobody owns");
        var anonymous = sample("cancel-enrol", "x", "x");
        anonymous.getRequestContext().setAuthorizer(null);
        assertEquals(401, handler.handleRequest(anonymous, null).getStatusCode());
    }
}
