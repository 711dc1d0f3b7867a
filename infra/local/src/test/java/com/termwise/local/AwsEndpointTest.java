package com.termwise.local;

import com.termwise.emulators.LocalAws;
import com.termwise.emulators.MotoServer;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code AWS_ENDPOINT_URL=... infra/local/run}: the runner keeps its state at that AWS (LocalStack; here moto_server,
 * which speaks the same APIs) instead of its embedded emulators: the table and the queue are created there, and the
 * mail and events go out through SES and EventBridge there. A second runner on the same endpoint sees the first's data.
 */
class AwsEndpointTest {

    MotoServer moto;
    LocalTermwise termwise;

    @AfterEach
    void stop() {
        if (termwise != null) termwise.close();
        if (moto != null) moto.close();
    }

    @Test
    void the_runner_keeps_its_state_and_sends_its_mail_at_the_aws_endpoint_given() throws Exception {
        moto = MotoServer.startIfInstalled().orElse(null);
        Assumptions.assumeTrue(moto != null, "moto_server is not installed");
        var endpoint = moto.endpoint();
        termwise = LocalTermwise.start(0, Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "TERMWISE_CLOCK", "2026-03-02T10:00:00Z"));
        var api = new Api(termwise.baseUri());
        var token = api.token("ava");
        var started = api.checkout(token, AccountActionsJourneyTest.annual(false, false));
        api.pay(started, StripeSandbox.VISA);
        assertEquals("ACCEPTED", api.get("/v1/orders/" + started.text("/orderId"), token).text("/state"));

        try (var dynamo = LocalAws.client(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()), endpoint);
             var sqs = LocalAws.client(software.amazon.awssdk.services.sqs.SqsClient.builder()
                     .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()), endpoint)) {
            var items = dynamo.scan(b -> b.tableName(com.termwise.emulators.LocalDynamo.TABLE)).items();
            assertTrue(items.stream().anyMatch(i -> i.get("SK").s().equals("ORDER#" + started.text("/orderId"))), "the order is at the endpoint");
            assertTrue(sqs.listQueues().queueUrls().stream().anyMatch(u -> u.endsWith("/termwise-renewals")), "the renewal queue is at the endpoint");
        }
        var sent = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(sent.contains("ava@example.test"), "the acceptance mail went out through SES at the endpoint");

        termwise.close();
        termwise = LocalTermwise.start(0, Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "TERMWISE_CLOCK", "2026-03-02T11:00:00Z"));
        var again = new Api(termwise.baseUri());
        assertEquals("ACCEPTED", again.get("/v1/orders/" + started.text("/orderId"), again.token("ava")).text("/state"), "a restart keeps the state");
    }
}
