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


    /** The courier reports each customer's first box delivered on its day, which starts meal-plans 8(b)'s 14 days. */
    void firstBoxesDelivered(String courier, String... tokens) {
        for (var token : tokens) {
            var first = delivery(token, 1);
            var delivered = api.post("/v1/deliveries/" + first.get("id").asText() + "/delivered", courier,
                    "{\"deliveredOn\":\"" + first.get("scheduledDate").asText() + "\"}");
            org.junit.jupiter.api.Assertions.assertEquals(200, delivered.status(), delivered.raw());
        }
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

    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", java.util.Locale.UK);

    static long pence(String pounds) {
        return new java.math.BigDecimal(pounds.replace(",", "")).movePointRight(2).longValueExact();
    }

    /** A mail's itemised lines ("Label: £a (clause)"), each with a clause, add up to its "Total: £t", which is {@code taken}. */
    static void assertItemised(String text, long taken) {
        var line = java.util.regex.Pattern.compile("(?m)^(?!Total)[^\\n:]+: £([0-9,]+\\.[0-9]{2}) \\((?:meal-plans|online-courses|course-provider) .+\\)$");
        var total = java.util.regex.Pattern.compile("(?m)^Total: £([0-9,]+\\.[0-9]{2})$").matcher(text);
        org.junit.jupiter.api.Assertions.assertTrue(total.find(), "no total in: " + text);
        long sum = line.matcher(text).results().mapToLong(m -> pence(m.group(1))).sum();
        org.junit.jupiter.api.Assertions.assertEquals(taken, pence(total.group(1)), text);
        org.junit.jupiter.api.Assertions.assertEquals(taken, sum, "the lines add up to the total: " + text);
    }

    /** The payment a mail promises ("Your next payment of £X is due on Monday 2 February 2026"): amount in pence and date. */
    static java.util.Optional<java.util.Map.Entry<Long, java.time.LocalDate>> promised(String text) {
        var m = java.util.regex.Pattern.compile("Your next payment of £([0-9,]+\\.[0-9]{2}) is due on ([A-Za-z]+ [0-9]{1,2} [A-Za-z]+ [0-9]{4})").matcher(text);
        if (!m.find()) return java.util.Optional.empty();
        return java.util.Optional.of(java.util.Map.entry(pence(m.group(1)), java.time.LocalDate.parse(m.group(2), DAY)));
    }
}
