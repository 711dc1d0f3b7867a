package com.termwise.stripesandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sandbox against Stripe's published contract, driven by Stripe's own Java client: what it
 * refuses (as Stripe does), and every object it sends back or in an event, checked against
 * Stripe's objects ({@code src/test/resources/stripe/objects.json}, trimmed from stripe/openapi's
 * fixtures with its source and version): no field Stripe's object lacks, each field of the type
 * Stripe gives it, statuses from Stripe's lists, and the fields Termwise reads present.
 */
class StripeSandboxContractTest {

    /** What Termwise's webhook and gateway read from each object: the sandbox must always send these. */
    static final Map<String, List<String>> READ = Map.of(
            "checkout.session", List.of("id", "url", "expires_at", "mode", "payment_status", "metadata", "amount_total", "currency", "customer"),
            "payment_intent", List.of("id", "status", "amount", "amount_received", "currency", "customer", "payment_method", "latest_charge", "metadata"),
            "charge", List.of("id", "amount_refunded", "currency", "payment_intent", "metadata"),
            "refund", List.of("id", "status", "amount", "currency", "payment_intent", "metadata"),
            "dispute", List.of("id", "status", "amount", "currency", "charge", "payment_intent"),
            "setup_intent", List.of("id", "status", "customer", "payment_method", "metadata"),
            "event", List.of("id", "type", "api_version", "created", "data", "request"));

    /** Properties Stripe's API reference defines as optional (so its fixtures leave them out) that the sandbox sends. */
    static final Map<String, Map<String, String>> OPTIONAL = Map.of(
            "refund", Map.of("failure_reason", "string"),
            "customer", Map.of("name", "string", "invoice_settings", "object"));

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T10:00:00Z"));
    final Clock clock = new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now.get(); }
    };
    final StripeSandbox sandbox;
    final StripeClient stripe;

    StripeSandboxContractTest() throws Exception {
        sandbox = new StripeSandbox(0, "sk_test_contract", "whsec_contract", "2026-07-29.dahlia", clock, Optional::empty);
        stripe = StripeClient.builder().setApiKey("sk_test_contract").setApiBase(sandbox.apiBase()).build();
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    SessionCreateParams.Builder payment(long amount) {
        return SessionCreateParams.builder().setMode(SessionCreateParams.Mode.PAYMENT)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency("gbp").setUnitAmount(amount).setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("Annual").build()).build()).build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION).putMetadata("orderId", "ord_1").build())
                .putMetadata("orderId", "ord_1").setSuccessUrl("https://example.test/done");
    }

    static RequestOptions key(String key) {
        return RequestOptions.builder().setIdempotencyKey(key).build();
    }

    // ---- what Stripe refuses, the sandbox refuses ----

    @Test
    void refuses_what_stripe_refuses() throws Exception {
        var unknown = assertThrows(InvalidRequestException.class, () -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(1000L).setCurrency("gbp").putExtraParam("colour", "blue").build()));
        assertEquals("parameter_unknown", unknown.getCode());
        assertEquals("colour", unknown.getParam());

        var both = assertThrows(InvalidRequestException.class, () -> stripe.v1().checkout().sessions().create(payment(1000)
                .setCustomer(customer()).setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS).build()));
        assertEquals("customer_creation", both.getParam());

        long t = now.get().getEpochSecond();
        for (long expiresAt : List.of(t + 29 * 60, t + 24 * 3600 + 1)) {
            var outside = assertThrows(InvalidRequestException.class, () -> stripe.v1().checkout().sessions().create(payment(1000).setExpiresAt(expiresAt).build()));
            assertEquals("expires_at", outside.getParam());
        }
        assertNotNull(stripe.v1().checkout().sessions().create(payment(1000).setExpiresAt(t + 30 * 60).build()).getId());

        var small = assertThrows(InvalidRequestException.class, () -> stripe.v1().checkout().sessions().create(payment(29).build()));
        assertEquals("amount_too_small", small.getCode());
    }

    @Test
    void an_idempotency_key_replays_for_24_hours_and_refuses_other_parameters() throws Exception {
        var first = stripe.v1().checkout().sessions().create(payment(1000).build(), key("k-1"));
        assertEquals(first.getId(), stripe.v1().checkout().sessions().create(payment(1000).build(), key("k-1")).getId());
        var other = assertThrows(IdempotencyException.class, () -> stripe.v1().checkout().sessions().create(payment(1100).build(), key("k-1")));
        assertEquals("idempotency_error", other.getStripeError().getType());
        now.set(now.get().plus(Duration.ofHours(24)));
        assertNotEquals(first.getId(), stripe.v1().checkout().sessions().create(payment(1100).build(), key("k-1")).getId(), "forgotten after 24 hours");
    }

    @Test
    void test_cards_become_payment_methods_and_charge_customer_fail_is_declined_at_checkout() throws Exception {
        var session = stripe.v1().checkout().sessions().create(payment(1000).build());
        var declined = sandbox.completeCheckout(session.getId(), StripeSandbox.CUSTOMER_FAIL);
        assertEquals("requires_payment_method", declined.get("status"));
        var paid = sandbox.completeCheckout(session.getId(), StripeSandbox.VISA);
        assertTrue(((String) paid.get("payment_method")).matches("pm_[A-Za-z0-9]{24}"), paid.toString());
        assertNotEquals(StripeSandbox.VISA, paid.get("payment_method"));
    }

    // ---- every object, against Stripe's ----

    @Test
    void every_object_the_sandbox_sends_has_stripes_shape() throws Exception {
        exerciseEverything();
        var reference = JsonParser.parseReader(new InputStreamReader(getClass().getResourceAsStream("/stripe/objects.json"), StandardCharsets.UTF_8))
                .getAsJsonObject().getAsJsonObject("objects");
        var problems = new ArrayList<String>();
        int checked = 0;
        for (var delivery : sandbox.deliveries()) {
            var event = JsonParser.parseString(sandbox.payload(delivery.eventId())).getAsJsonObject();
            checked += check(reference, "event", event, delivery.type(), problems);
            var object = event.getAsJsonObject("data").getAsJsonObject("object");
            checked += check(reference, object.get("object").getAsString(), object, delivery.type(), problems);
            if (!event.getAsJsonObject("request").has("idempotency_key")) problems.add(delivery.type() + ": request.idempotency_key missing");
        }
        for (var type : List.of("checkout.session", "payment_intent", "charge", "refund", "dispute", "customer", "setup_intent", "payment_method")) {
            for (var o : sandbox.list(type)) {
                checked += check(reference, type, JsonParser.parseString(Json.write(o)).getAsJsonObject(), "GET " + type, problems);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked > 50, "objects checked: " + checked);
        var types = sandbox.deliveries().stream().map(StripeSandbox.Delivery::type).distinct().sorted().toList();
        assertTrue(types.containsAll(List.of("checkout.session.completed", "checkout.session.expired", "payment_intent.succeeded",
                "payment_intent.payment_failed", "charge.refunded", "charge.refund.updated", "refund.failed", "charge.dispute.created",
                "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "charge.dispute.closed", "setup_intent.succeeded")), types.toString());
    }

    private int check(JsonObject reference, String type, JsonObject object, String where, List<String> problems) {
        var ref = reference.getAsJsonObject(type);
        if (ref == null) {
            problems.add(where + ": no Stripe object '" + type + "'");
            return 0;
        }
        var fields = ref.getAsJsonObject("fields");
        var optional = OPTIONAL.getOrDefault(type, Map.of());
        for (var field : object.entrySet()) {
            var name = field.getKey();
            if (!fields.has(name) && !optional.containsKey(name)) {
                problems.add(where + ": " + type + "." + name + " is not a field of Stripe's " + type);
                continue;
            }
            var expected = fields.has(name) ? (fields.get(name).isJsonNull() ? null : fields.get(name).getAsString()) : optional.get(name);
            var actual = jsonType(field.getValue());
            if (expected != null && actual != null && !expected.equals(actual) && !(expected.equals("number") && actual.equals("integer"))) {
                problems.add(where + ": " + type + "." + name + " is " + actual + ", Stripe's is " + expected);
            }
        }
        for (var e : ref.getAsJsonObject("enums").entrySet()) {
            var value = object.get(e.getKey());
            if (value != null && !value.isJsonNull() && !e.getValue().getAsJsonArray().contains(value)) {
                problems.add(where + ": " + type + "." + e.getKey() + " = " + value + " is not one of Stripe's " + e.getValue());
            }
        }
        if (!type.equals(object.has("object") ? object.get("object").getAsString() : "")) problems.add(where + ": object is not '" + type + "'");
        for (var read : READ.getOrDefault(type, List.of())) {
            if (!object.has(read)) problems.add(where + ": " + type + "." + read + " (read by Termwise) is missing");
        }
        return 1;
    }

    private static String jsonType(JsonElement v) {
        if (v.isJsonNull()) return null;
        if (v.isJsonObject()) return "object";
        if (v.isJsonArray()) return "array";
        var p = v.getAsJsonPrimitive();
        if (p.isBoolean()) return "boolean";
        if (p.isString()) return "string";
        return p.getAsString().matches("-?\\d+") ? "integer" : "number";
    }

    private String customer() throws StripeException {
        return stripe.v1().customers().create(com.stripe.param.CustomerCreateParams.builder().setEmail("c@example.test").build()).getId();
    }

    /** Every path Termwise relies on: payment and setup pages, off-session charges, refunds that succeed and fail, disputes, expiry. */
    private void exerciseEverything() throws Exception {
        var paid = stripe.v1().checkout().sessions().create(payment(14900).setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS).build(), key("checkout-1"));
        var intent = sandbox.completeCheckout(paid.getId(), StripeSandbox.VISA);
        var customer = (String) intent.get("customer");
        var setup = stripe.v1().checkout().sessions().create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD).setCurrency("gbp").setCustomer(customer)
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder().putMetadata("customerId", "c1").build())
                .setSuccessUrl("https://example.test/account").build());
        var saved = sandbox.completeCheckout(setup.getId(), StripeSandbox.REFUND_FAIL);
        var renewal = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(15900L).setCurrency("gbp")
                .addPaymentMethodType("card").setCustomer(customer).setPaymentMethod((String) saved.get("payment_method"))
                .setOffSession(true).setConfirm(true).putMetadata("cycle", "2").build(), key("renewal-1"));
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(renewal.getId()).setAmount(500L).build(), key("refund-1"));
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intent.get("id").toString()).setAmount(500L).build());
        var declinedSetup = stripe.v1().checkout().sessions().create(SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP)
                .setCurrency("gbp").setCustomer(customer).setSuccessUrl("https://example.test/account").build());
        sandbox.completeCheckout(declinedSetup.getId(), StripeSandbox.CUSTOMER_FAIL);
        assertThrows(com.stripe.exception.CardException.class, () -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                .setAmount(15900L).setCurrency("gbp").setCustomer(customer).setPaymentMethod(paymentMethodOf(customer, "0341"))
                .setOffSession(true).setConfirm(true).build()));
        var inquiry = sandbox.dispute((String) intent.get("latest_charge"), true);
        sandbox.closeDispute((String) inquiry.get("id"), true);
        var chargeback = sandbox.dispute(renewal.getLatestCharge(), false);
        sandbox.closeDispute((String) chargeback.get("id"), true);
        stripe.v1().checkout().sessions().create(payment(1000).build());
        now.set(now.get().plus(Duration.ofHours(25)));
        sandbox.advance();
    }

    private String paymentMethodOf(String customer, String last4) {
        return sandbox.list("payment_method").stream().filter(pm -> customer.equals(pm.get("customer"))
                && last4.equals(((Map<?, ?>) pm.get("card")).get("last4"))).map(pm -> (String) pm.get("id")).findFirst().orElseThrow();
    }
}
