package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The journeys' HTTP client: what a browser or an account page sends to the local runner; each answer is checked against openapi.yaml. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    record Response(int status, JsonNode body, String raw) {
        String text(String pointer) {
            return body.at(pointer).asText();
        }

        long number(String pointer) {
            return body.at(pointer).asLong();
        }
    }

    Api(URI base) {
        this.base = base;
    }

    String token(String sub, String... groups) {
        var list = String.join(",", java.util.Arrays.stream(groups).map(g -> "\"" + g + "\"").toList());
        return post("/_local/token", null, "{\"sub\":\"" + sub + "\",\"email\":\"" + sub + "@example.test\",\"groups\":[" + list + "]}").text("/token");
    }

    Response get(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token, Map.of());
    }

    Response post(String path, String token, String body) {
        return post(path, token, body, Map.of());
    }

    Response post(String path, String token, String body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)), token, headers);
    }

    Response put(String path, String token, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body)), token, Map.of());
    }

    /** Starts a purchase; it must be accepted (201). */
    Response checkout(String token, String body) {
        var started = post("/v1/checkout", token, body);
        org.junit.jupiter.api.Assertions.assertEquals(201, started.status(), started.raw());
        return started;
    }

    /** The customer pays on the hosted page with one of Stripe's test payment methods. */
    Response pay(Response started, String paymentMethod) {
        var paid = post("/_local/stripe/checkout-sessions/" + started.text("/sessionId") + "/complete", null,
                "{\"paymentMethod\":\"" + paymentMethod + "\"}");
        org.junit.jupiter.api.Assertions.assertEquals(200, paid.status(), paid.raw());
        return paid;
    }

    /** The mail a customer was sent, newest first. */
    java.util.List<Response> mailTo(String sub) {
        var mail = get("/_local/mail", null).body();
        return java.util.stream.StreamSupport.stream(mail.spliterator(), false).filter(m -> m.get("to").asText().equals(sub + "@example.test"))
                .map(m -> new Response(200, m, m.toString())).toList();
    }

    void advanceHours(int hours) {
        var moved = post("/_local/clock/advance", null, "{\"hours\":" + hours + "}");
        org.junit.jupiter.api.Assertions.assertEquals(200, moved.status(), moved.raw());
    }

    void advanceDays(int days) {
        var moved = post("/_local/clock/advance", null, "{\"days\":" + days + "}");
        org.junit.jupiter.api.Assertions.assertEquals(200, moved.status(), moved.raw());
    }

    private Response send(HttpRequest.Builder request, String token, Map<String, String> headers) {
        if (token != null) request.header("Authorization", "Bearer " + token);
        request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            var built = request.build();
            var response = http.send(built, HttpResponse.BodyHandlers.ofString());
            var raw = response.body();
            // every answer of the API is held to openapi.yaml's schema for its route and status
            if (built.uri().getPath().startsWith("/v1/")) OpenApiContract.OPENAPI.check(built.method(), built.uri().getPath(), response.statusCode(), raw);
            return new Response(response.statusCode(), raw == null || raw.isBlank() ? JSON.nullNode() : JSON.readTree(raw), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
