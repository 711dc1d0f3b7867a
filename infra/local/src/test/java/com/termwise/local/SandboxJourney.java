package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;

import java.util.List;
import java.util.Map;

import static com.termwise.local.AccountActionsJourneyTest.each;

/** A journey through the local runner on a test clock, with the Stripe sandbox's objects at hand to check the money. */
abstract class SandboxJourney {

    LocalTermwise termwise;
    Api api;
    StripeSandbox stripe;

    final void startOn(String instant) throws Exception {
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", instant));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (termwise != null) termwise.close();
    }

    String buy(String token, String body, String card) {
        var started = api.checkout(token, body);
        api.pay(started, card);
        return started.text("/orderId");
    }

    JsonNode me(String token) {
        return api.get("/v1/me", token).body();
    }

    List<Map<String, Object>> intentsOf(String customerEmail) {
        var customers = stripe.list("customer").stream().filter(c -> customerEmail.equals(c.get("email"))).map(c -> c.get("id")).toList();
        return stripe.list("payment_intent").stream().filter(pi -> customers.contains(pi.get("customer"))).toList();
    }

    List<String> templates(String sub) {
        return api.mailTo(sub).stream().map(m -> m.text("/template")).toList();
    }

    List<JsonNode> events(String detailType) {
        return each(api.get("/_local/events", null).body()).stream().filter(e -> e.get("detailType").asText().equals(detailType)).toList();
    }

    JsonNode delivery(String token, int month) {
        return each(me(token).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == month).findFirst()
                .orElseThrow(() -> new AssertionError("no delivery for month " + month + " in " + me(token).at("/deliveries")));
    }


    /** The customer completes a Stripe-hosted page Termwise opened (its URL ends in the session id) with a test card. */
    Api.Response complete(String hostedUrl, String card) {
        var session = hostedUrl.substring(hostedUrl.lastIndexOf('/') + 1);
        var done = api.post("/_local/stripe/checkout-sessions/" + session + "/complete", null, "{\"paymentMethod\":\"" + card + "\"}");
        org.junit.jupiter.api.Assertions.assertEquals(200, done.status(), done.raw());
        return done;
    }

    /** The customer saves {@code card} on the hosted card page opened from their account. */
    void saveCard(String token, String subscriptionId, String card) {
        var page = api.post("/v1/subscriptions/" + subscriptionId + "/payment-method", token, "");
        org.junit.jupiter.api.Assertions.assertEquals(201, page.status(), page.raw());
        complete(page.text("/url"), card);
    }
}
