package com.termwise.functions.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CheckoutHandlerTest {

    final CheckoutHandler handler = new CheckoutHandler();

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
        assertTrue(body.contains("{\"rule\":\"CancelAtPeriodEnd\",\"clause\":\"meal-plans 9(c)(1)\"}"), body);
    }

    @Test
    void an_unknown_catalog_is_404_with_an_error_body() {
        var response = handler.handleRequest(get("GET /v1/catalogs/{catalog}", Map.of("catalog", "gym")), null);
        assertEquals(404, response.getStatusCode());
        assertEquals("{\"error\":{\"code\":\"CATALOG_NOT_FOUND\",\"message\":\"There is no catalog 'gym'.\"}}", response.getBody());
    }
}
