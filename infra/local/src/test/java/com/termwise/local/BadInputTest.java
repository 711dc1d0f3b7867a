package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile input generated from {@code openapi.yaml}: for every route, every body field (nested ones too) sent as
 * {@code null}, with the wrong type, longer than its maxLength, outside its minimum and maximum, beyond 64-bit,
 * as an impossible date; every path id oversized or with characters no id has; an unknown field; a body over the
 * limit. Each must be a 4xx whose error names the field, never a 5xx, and write nothing: the customer's account,
 * the mail, the events and Stripe's refunds are what they were. Prints its figures (requests, 5xx, writes).
 */
class BadInputTest {

    static LocalTermwise termwise;
    static Api api;
    static StripeSandbox stripe;
    static Map<String, Object> openapi;
    static String meg, ops, platform;
    static final Map<String, String> ids = new LinkedHashMap<>();

    /** A valid body for each route with one (a preview wherever the route has one): each mutation changes one field of it. */
    static final Map<String, String> BASE = Map.ofEntries(
            Map.entry("POST /v1/checkout", PurchaseJourneyTest.mealPlan("SW1A 1AA").replace("\"plan\":\"3-month\"", "\"plan\":\"3-month\",\"promoCode\":\"NONE10\"")),
            Map.entry("POST /v1/subscriptions/{id}/cancel", "{\"preview\":true,\"reason\":\"moving\"}"),
            Map.entry("POST /v1/subscriptions/{id}/pause", "{\"preview\":true}"),
            Map.entry("POST /v1/subscriptions/{id}/resume", "{\"preview\":true}"),
            Map.entry("POST /v1/subscriptions/{id}/change-plan", "{\"plan\":\"1-month\",\"preview\":true}"),
            Map.entry("PUT /v1/subscriptions/{id}/delivery-address", "{\"address\":{\"line1\":\"2 High St\",\"line2\":\"Flat 1\",\"city\":\"Town\",\"postcode\":\"SW1A 1AA\"},\"preview\":true}"),
            Map.entry("POST /v1/orders/{orderId}/cancel", "{\"preview\":true,\"reason\":\"changed my mind\"}"),
            Map.entry("POST /v1/orders/{orderId}/refund", "{\"preview\":true,\"reason\":\"changed my mind\"}"),
            Map.entry("POST /v1/deliveries/{deliveryId}/delay", "{\"days\":3,\"preview\":true}"),
            Map.entry("POST /v1/enrolments", "{\"courseId\":\"public-speaking\",\"preview\":true}"),
            Map.entry("POST /v1/enrolments/{enrolmentId}/progress", "{\"percent\":50}"),
            Map.entry("POST /v1/deliveries/{deliveryId}/delivered", "{\"deliveredOn\":\"2026-03-02\"}"),
            Map.entry("POST /v1/admin/customers/{customerId}/subscriptions/{id}/cancel", "{\"preview\":true,\"reason\":\"goodwill\"}"),
            Map.entry("POST /v1/admin/customers/{customerId}/subscriptions/{id}/notice", "{\"preview\":true,\"sentOn\":\"2026-03-01\",\"channel\":\"POST\"}"),
            Map.entry("POST /v1/admin/customers/{customerId}/orders/{orderId}/refund", "{\"preview\":true,\"reason\":\"for cause\"}"),
            Map.entry("POST /v1/admin/price-changes", "{\"catalog\":\"meal-plans\",\"plan\":\"3-month\",\"newPrice\":{\"amount\":16900,\"currency\":\"GBP\"},"
                    + "\"newWeekdaysOnlyPrice\":{\"amount\":15900,\"currency\":\"GBP\"},\"noticeSentOn\":\"2026-03-02\"}"),
            Map.entry("POST /v1/admin/promotions", "{\"catalog\":\"online-courses\",\"code\":\"BADIN10\",\"percentOff\":10,\"validDays\":5}"));

    record Sent(String route, String what, int status, String field, String raw) {}

    static int requests, serverErrors, writes;
    static final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-03-02T10:00:00Z"));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
        meg = api.token("meg");
        ops = api.token("ops", "admin");
        platform = api.token("platform", "service");
        var mealPlan = api.checkout(meg, PurchaseJourneyTest.mealPlan("SW1A 1AA"));
        api.pay(mealPlan, StripeSandbox.VISA);
        api.pay(api.checkout(meg, AccountActionsJourneyTest.course("course-provider", "public-speaking", true)), StripeSandbox.VISA);
        var me = api.get("/v1/me", meg).body();
        ids.put("id", me.at("/subscriptions/0/id").asText());
        ids.put("orderId", mealPlan.text("/orderId"));
        ids.put("deliveryId", me.at("/deliveries/0/id").asText());
        ids.put("customerId", "meg");
        ids.put("enrolmentId", me.at("/enrolments/0/id").asText());
        ids.values().forEach(id -> assertFalse(id.isBlank(), ids.toString()));
        ids.put("catalog", "meal-plans");
        ids.put("courseId", "public-speaking");
        openapi = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(LambdaFunctions.projectTemplate().resolveSibling("openapi.yaml")))
                instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @AfterAll
    static void stop() {
        termwise.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** A schema with its $ref followed. */
    static Map<String, Object> resolve(Object schema) {
        var map = cast(schema);
        if (!map.containsKey("$ref")) return map;
        Object at = openapi;
        for (var part : ((String) map.get("$ref")).substring(2).split("/")) at = cast(at).get(part);
        return resolve(at);
    }

    static String caller(String path) {
        if (path.startsWith("/v1/admin/")) return ops;
        if (path.endsWith("/progress") || path.endsWith("/delivered")) return platform;
        return meg;
    }

    /** What "nothing written" is checked against: the account, the mail, the events, Stripe's refunds. */
    static String state() {
        return api.get("/v1/me", meg).raw() + "|" + api.get("/_local/mail", null).body().size() + "|" + api.get("/_local/events", null).body().size()
                + "|" + stripe.list("refund").size() + "|" + stripe.list("checkout.session").size();
    }

    static void expect(String method, String route, String path, String body, String what, String field, Integer status) {
        var before = state();
        var answer = switch (method) {
            case "PUT" -> api.put(path, caller(route), body);
            case "GET" -> api.get(path, caller(route));
            default -> api.post(path, caller(route), body);
        };
        requests++;
        var label = method + " " + route + " " + what + ": " + answer.status() + " " + answer.raw();
        if (answer.status() >= 500) serverErrors++;
        if (!before.equals(state())) {
            writes++;
            failures.add("WROTE " + label);
        }
        if (answer.status() < 400 || answer.status() >= 500) failures.add(label);
        else if (status != null && answer.status() != status) failures.add("status " + label);
        else if (field != null && !field.equals(answer.body().at("/error/field").asText())) failures.add("field " + field + " not named: " + label);
    }

    /** The mutations a field of this schema gets, each with its name. */
    static Map<String, Consumer<ObjectNode>> mutations(String name, Map<String, Object> schema) {
        var out = new LinkedHashMap<String, Consumer<ObjectNode>>();
        var f = JsonNodeFactory.instance;
        out.put("null", o -> o.putNull(name));
        switch (String.valueOf(schema.getOrDefault("type", "object"))) {
            case "string" -> {
                out.put("a number", o -> o.put(name, 12345));
                out.put("an array", o -> o.set(name, f.arrayNode().add("x")));
                int max = ((Number) schema.getOrDefault("maxLength", 1000)).intValue();
                out.put((max + 1) + " characters", o -> o.put(name, "x".repeat(max + 1)));
                out.put("10,000 characters", o -> o.put(name, "x".repeat(10_000)));
                if ("date".equals(schema.get("format"))) {
                    out.put("+999999999-12-31", o -> o.put(name, "+999999999-12-31"));
                    out.put("-999999999-01-01", o -> o.put(name, "-999999999-01-01"));
                    out.put("0001-01-01", o -> o.put(name, "0001-01-01"));
                    out.put("2026-02-30", o -> o.put(name, "2026-02-30"));
                }
            }
            case "integer" -> {
                out.put("a string", o -> o.put(name, "12"));
                out.put("a fraction", o -> o.put(name, 1.5));
                out.put("2^32 + 1", o -> o.put(name, 4294967297L));
                out.put("beyond 64 bits", o -> o.set(name, f.numberNode(new java.math.BigInteger("99999999999999999999999"))));
                if (schema.get("minimum") instanceof Number min) out.put("minimum - 1", o -> o.put(name, min.longValue() - 1));
                if (schema.get("maximum") instanceof Number max) out.put("maximum + 1", o -> o.put(name, max.longValue() + 1));
            }
            case "boolean" -> {
                out.put("a string", o -> o.put(name, "true"));
                out.put("a number", o -> o.put(name, 1));
            }
            default -> {
                out.put("a string", o -> o.put(name, "x"));
                out.put("an array", o -> o.set(name, f.arrayNode()));
            }
        }
        return out;
    }

    /** Every field of a body schema, nested ones by their dotted name, each mutated in a copy of the base body. */
    static void fields(String method, String route, String path, ObjectNode base, Map<String, Object> schema, String prefix, ObjectNode at) throws Exception {
        var properties = cast(schema.getOrDefault("properties", Map.of()));
        for (var p : properties.entrySet()) {
            if (!at.has(p.getKey())) continue; // only fields the base body carries: a mutation changes one valid field
            var fieldSchema = resolve(p.getValue());
            var dotted = prefix + p.getKey();
            for (var m : mutations(p.getKey(), fieldSchema).entrySet()) {
                var copy = base.deepCopy();
                var target = prefix.isEmpty() ? copy : (ObjectNode) copy.at("/" + prefix.substring(0, prefix.length() - 1).replace('.', '/'));
                m.getValue().accept(target);
                expect(method, route, path, copy.toString(), dotted + " " + m.getKey(), dotted, null);
            }
            if (fieldSchema.containsKey("properties") && at.get(p.getKey()) instanceof ObjectNode nested) {
                fields(method, route, path, base, fieldSchema, dotted + ".", nested);
            }
        }
        var unknown = base.deepCopy();
        ((ObjectNode) (prefix.isEmpty() ? unknown : unknown.at("/" + prefix.substring(0, prefix.length() - 1).replace('.', '/')))).put("zzz", 1);
        expect(method, route, path, unknown.toString(), prefix + "zzz unknown", prefix + "zzz", 400);
    }

    @Test
    void every_route_refuses_every_kind_of_bad_input_naming_the_field_with_no_5xx_and_nothing_written() throws Exception {
        var paths = cast(openapi.get("paths"));
        for (var p : paths.entrySet()) {
            var route = p.getKey();
            if (route.startsWith("/_local/")) continue; // the local runner's own tools (tag local), never deployed
            if (route.equals("/v1/stripe/webhook")) continue; // signed by Stripe: PurchaseJourneyTest sends it forged, stale and malformed bodies
            for (var op : cast(p.getValue()).entrySet()) {
                var method = op.getKey().toUpperCase();
                var path = route;
                for (var id : ids.entrySet()) path = path.replace("{" + id.getKey() + "}", id.getValue());
                var body = BASE.get(method + " " + route);
                // path ids: oversized, or with characters no id has
                for (var param : java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(route).results().map(r -> r.group(1)).toList()) {
                    for (var bad : List.of("x".repeat(300), "a%20b", "%3Cscript%3E", "..")) {
                        var badPath = route.replace("{" + param + "}", bad);
                        for (var id : ids.entrySet()) badPath = badPath.replace("{" + id.getKey() + "}", id.getValue());
                        expect(method, route, badPath, body == null ? "{}" : body, param + " = " + bad.substring(0, Math.min(bad.length(), 12)), null, null);
                    }
                }
                if (body == null) continue;
                var requestBody = resolve(cast(op.getValue()).get("requestBody"));
                var schema = resolve(cast(cast(cast(requestBody.get("content")).get("application/json")).get("schema")));
                var base = (ObjectNode) AwsEvents.JSON.readTree(body);
                fields(method, route, path, base, schema, "", base);
                expect(method, route, path, "{\"pad\":\"" + "x".repeat(70_000) + "\"}", "a body over 64 KiB", "body", 413);
                expect(method, route, path, "[1,2]", "an array for a body", "body", 400);
            }
        }
        // a box reported delivered before it was dispatched (here: the day before the order) would start, and end, the
        // cancellation period of meal-plans 8(b) before the food arrived
        expect("POST", "/v1/deliveries/{deliveryId}/delivered", "/v1/deliveries/" + ids.get("deliveryId") + "/delivered",
                "{\"deliveredOn\":\"2026-03-01\"}", "deliveredOn before its dispatch", "deliveredOn", 400);
        System.out.println("bad-input: " + requests + " requests, " + serverErrors + " 5xx, " + writes + " writes, " + failures.size() + " failures");
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(requests > 300, "the generator ran: " + requests);
    }

    /** What no HTTP client library will send: a malformed %-escape, an ambiguous separator. Still the API's error shape. */
    @Test
    void a_request_line_the_server_cannot_read_is_answered_in_the_api_s_error_shape() throws Exception {
        for (var target : List.of("/v1/orders/%zz", "/v1/orders/%2F..%2Fme", "/v1/catalogs/%")) {
            try (var socket = new java.net.Socket("127.0.0.1", termwise.baseUri().getPort())) {
                socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                var answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400"), target + " -> " + answer);
                assertTrue(answer.toLowerCase().contains("content-type: application/json"), answer);
                var json = AwsEvents.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("MALFORMED_REQUEST", json.at("/error/code").asText(), answer);
            }
        }
    }
}
