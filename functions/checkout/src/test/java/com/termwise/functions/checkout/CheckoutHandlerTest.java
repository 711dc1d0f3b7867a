package com.termwise.functions.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.termwise.adapters.runtime.TermwiseContext;
import com.termwise.emulators.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CheckoutHandlerTest {

    static LocalDynamo dynamo;
    static CheckoutHandler handler;

    /** The catalog routes touch neither the table nor Stripe; the handler is still built as in a container. */
    @BeforeAll
    static void build() {
        dynamo = LocalDynamo.start();
        handler = new CheckoutHandler(TermwiseContext.start(Map.of("table.name", LocalDynamo.TABLE, "stripe.api-key", "sk_test_unused",
                "stripe.webhook-secret", "whsec_unused"), dynamo.client(), java.time.Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    static APIGatewayV2HTTPEvent get(String routeKey, Map<String, String> path) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(routeKey).withPathParameters(path).build();
    }

    @Test
    void lists_the_three_catalogs() {
        var response = handler.handleRequest(get("GET /v1/catalogs", null), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("{\"catalogs\":[{\"id\":\"online-courses\",\"name\":\"Janets\",\"currency\":\"GBP\"},"
                + "{\"id\":\"course-provider\",\"name\":\"EtonX\",\"currency\":\"GBP\"},"
                + "{\"id\":\"meal-plans\",\"name\":\"Jane Plan\",\"currency\":\"GBP\"}]}", response.getBody());
    }

    @Test
    void shows_a_catalogs_plans_with_prices_and_the_clause_of_every_term() {
        var body = handler.handleRequest(get("GET /v1/catalogs/{catalog}", Map.of("catalog", "meal-plans")), null).getBody();
        assertTrue(body.contains("{\"id\":\"3-month\",\"name\":\"3 Month Plan\",\"price\":{\"amount\":15900,\"currency\":\"GBP\"}"), body);
        assertTrue(body.contains("{\"rule\":\"CancelAtPeriodEnd\",\"clause\":\"meal-plans 9(c)(1)\",\"text\":\"You may cancel the next renewal of your Pay Monthly Plan"), body);
        assertTrue(body.contains("\"deliveryCharges\":{\"standard\":{\"amount\":495,\"currency\":\"GBP\"}"), body);
    }

    @Test
    void an_unknown_catalog_is_404_with_an_error_body() {
        var response = handler.handleRequest(get("GET /v1/catalogs/{catalog}", Map.of("catalog", "gym")), null);
        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":{\"code\":\"CATALOG_NOT_FOUND\",\"message\":\"There is no catalog 'gym'.\"}}", response.getBody());
    }

    @Test
    void the_health_route_answers_without_a_token() throws Exception {
        var event = new com.fasterxml.jackson.databind.ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(java.nio.file.Files.readString(java.nio.file.Path.of("../../events/checkout-health.json")),
                APIGatewayV2HTTPEvent.class);
        var response = handler.handleRequest(event, null);
        assertEquals(200, response.getStatusCode());
        assertTrue(response.getBody().startsWith("{\"status\":\"ok\",\"catalogs\":3,\"time\":"), response.getBody());
    }
}
