package com.termwise.functions.refund;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.termwise.adapters.runtime.TermwiseContext;
import io.micronaut.context.ApplicationContext;
import com.termwise.emulators.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The refund function as Lambda runs it, on the sample events of {@code events/}, against DynamoDB Local. */
class RefundHandlerTest {

    static LocalDynamo dynamo;
    static ApplicationContext context;
    static RefundHandler handler;
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @BeforeAll
    static void build() {
        dynamo = LocalDynamo.start();
        context = TermwiseContext.start(Map.of("table.name", LocalDynamo.TABLE, "stripe.api-key", "sk_test_unused", "stripe.webhook-secret", "whsec_unused"),
                dynamo.client(), java.time.Clock.fixed(java.time.Instant.parse("2026-03-02T10:00:00Z"), java.time.ZoneOffset.UTC));
        handler = new RefundHandler(context);
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    static APIGatewayV2HTTPEvent sample(String name) throws Exception {
        return JSON.readValue(Files.readString(Path.of("../../events/" + name + ".json")), APIGatewayV2HTTPEvent.class);
    }

    @Test
    void an_operator_creates_an_offer_once_with_the_catalogs_expiry() throws Exception {
        var created = handler.handleRequest(sample("refund-admin-promotion"), null);
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("{\"catalog\":\"online-courses\",\"code\":\"SPRING25\",\"percentOff\":25,\"validFrom\":\"2026-03-02\",\"expiresOn\":\"2026-04-01\"}",
                created.getBody());
        assertEquals(25, context.getBean(com.termwise.app.StateStore.class).promotion("online-courses", "SPRING25").orElseThrow().percentOff());
        assertEquals(409, handler.handleRequest(sample("refund-admin-promotion"), null).getStatusCode());
    }

    @Test
    void operators_routes_need_the_admin_group() throws Exception {
        for (var name : new String[]{"refund-admin-promotion", "refund-admin-price-change", "refund-admin-withdraw-course", "refund-admin-for-cause"}) {
            var event = sample(name);
            event.getRequestContext().getAuthorizer().getJwt().getClaims().remove("groups");
            var response = handler.handleRequest(event, null);
            assertEquals(403, response.getStatusCode(), name);
        }
    }

    @Test
    void a_refund_of_an_order_the_customer_does_not_have_is_404_and_a_price_change_with_no_subscribers_reaches_nobody() throws Exception {
        var missing = handler.handleRequest(sample("refund-order"), null);
        assertEquals(404, missing.getStatusCode());
        assertTrue(missing.getBody().contains("ORDER_NOT_FOUND"), missing.getBody());
        var change = handler.handleRequest(sample("refund-admin-price-change"), null);
        assertEquals(200, change.getStatusCode(), change.getBody());
        assertEquals("{\"plan\":\"3-month\",\"reached\":0,\"customers\":[]}", change.getBody());
    }
}
