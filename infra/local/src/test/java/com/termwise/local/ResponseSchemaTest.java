package com.termwise.local;

import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static com.termwise.local.AccountActionsJourneyTest.annual;
import static com.termwise.local.AccountActionsJourneyTest.course;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * openapi.yaml's response schemas against real responses. Every journey's client checks each answer
 * ({@link OpenApiContract}); here, one customer of each business reads everything the account page reads, and every
 * route customers read is held to have a schema, so a route cannot leave the contract unchecked by declaring none.
 */
class ResponseSchemaTest extends SandboxJourney {

    /** What the account page and a checkout read: each must declare its response's shape. */
    static final List<String> READ_BY_CUSTOMERS = List.of("GET /v1/health 200", "GET /v1/catalogs 200", "GET /v1/catalogs/{catalog} 200",
            "POST /v1/checkout 200", "POST /v1/checkout 201", "GET /v1/orders/{orderId} 200", "GET /v1/subscriptions/{id} 200", "GET /v1/me 200",
            "POST /v1/subscriptions/{id}/cancel 200", "POST /v1/deliveries/{deliveryId}/delay 200",
            "GET /v1/orders/{orderId} 404");

    @Test
    void every_answer_a_customer_reads_matches_its_declared_shape() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var meg = api.token("schema-meg");
        var ann = api.token("schema-ann");
        var cara = api.token("schema-cara");
        api.get("/v1/health", null);
        api.get("/v1/catalogs", null);
        for (var catalog : List.of("meal-plans", "online-courses", "course-provider")) api.get("/v1/catalogs/" + catalog, null);
        assertEquals(200, api.post("/v1/checkout", meg, mealPlan("3-month").replaceFirst("\\{", "{\"preview\":true,")).status());
        buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        var annualOrder = buy(ann, annual(true, true), StripeSandbox.VISA);
        buy(cara, course("course-provider", "leadership", false), StripeSandbox.VISA);
        api.advanceDays(3);
        for (var token : List.of(meg, ann, cara)) {
            var me = me(token);
            for (var order : me.at("/orders")) api.get("/v1/orders/" + order.get("orderId").asText(), token);
            for (var s : me.at("/subscriptions")) {
                api.get("/v1/subscriptions/" + s.get("id").asText(), token);
                api.post("/v1/subscriptions/" + s.get("id").asText() + "/cancel", token, "{\"preview\":true}");
            }
            for (var d : me.at("/deliveries")) if (d.get("month").asInt() == 2) {
                api.post("/v1/deliveries/" + d.get("id").asText() + "/delay", token, "{\"preview\":true,\"days\":7}");
            }
        }
        api.post("/v1/orders/" + annualOrder + "/cancel", ann, "{\"preview\":true}");
        api.get("/v1/orders/ord_nobody", meg);

        var missing = new TreeMap<String, Boolean>();
        for (var route : READ_BY_CUSTOMERS) {
            if (!Boolean.TRUE.equals(OpenApiContract.OPENAPI.seen.get(route))) missing.put(route, OpenApiContract.OPENAPI.seen.containsKey(route));
        }
        assertTrue(missing.isEmpty(), "without a checked schema (true: answered, but openapi.yaml declares no schema): " + missing);
    }

    /** The check can fail: a subscription without its state, or with a field the contract does not name, is caught. */
    @Test
    void a_response_that_strays_from_its_schema_fails() {
        var wrong = """
                {"id":"sub_1","catalog":"meal-plans","termsVersion":"2024-01-01","plan":"3-month","periodPrice":{"amount":16395,"currency":"GBP"},"scheduledChanges":[],"allowedActions":[]}""";
        var failure = assertThrows(AssertionError.class, () -> OpenApiContract.OPENAPI.check("GET", "/v1/subscriptions/sub_1", 200, wrong));
        assertTrue(failure.getMessage().contains("state"), failure.getMessage());
        var extra = wrong.replace("\"id\":\"sub_1\",", "\"id\":\"sub_1\",\"state\":\"ACTIVE\",\"colour\":\"red\",");
        assertThrows(AssertionError.class, () -> OpenApiContract.OPENAPI.check("GET", "/v1/subscriptions/sub_1", 200, extra));
        OpenApiContract.OPENAPI.check("GET", "/v1/subscriptions/sub_1", 200, extra.replace(",\"colour\":\"red\"", ""));
    }
}
