package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.emulators.MotoServer;
import com.termwise.lambdaruntime.RuntimeApi;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every function started from its own deployment jar by AWS's Lambda runtime interface client
 * ({@link LambdaFunctions}), with the environment template.yaml gives it, fed events in the shapes
 * AWS documents ({@link AwsEvents}) and the inputs the template's schedules send, against DynamoDB
 * Local, the SQS server and the Stripe sandbox of a local runner. The assertions are the shapes API
 * Gateway and SQS read back, and what the customer then sees.
 *
 * <p>A meal plan bought 29 days ago (the runner's clock, then moved to now) is due for renewal in real
 * time, which is the only clock a function in its own JVM has.
 */
class LambdaRuntimeContractTest {

    static LocalTermwise termwise;
    static Api api;
    static StripeSandbox stripe;
    static MotoServer moto;
    static LambdaFunctions lambdas;
    static String megSubscription;

    @BeforeAll
    static void start() throws Exception {
        var now = Instant.now();
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", now.minus(Duration.ofDays(29)).toString()));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
        var meg = api.token("meg");
        api.pay(api.checkout(meg, onTheRealClock(PurchaseJourneyTest.mealPlan("SW1A 1AA"))), StripeSandbox.VISA);
        megSubscription = api.get("/v1/me", meg).text("/subscriptions/0/id");
        api.pay(api.checkout(api.token("raj"), onTheRealClock(PurchaseJourneyTest.mealPlan("SW1A 2AA"))), StripeSandbox.VISA);
        assertEquals(200, api.post("/_local/clock", null, "{\"now\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}").status());
        moto = MotoServer.startIfInstalled().orElseThrow(() -> new IllegalStateException(
                "moto_server is not installed: the dispatch function's SES and EventBridge need it (see README)"));
        try (var ses = com.termwise.emulators.LocalAws.client(software.amazon.awssdk.services.sesv2.SesV2Client.builder(), moto.endpoint());
             var bus = com.termwise.emulators.LocalAws.client(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder(), moto.endpoint())) {
            ses.createEmailIdentity(b -> b.emailIdentity("no-reply@termwise.test"));
            ses.createConfigurationSet(b -> b.configurationSetName("termwise-local-mail"));
            bus.createEventBus(b -> b.name("termwise-local"));
        }
        lambdas = termwise.lambdaFunctions(moto.endpoint(), Map.of("EventBus", "termwise-local", "MailConfigurationSet", "termwise-local-mail",
                "MailFrom", "Termwise <no-reply@termwise.test>"));
        lambdas.warm(List.of("CheckoutFunction", "WebhookFunction", "CancelFunction", "RefundFunction", "RefundRetryFunction",
                "RenewSweepFunction", "RenewWorkerFunction", "DispatchFunction"));
    }

    /** These purchases run on today's date, so from DMCC 2024 commencement (s.257) they carry the acknowledgement a renewing plan needs. */
    static String onTheRealClock(String checkoutBody) {
        return TermsOverTimeJourneyTest.acknowledged(checkoutBody);
    }

    @AfterAll
    static void stop() {
        if (lambdas != null) lambdas.close();
        if (moto != null) moto.close();
        termwise.close();
    }

    static JsonNode response(RuntimeApi.Outcome outcome, String function) {
        if (outcome instanceof RuntimeApi.Outcome.Error error) {
            fail(function + " failed: " + error.errorType() + " " + error.body() + "\n" + String.join("\n", lambdas.environment(function).log()));
        }
        try {
            return AwsEvents.JSON.readTree(((RuntimeApi.Outcome.Response) outcome).payload());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What API Gateway reads back from a payload 2.0 integration: an int status, string headers, a string body. */
    static JsonNode apiResponse(String function, String event, int status) throws Exception {
        var out = response(lambdas.invoke(function, event), function);
        assertTrue(out.get("statusCode").isInt(), out.toString());
        if (status != out.get("statusCode").asInt()) {
            Thread.sleep(500); // the function's last lines, as CloudWatch Logs would show them
            fail(out + "\n" + String.join("\n", lambdas.environment(function).log()));
        }
        assertTrue(out.get("headers").isObject(), out.toString());
        out.get("headers").properties().forEach(h -> assertTrue(h.getValue().isTextual(), h.getKey()));
        var contentType = out.get("headers").properties().stream().filter(h -> h.getKey().equalsIgnoreCase("content-type")).findFirst();
        assertTrue(contentType.isPresent() && contentType.get().getValue().asText().startsWith("application/json"), out.toString());
        assertFalse(out.path("isBase64Encoded").asBoolean(), out.toString());
        return AwsEvents.JSON.readTree(out.get("body").asText());
    }

    @Test
    void checkout_through_the_runtime_takes_a_base64_body_and_the_authorizer_s_claims_and_the_webhook_function_accepts_the_order() throws Exception {
        var catalog = apiResponse("CheckoutFunction", AwsEvents.httpApi("GET", "/v1/catalogs/{catalog}", "/v1/catalogs/meal-plans",
                Map.of("catalog", "meal-plans"), null, null, false), 200);
        assertEquals("meal-plans", catalog.get("id").asText(), catalog.toString());

        var ann = AwsEvents.claims("ann-rt", "cognito:groups", null);
        var started = apiResponse("CheckoutFunction", AwsEvents.httpApi("POST", "/v1/checkout", "/v1/checkout", Map.of(), ann,
                onTheRealClock(PurchaseJourneyTest.ANNUAL), true), 201);
        var orderId = started.get("orderId").asText();
        assertTrue(started.get("checkoutUrl").asText().startsWith(stripe.apiBase()), started.toString());

        // Stripe's hosted page; its webhooks go to the webhook function as API Gateway delivers them
        stripe.holdWebhooks();
        stripe.completeCheckout(started.get("sessionId").asText(), StripeSandbox.VISA);
        var held = stripe.takeHeld();
        assertFalse(held.isEmpty());
        for (var payload : held) {
            var signature = StripeSandbox.WebhookSignature.header(payload, stripe.signingSecret(), Instant.now().getEpochSecond());
            var ack = apiResponse("WebhookFunction", AwsEvents.httpApi("POST", "/v1/stripe/webhook", "/v1/stripe/webhook", Map.of(), null,
                    payload, false, Map.of("Stripe-Signature", signature)), 200);
            assertNotNull(ack);
        }
        var forged = StripeSandbox.WebhookSignature.header(held.get(0), "whsec_not_the_secret", Instant.now().getEpochSecond());
        apiResponse("WebhookFunction", AwsEvents.httpApi("POST", "/v1/stripe/webhook", "/v1/stripe/webhook", Map.of(), null,
                held.get(0), false, Map.of("Stripe-Signature", forged)), 400);

        var order = apiResponse("CheckoutFunction", AwsEvents.httpApi("GET", "/v1/orders/{orderId}", "/v1/orders/" + orderId,
                Map.of("orderId", orderId), ann, null, false), 200);
        assertEquals("ACCEPTED", order.get("state").asText(), order.toString());
        assertEquals(14900, order.at("/paid/amount").asLong(), order.toString());

        // the acceptance mail the webhook function wrote to the outbox goes out through the dispatch function's SES
        var relayed = response(lambdas.invoke("DispatchFunction", lambdas.scheduleInput("OutboxSchedule")), "DispatchFunction");
        assertTrue(relayed.get("relayed").asInt() >= 1, relayed.toString());
        var sent = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/data.json")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(sent.contains("ann-rt@example.test") && sent.contains("online-courses 3.1"), sent);

        // another customer cannot read it
        apiResponse("CheckoutFunction", AwsEvents.httpApi("GET", "/v1/orders/{orderId}", "/v1/orders/" + orderId,
                Map.of("orderId", orderId), AwsEvents.claims("bob-rt", "cognito:groups", null), null, false), 404);
    }

    @Test
    void cancel_and_refund_decide_through_the_runtime_and_operators_are_known_by_cognito_groups() throws Exception {
        var meg = AwsEvents.claims("meg", "cognito:groups", null);
        var preview = apiResponse("CancelFunction", AwsEvents.httpApi("POST", "/v1/subscriptions/{id}/cancel",
                "/v1/subscriptions/" + megSubscription + "/cancel", Map.of("id", megSubscription), meg, "{\"preview\":true}", true), 200);
        assertTrue(preview.has("outcome") && preview.has("effectiveDate") && preview.get("reasons").isArray(), preview.toString());

        var promotion = "{\"catalog\":\"online-courses\",\"code\":\"RUNTIME10\",\"percentOff\":10}";
        // a customer is not an operator, whatever the route
        apiResponse("RefundFunction", AwsEvents.httpApi("POST", "/v1/admin/promotions", "/v1/admin/promotions", Map.of(), meg, promotion, false), 403);
        // Cognito's groups claim, flattened by API Gateway
        var admin = AwsEvents.claims("op-1", "cognito:groups", "[admin service]");
        var offer = apiResponse("RefundFunction", AwsEvents.httpApi("POST", "/v1/admin/promotions", "/v1/admin/promotions",
                Map.of(), admin, promotion, false), 201);
        assertEquals("RUNTIME10", offer.get("code").asText(), offer.toString());
    }

    @Test
    void the_scheduled_sweep_queues_the_due_renewal_and_the_worker_charges_it_reporting_only_the_malformed_message() throws Exception {
        var input = lambdas.scheduleInput("RenewalSweepSchedule");
        assertEquals("{\"run\": \"renew\"}", input);
        var swept = response(lambdas.invoke("RenewSweepFunction", input), "RenewSweepFunction");
        assertEquals(2, swept.get("queued").asInt(), swept.toString());

        var messages = new ArrayList<AwsEvents.Message>();
        try (var sqs = SqsClient.builder().endpointOverride(URI.create(termwise.renewalQueueUrl()).resolve("/"))
                .region(Region.EU_WEST_2).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            for (var m : sqs.receiveMessage(b -> b.queueUrl(termwise.renewalQueueUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                messages.add(new AwsEvents.Message(m.messageId(), m.receiptHandle(), m.body()));
            }
        }
        assertEquals(2, messages.size());
        var malformed = new AwsEvents.Message("9f1c7d2e-0000-4000-8000-000000000001", "AQEBmalformed", "not a renewal");
        messages.add(1, malformed); // between the two good ones
        var batch = response(lambdas.invoke("RenewWorkerFunction",
                AwsEvents.sqs("arn:aws:sqs:eu-west-2:000000000000:termwise-renewals", messages)), "RenewWorkerFunction");
        // SQS's partial batch response: exactly the malformed message is retried
        assertEquals(1, batch.size(), batch.toString());
        assertEquals(List.of(malformed.messageId()), batch.get("batchItemFailures").findValuesAsText("itemIdentifier"), batch.toString());

        for (var customer : List.of("meg", "raj")) {
            var me = apiResponse("CheckoutFunction", AwsEvents.httpApi("GET", "/v1/me", "/v1/me", Map.of(),
                    AwsEvents.claims(customer, "cognito:groups", null), null, false), 200);
            var paid = me.get("payments").findValuesAsText("status").stream().filter("succeeded"::equals).count();
            assertEquals(2, paid, customer + ": the first month and the renewal: " + me.get("payments"));
        }

        // the refund function's retry schedule: nothing is waiting for Stripe, and it says so in the shape the template's schedule reads
        var retried = response(lambdas.invoke("RefundRetryFunction", lambdas.scheduleInput("RefundRetrySchedule")), "RefundRetryFunction");
        assertEquals(0, retried.get("refundsSent").asInt(), retried.toString());
    }

    @Test
    void as_a_snapstart_version_the_runtime_primes_before_the_snapshot_and_the_restored_environment_serves() throws Exception {
        try (var env = lambdas.start("CheckoutFunction", true, Map.of())) {
            var init = env.awaitInit(Duration.ofSeconds(60));
            assertEquals(new RuntimeApi.Init.Ready(true), init, String.join("\n", env.log()));
            var out = response(env.invoke(AwsEvents.httpApi("GET", "/v1/catalogs", "/v1/catalogs", Map.of(), null, null, false)), "CheckoutFunction");
            assertEquals(200, out.get("statusCode").asInt(), out.toString());
        }
    }

    @Test
    void snapstart_priming_that_cannot_reach_dynamodb_fails_the_version_naming_the_table_and_what_to_check() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (var env = lambdas.start("CheckoutFunction", true, Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + closed))) {
            var init = env.awaitInit(Duration.ofSeconds(90));
            var failed = assertInstanceOf(RuntimeApi.Init.Failed.class, init, String.join("\n", env.log()));
            assertEquals("Runtime.BeforeCheckpointError", failed.errorType(), failed.body());
            var said = failed.body() + "\n" + String.join("\n", env.log());
            assertTrue(said.contains("SnapStart priming could not read the table " + com.termwise.emulators.LocalDynamo.TABLE), said);
            for (int i = 0; i < 50 && env.running(); i++) Thread.sleep(100);
            assertFalse(env.running(), "the runtime exits: Lambda does not publish the version");
        }
    }
}
