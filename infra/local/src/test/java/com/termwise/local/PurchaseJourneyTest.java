package com.termwise.local;

import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.domain.rules.Promotion;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The first path a customer walks, through the local runner's HTTP API with the same handlers the
 * Lambdas run: checkout, Stripe's hosted page (the sandbox, driven by the real stripe-java client),
 * signed webhooks, DynamoDB Local. The clock is fixed at Monday 2 March 2026, 10:00 London.
 */
class PurchaseJourneyTest {

    static LocalTermwise termwise;
    static Api api;
    static StripeSandbox stripe;

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

    static final String ANNUAL = """
            {"catalog":"online-courses","plan":"annual","customer":{"name":"Ann Lee"},
             "consents":{"beginDuringCancellationPeriod":true,"acknowledgeLossOfCancellationRight":true}}""";

    static String mealPlan(String postcode) {
        return """
                {"catalog":"meal-plans","plan":"3-month","customer":{"name":"Meg Ward","birthDate":"1980-05-01"},
                 "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false},
                 "delivery":{"address":{"line1":"1 High St","city":"Town","postcode":"%s"},"weekendsExcluded":false}}""".formatted(postcode);
    }

    Api.Response checkout(String token, String body) {
        return api.checkout(token, body);
    }

    Api.Response pay(Api.Response started, String paymentMethod) {
        return api.pay(started, paymentMethod);
    }

    List<Api.Response> mailTo(String sub) {
        return api.mailTo(sub);
    }

    @Test
    void an_annual_membership_bought_and_paid_is_accepted_active_for_a_year_and_confirmed_by_mail() {
        var token = api.token("ann");
        var started = checkout(token, ANNUAL);
        assertEquals(14900, started.number("/total/amount"));
        assertTrue(started.text("/checkoutUrl").startsWith(stripe.apiBase() + "/pay/cs_test_"), started.raw());
        assertEquals("PENDING_PAYMENT", api.get("/v1/orders/" + started.text("/orderId"), token).text("/state"));

        pay(started, StripeSandbox.VISA);

        var order = api.get("/v1/orders/" + started.text("/orderId"), token);
        assertEquals("ACCEPTED", order.text("/state"));
        assertEquals(14900, order.number("/paid/amount"));
        assertEquals("2026-03-02", order.text("/contractDate"));
        assertEquals("succeeded", order.text("/payments/0/status"));
        assertTrue(order.text("/payments/0/chargeId").startsWith("ch_"));
        assertTrue(order.body().at("/consents/shown").toString().contains("online-courses 10.1"), order.raw());
        var subscription = api.get("/v1/subscriptions/" + order.text("/subscriptionId"), token);
        assertEquals("ACTIVE", subscription.text("/state"));
        assertEquals("2026-03-02", subscription.text("/currentPeriod/start"));
        assertEquals("2027-03-02", subscription.text("/currentPeriod/end"));
        assertEquals("2027-03-02", subscription.text("/nextRenewalDate"));

        var mail = mailTo("ann");
        assertEquals(1, mail.size());
        assertEquals("order-accepted", mail.getFirst().text("/template"));
        assertTrue(mail.getFirst().text("/text").contains("£149.00") && mail.getFirst().text("/text").contains("online-courses 3.1"),
                mail.getFirst().raw());
        assertTrue(api.get("/_local/events", null).raw().contains("OrderAccepted"));
    }

    /** A person pays on the sandbox's hosted page, as on Stripe's: a declined card keeps the page open, a good one returns them. */
    @Test
    void a_person_pays_on_the_hosted_page_and_comes_back() throws Exception {
        var token = api.token("hoy");
        var started = checkout(token, ANNUAL);
        var browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        var url = java.net.URI.create(started.text("/checkoutUrl"));
        var page = browser.send(java.net.http.HttpRequest.newBuilder(url).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("GBP 149.00") && page.body().contains(StripeSandbox.AUTHENTICATION_REQUIRED), page.body());
        java.util.function.Function<String, java.net.http.HttpResponse<String>> pick = card -> {
            try {
                return browser.send(java.net.http.HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("card=" + card)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var declined = pick.apply(StripeSandbox.DECLINED);
        assertEquals(200, declined.statusCode());
        assertTrue(declined.body().contains("declined"), declined.body());
        var paid = pick.apply(StripeSandbox.VISA);
        assertEquals(303, paid.statusCode(), paid.body());
        var back = java.net.URI.create(paid.headers().firstValue("Location").orElseThrow());
        assertEquals(termwise.baseUri().resolve("/_local/returned?order=" + started.text("/orderId")), back);
        var landing = browser.send(java.net.http.HttpRequest.newBuilder(back).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landing.statusCode());
        assertTrue(landing.body().contains("/v1/orders/" + started.text("/orderId")), landing.body());
        assertEquals("ACCEPTED", api.get("/v1/orders/" + started.text("/orderId"), token).text("/state"));
        assertEquals(404, browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(stripe.apiBase() + "/pay/cs_test_nothing")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        var unknown = api.post("/_local/stripe/checkout-sessions/cs_test_nothing/complete", null, "{}");
        assertEquals(404, unknown.status(), "an unknown id is Stripe's 404, with its reason: " + unknown.raw());
        assertEquals("RESOURCE_MISSING", unknown.text("/error/code"));
    }

    /** A second runner on a busy port says so before starting anything else (infra/local/run prints it and exits). */
    @Test
    void a_busy_port_is_named_and_nothing_else_starts() {
        var busy = assertThrows(LocalTermwise.PortBusy.class, () -> LocalTermwise.start(termwise.baseUri().getPort(), Map.of()));
        assertEquals(termwise.baseUri().getPort(), busy.port);
        assertEquals(200, api.get("/v1/health", null).status(), "the first runner is untouched");
    }

    /** The catalog shows what is paid on top of a price, and a preview gives checkout's total before any order exists. */
    @Test
    void the_catalog_and_a_preview_show_the_total_checkout_will_take() {
        var catalog = api.get("/v1/catalogs/meal-plans", null);
        assertEquals(495, catalog.number("/deliveryCharges/standard/amount"));
        assertEquals("meal-plans 7(f)", catalog.text("/deliveryCharges/clause"));
        assertTrue(catalog.body().at("/regionalSurcharges/regions").size() > 0, catalog.raw());
        var token = api.token("pre");
        var body = mealPlan("LS1 4AP").replaceFirst("\\{", "{\"preview\":true,");
        var quote = api.post("/v1/checkout", token, body);
        assertEquals(200, quote.status(), quote.raw());
        assertTrue(quote.body().get("preview").asBoolean());
        var started = checkout(token, mealPlan("LS1 4AP"));
        assertEquals(started.number("/total/amount"), quote.number("/total/amount"), "the preview's total is checkout's");
        assertEquals(quote.number("/price/amount") + quote.number("/charges/0/amount/amount"), quote.number("/total/amount"));
        assertEquals(1, api.get("/v1/me", token).body().at("/orders").size(), "the preview wrote nothing");
        var nullPreview = api.post("/v1/checkout", token, mealPlan("LS1 4AP").replaceFirst("\\{", "{\"preview\":null,"));
        assertEquals(400, nullPreview.status());
        assertEquals("preview", nullPreview.text("/error/field"));
    }

    @Test
    void a_meal_plan_to_the_highlands_adds_the_regional_surcharge_and_schedules_the_first_box() {
        var token = api.token("meg");
        var started = checkout(token, mealPlan("IV1 1AA"));
        assertEquals(15900 + 495 + 1500, started.number("/total/amount")); // 7(f): standard delivery and the Highlands surcharge
        pay(started, StripeSandbox.VISA);

        var me = api.get("/v1/me", token);
        assertEquals("ACCEPTED", me.text("/orders/0/state"));
        assertEquals("ACTIVE", me.text("/subscriptions/0/state"));
        assertEquals("2026-05-25", me.text("/subscriptions/0/minimumTermEnd")); // three 28-day periods from 2 March
        // 7(c): received Monday 10:00, before the cut-off; dispatched within 3 working days (Thursday), arrives the next working day
        assertEquals("2026-03-06", me.text("/deliveries/0/scheduledDate"));
        assertEquals("SCHEDULED", me.text("/deliveries/0/state"));
        assertEquals("2026-03-06", me.text("/subscriptions/0/nextDeliveryDate"));
    }

    @Test
    void a_declined_card_leaves_the_order_open_and_a_second_card_completes_it() {
        var token = api.token("dee");
        var started = checkout(token, ANNUAL);
        var declined = pay(started, StripeSandbox.DECLINED);
        assertEquals("requires_payment_method", declined.text("/status"));
        var order = api.get("/v1/orders/" + started.text("/orderId"), token);
        assertEquals("PENDING_PAYMENT", order.text("/state"));
        assertEquals("failed", order.text("/payments/0/status"));
        assertTrue(mailTo("dee").isEmpty());

        pay(started, StripeSandbox.VISA);
        order = api.get("/v1/orders/" + started.text("/orderId"), token);
        assertEquals("ACCEPTED", order.text("/state"));
        assertEquals(1, mailTo("dee").size());
    }

    @Test
    void webhooks_repeated_and_out_of_order_accept_the_order_once() {
        var token = api.token("ray");
        var started = checkout(token, ANNUAL);
        int before = stripe.deliveries().size();
        stripe.holdWebhooks();
        pay(started, StripeSandbox.VISA);
        stripe.release(true); // payment_intent.succeeded arrives before checkout.session.completed
        var sent = stripe.deliveries().subList(before, stripe.deliveries().size());
        assertEquals(List.of("payment_intent.succeeded", "checkout.session.completed"), sent.stream().map(StripeSandbox.Delivery::type).toList());
        sent.forEach(d -> assertEquals(200, d.status()));
        for (var d : sent) assertEquals(200, stripe.redeliver(d.eventId()).status()); // and each again

        var me = api.get("/v1/me", token);
        assertEquals(1, me.body().at("/orders").size());
        assertEquals(1, me.body().at("/subscriptions").size());
        assertEquals(1, me.body().at("/payments").size());
        assertTrue(me.text("/payments/0/chargeId").startsWith("ch_"), "the charge id from payment_intent.succeeded is kept");
        assertEquals(1, mailTo("ray").size());
        var ledger = termwise.bean(com.termwise.app.StateStore.class).account("ray").ledger();
        assertEquals(1, ledger.size());
        assertEquals(14900, ledger.getFirst().amount().amount());
    }

    @Test
    void a_webhook_with_a_bad_or_stale_signature_is_refused_and_writes_nothing() throws Exception {
        var token = api.token("sam");
        var started = checkout(token, ANNUAL);
        stripe.holdWebhooks();
        pay(started, StripeSandbox.VISA);
        var payload = stripe.heldPayloads().getFirst();
        var http = HttpClient.newHttpClient();
        var url = termwise.baseUri().resolve("/v1/stripe/webhook");
        long now = System.currentTimeMillis() / 1000;
        for (var signature : List.of(StripeSandbox.WebhookSignature.header(payload, "whsec_wrong", now),
                StripeSandbox.WebhookSignature.header(payload, stripe.signingSecret(), now - 600), "")) {
            var response = http.send(HttpRequest.newBuilder(url).header("Stripe-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("INVALID_SIGNATURE"));
        }
        assertEquals("PENDING_PAYMENT", api.get("/v1/orders/" + started.text("/orderId"), token).text("/state"));
        stripe.release(false);
        assertEquals("ACCEPTED", api.get("/v1/orders/" + started.text("/orderId"), token).text("/state"));
    }

    @Test
    void an_event_type_termwise_does_not_use_is_acknowledged_and_ignored() throws Exception {
        var payload = "{\"id\":\"evt_unused\",\"object\":\"event\",\"api_version\":\"" + com.stripe.Stripe.API_VERSION
                + "\",\"created\":1772445600,\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_x\",\"object\":\"customer\"}}}";
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(termwise.baseUri().resolve("/v1/stripe/webhook"))
                .header("Stripe-Signature", StripeSandbox.WebhookSignature.header(payload, stripe.signingSecret(), System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("IGNORED"), response.body());
    }

    @Test
    void a_course_bought_from_the_provider_is_granted_for_a_year() {
        var token = api.token("cal");
        var started = checkout(token, """
                {"catalog":"course-provider","plan":"course:public-speaking","customer":{"name":"Cal","birthDate":"2000-01-01"},
                 "consents":{"beginDuringCancellationPeriod":true,"acknowledgeLossOfCancellationRight":true}}""");
        pay(started, StripeSandbox.VISA);
        var me = api.get("/v1/me", token);
        assertEquals("public-speaking", me.text("/enrolments/0/courseId"));
        assertEquals("2027-03-02", me.text("/enrolments/0/accessEndsOn")); // course-provider 4.3: one year from access
        assertEquals(0, me.body().at("/subscriptions").size());
    }

    @Test
    void a_refund_made_in_stripe_is_confirmed_by_charge_refunded_once() throws Exception {
        var token = api.token("rob");
        var started = checkout(token, ANNUAL);
        var chargeId = pay(started, StripeSandbox.VISA).text("/chargeId");
        var client = StripePaymentGateway.client(stripe.apiKey(), stripe.apiBase());
        client.v1().refunds().create(RefundCreateParams.builder().setCharge(chargeId).setAmount(4900L).build(),
                RequestOptions.builder().setIdempotencyKey("refund-test-rob").build());
        client.v1().refunds().create(RefundCreateParams.builder().setCharge(chargeId).setAmount(4900L).build(),
                RequestOptions.builder().setIdempotencyKey("refund-test-rob").build()); // same key: Stripe replays, no second refund
        var order = api.get("/v1/orders/" + started.text("/orderId"), token);
        assertEquals(4900, order.number("/refunded/amount"));
        assertEquals("ACCEPTED", order.text("/state"));
        assertEquals("partially_refunded", order.text("/payments/0/status"));
        assertEquals(1, stripe.list("refund").stream().filter(r -> chargeId.equals(r.get("charge"))).count());
        var refundMail = mailTo("rob").stream().filter(m -> m.text("/template").equals("refund-issued")).toList();
        assertEquals(1, refundMail.size());
        assertTrue(refundMail.getFirst().text("/text").contains("£49.00"));
    }

    // ---- bad input and safety ----

    @Test
    void an_idempotency_key_replays_the_first_response_and_refuses_another_body() {
        var token = api.token("ida");
        var key = Map.of("Idempotency-Key", "k-1");
        var first = api.post("/v1/checkout", token, ANNUAL, key);
        var again = api.post("/v1/checkout", token, ANNUAL, key);
        assertEquals(201, again.status());
        assertEquals(first.raw(), again.raw());
        var other = api.post("/v1/checkout", token, mealPlan("SW1A 1AA"), key);
        assertEquals(422, other.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", other.text("/error/code"));
        assertEquals(1, api.get("/v1/me", token).body().at("/orders").size());
        assertEquals(1, stripe.list("checkout.session").stream().filter(s -> first.text("/sessionId").equals(s.get("id"))).count());
    }

    @Test
    void bad_requests_are_4xx_naming_the_field_and_write_nothing() {
        var token = api.token("bob");
        record Case(String body, int status, String code, String field) {}
        var cases = List.of(
                new Case("{not json", 400, "MALFORMED_JSON", "body"),
                new Case(ANNUAL.replace("\"annual\"", "42"), 400, "INVALID_TYPE", "plan"),
                new Case(ANNUAL.replace("\"annual\"", "\"platinum\""), 400, "UNKNOWN_PLAN", "plan"),
                new Case(ANNUAL.replace("\"online-courses\"", "\"gym\""), 400, "UNKNOWN_CATALOG", "catalog"),
                new Case(ANNUAL.replace("\"plan\"", "\"colour\":\"red\",\"plan\""), 400, "UNKNOWN_FIELD", "colour"),
                new Case(ANNUAL.replace("\"customer\":{\"name\":\"Ann Lee\"},", ""), 400, "MISSING_FIELD", "customer"),
                new Case(ANNUAL.replace("\"acknowledgeLossOfCancellationRight\":true", "\"acknowledgeLossOfCancellationRight\":\"yes\""),
                        400, "INVALID_TYPE", "consents.acknowledgeLossOfCancellationRight"),
                new Case(mealPlan("NOT A CODE"), 400, "INVALID_POSTCODE", "delivery.address.postcode"),
                new Case(mealPlan("SW1A 1AA").replace("\"1980-05-01\"", "\"2010-05-01\""), 422, "UNDER_MINIMUM_AGE", "customer.birthDate"),
                new Case("""
                        {"catalog":"course-provider","plan":"course:public-speaking","customer":{"name":"Kid","birthDate":"2010-01-01"},
                         "consents":{"beginDuringCancellationPeriod":true,"acknowledgeLossOfCancellationRight":true}}""",
                        422, "PARENTAL_CONSENT_REQUIRED", "consents.parentalConsent"),
                new Case(ANNUAL.replace("\"plan\":\"annual\"", "\"plan\":\"course:travel-and-tourism\""), 422, "COURSE_UNAVAILABLE", "plan"),
                new Case("{\"pad\":\"" + "x".repeat(70_000) + "\"}", 413, "BODY_TOO_LARGE", "body"));
        for (var c : cases) {
            var response = api.post("/v1/checkout", token, c.body());
            assertEquals(c.status(), response.status(), c.body() + " -> " + response.raw());
            assertEquals(c.code(), response.text("/error/code"), response.raw());
            assertEquals(c.field(), response.text("/error/field"), response.raw());
        }
        var me = api.get("/v1/me", token);
        assertEquals(0, me.body().at("/orders").size(), "nothing was written");
    }

    @Test
    void an_expired_offer_is_refused_naming_the_promo_code_and_a_valid_one_discounts_the_order() {
        var store = termwise.bean(com.termwise.app.StateStore.class);
        var today = LocalDate.of(2026, 3, 2);
        store.createPromotion(new Promotion("online-courses", "OLD10", 10, today.minusDays(40), today.minusDays(10), Optional.empty(), Optional.empty()));
        store.createPromotion(new Promotion("online-courses", "NEW20", 20, today, today.plusDays(30), Optional.empty(), Optional.empty()));
        var token = api.token("pat");
        var expired = api.post("/v1/checkout", token, ANNUAL.replace("\"plan\":\"annual\"", "\"plan\":\"annual\",\"promoCode\":\"OLD10\""));
        assertEquals(422, expired.status(), expired.raw());
        assertEquals("promoCode", expired.text("/error/field"));
        assertEquals("online-courses 3.4", expired.text("/decision/reasons/0/clause"));
        var discounted = checkout(token, ANNUAL.replace("\"plan\":\"annual\"", "\"plan\":\"annual\",\"promoCode\":\"NEW20\""));
        assertEquals(11920, discounted.number("/total/amount"));
    }

    @Test
    void customers_see_only_their_own_orders_and_need_a_token() {
        var owner = api.token("own");
        var started = checkout(owner, ANNUAL);
        var path = "/v1/orders/" + started.text("/orderId");
        assertEquals(200, api.get(path, owner).status());
        var other = api.get(path, api.token("oth"));
        assertEquals(404, other.status());
        assertEquals("ORDER_NOT_FOUND", other.text("/error/code"));
        assertEquals(401, api.get(path, null).status());
        assertEquals(401, api.get(path, "not.a.jwt").status());
        assertEquals(401, api.post("/v1/checkout", null, ANNUAL).status());
    }
}
