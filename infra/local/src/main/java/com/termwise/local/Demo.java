package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code infra/local/run --demo}: customers of each catalog at the stages worth looking at, bought on
 * the test clock as they would have been (the clock starts 40 days back and runs the schedules up to
 * now): in a cancellation period, past a notice deadline, past due after a decline, held for 3-D
 * Secure, owing after a chargeback. Everything goes through the runner's own HTTP API.
 */
final class Demo {

    /** Someone to look at: their sign-in subject, and what is telling about them. */
    record Customer(String sub, String stage) {}

    static final Duration BACK = Duration.ofDays(40);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    Demo(URI base) {
        this.base = base;
    }

    /**
     * Seeds the customers; the runner's clock must stand {@link #BACK} before {@code now}, and ends at {@code now}. The
     * renewing plans carry the DMCC 2024 s.257 acknowledgement, so the demo still runs once the regime has commenced.
     */
    List<Customer> seed(Instant now) throws IOException, InterruptedException {
        var out = new ArrayList<Customer>();
        advanceTo(now.minus(Duration.ofDays(33)));
        var dan = buy("demo-dan", mealPlan("3-month"), "pm_card_visa");
        saveCard("demo-dan", dan, "pm_card_chargeCustomerFail");
        out.add(new Customer("demo-dan", "meal plan, past due: the renewal was declined and is retried on meal-plans 6(c)(iii)'s days"));
        advanceTo(now.minus(Duration.ofDays(30)));
        buy("demo-ava", mealPlan("3-month"), "pm_card_authenticationRequired");
        out.add(new Customer("demo-ava", "meal plan, past due: the bank wants 3-D Secure; POST /v1/subscriptions/{id}/pay-now opens the page"));
        advanceTo(now.minus(Duration.ofDays(25)));
        buy("demo-meg", mealPlan("1-month-repeat"), "pm_card_visa");
        out.add(new Customer("demo-meg", "meal plan, past the notice deadline for its next renewal (meal-plans 9(c)(1)): see cancellationNoticeProtects"));
        advanceTo(now.minus(Duration.ofDays(10)));
        var cara = post("/v1/checkout", token("demo-cara"), """
                {"catalog":"course-provider","plan":"course:public-speaking","customer":{"name":"Cara Demo","birthDate":"1990-01-01"},
                 "consents":{"beginDuringCancellationPeriod":true,"acknowledgeLossOfCancellationRight":true}}""");
        var paid = post("/_local/stripe/checkout-sessions/" + cara.path("sessionId").asText() + "/complete", null, "{\"paymentMethod\":\"pm_card_visa\"}");
        post("/_local/stripe/charges/" + paid.path("chargeId").asText() + "/dispute", null, "{\"inquiry\":false}");
        out.add(new Customer("demo-cara", "course, owes after a chargeback: the amount and £25 (course-provider 19.3.7); new purchases refused (19.3.8)"));
        advanceTo(now.minus(Duration.ofDays(3)));
        buy("demo-ann", """
                {"catalog":"online-courses","plan":"annual","customer":{"name":"Ann Demo"},
                 "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false,"acknowledgeObligationToPay":true}}""", "pm_card_visa");
        out.add(new Customer("demo-ann", "annual membership, in its 14-day cancellation period: cancelling refunds it in full"));
        advanceTo(now);
        return out;
    }

    String token(String sub) throws IOException, InterruptedException {
        return post("/_local/token", null, "{\"sub\":\"" + sub + "\"}").path("token").asText();
    }

    private static String mealPlan(String plan) {
        return """
                {"catalog":"meal-plans","plan":"%s","customer":{"name":"Demo Customer","birthDate":"1980-05-01"},
                 "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false,"acknowledgeObligationToPay":true},
                 "delivery":{"address":{"line1":"1 High St","city":"Leeds","postcode":"LS1 4AP"},"weekendsExcluded":false}}""".formatted(plan);
    }

    /** Buys and pays on the hosted page; returns the subscription's id (or the order's, for a course). */
    private String buy(String sub, String body, String card) throws IOException, InterruptedException {
        var token = token(sub);
        var started = post("/v1/checkout", token, body);
        post("/_local/stripe/checkout-sessions/" + started.path("sessionId").asText() + "/complete", null, "{\"paymentMethod\":\"" + card + "\"}");
        var me = get("/v1/me", token);
        return me.at("/subscriptions/0/id").asText(started.path("orderId").asText());
    }

    private void saveCard(String sub, String subscriptionId, String card) throws IOException, InterruptedException {
        var page = post("/v1/subscriptions/" + subscriptionId + "/payment-method", token(sub), "");
        var url = page.path("url").asText();
        post("/_local/stripe/checkout-sessions/" + url.substring(url.lastIndexOf('/') + 1) + "/complete", null, "{\"paymentMethod\":\"" + card + "\"}");
    }

    private void advanceTo(Instant to) throws IOException, InterruptedException {
        var at = Instant.parse(get("/_local/clock", null).path("now").asText());
        long hours = Duration.between(at, to).toHours();
        if (hours > 0) post("/_local/clock/advance", null, "{\"hours\":" + hours + "}");
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token);
    }

    private JsonNode post(String path, String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    private JsonNode send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        if (token != null) request.header("Authorization", "Bearer " + token);
        var response = http.send(request.header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) throw new IOException("demo: " + response.statusCode() + " from " + response.uri() + ": " + response.body());
        return AwsEvents.JSON.readTree(response.body());
    }
}
