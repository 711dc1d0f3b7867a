package com.termwise.adapters;

import com.termwise.adapters.aws.EventBridgePublisher;
import com.termwise.adapters.aws.SesMailer;
import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.app.OutboxRecord;
import com.termwise.app.RenewalQueue;
import com.termwise.emulators.LocalAws;
import com.termwise.emulators.MotoServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The SES and EventBridge adapters against an AWS endpoint: {@code moto_server} (started here on a
 * free 127.0.0.1 port, installed on these machines; elsewhere {@code pip install 'moto[server]'}),
 * or the endpoint in {@code AWS_ENDPOINT_URL} (LocalStack). The SQS adapter against the in-process
 * SQS server (ElasticMQ). Each asserts what a customer or the courier would receive.
 */
class AwsMessagingTest {

    static MotoServer moto;
    static URI endpoint;

    @BeforeAll
    static void startEndpoint() throws Exception {
        var given = System.getenv("AWS_ENDPOINT_URL");
        if (given != null && !given.isBlank()) {
            endpoint = URI.create(given);
            return;
        }
        moto = MotoServer.startIfInstalled().orElse(null);
        Assumptions.assumeTrue(moto != null, "moto_server is not installed (pip install 'moto[server]') and AWS_ENDPOINT_URL is not set");
        endpoint = moto.endpoint();
    }

    @AfterAll
    static void stopEndpoint() {
        if (moto != null) moto.close();
    }

    static String http(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(B builder) {
        return LocalAws.client(builder, endpoint);
    }

    static OutboxRecord mail() {
        return new OutboxRecord("out_1", "cust-1", OutboxRecord.Channel.MAIL, "renewal-reminder", Optional.of("ann@example.test"),
                "Your Annual Subscription renews on 2027-03-02",
                "Hello Ann,\n\nYour Annual Subscription renews automatically on 2027-03-02 for £149.00. (online-courses 13.1)\n",
                Optional.of("<p>Hello Ann,</p><p>Your Annual Subscription renews automatically on 2027-03-02 for £149.00. (online-courses 13.1)</p>"),
                Instant.parse("2027-01-31T07:00:00Z"));
    }

    @Test
    void a_mail_goes_out_through_ses_with_its_configuration_set_in_text_and_html() throws Exception {
        try (var ses = client(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()))) {
            ses.createEmailIdentity(b -> b.emailIdentity("no-reply@termwise.example"));
            ses.createConfigurationSet(b -> b.configurationSetName("termwise-mail"));
            new SesMailer(ses, "no-reply@termwise.example", "termwise-mail").send(mail());
        }
        var sent = http(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET());
        assertTrue(sent.contains("ann@example.test"), sent);
        assertTrue(sent.contains("Your Annual Subscription renews on 2027-03-02"), sent);
        assertTrue(sent.contains("online-courses 13.1"), sent);
    }

    @Test
    void a_domain_event_reaches_the_bus_and_a_rule_routes_it_to_the_courier_queue() throws Exception {
        try (var events = client(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()));
             var sqs = client(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()))) {
            events.createEventBus(b -> b.name("termwise"));
            var queueUrl = sqs.createQueue(b -> b.queueName("courier")).queueUrl();
            var queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            events.putRule(b -> b.name("deliveries").eventBusName("termwise")
                    .eventPattern("{\"source\":[\"termwise\"],\"detail-type\":[\"DeliveryDispatched\"]}"));
            events.putTargets(b -> b.rule("deliveries").eventBusName("termwise").targets(t -> t.id("courier").arn(queueArn)));

            var dispatched = new OutboxRecord("out_2", "cust-1", OutboxRecord.Channel.EVENT, "DeliveryDispatched", Optional.empty(),
                    "DeliveryDispatched", "{\"deliveryId\":\"del_1\",\"month\":\"2\",\"deliveryDate\":\"2026-02-06\",\"postcode\":\"LS1 4AP\"}",
                    Optional.empty(), Instant.parse("2026-02-05T07:00:00Z"));
            new EventBridgePublisher(events, "termwise").publish(dispatched);

            var received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2).maxNumberOfMessages(10)).messages();
            assertEquals(1, received.size());
            var envelope = new com.fasterxml.jackson.databind.ObjectMapper().readTree(received.getFirst().body());
            assertEquals("termwise", envelope.get("source").asText());
            assertEquals("DeliveryDispatched", envelope.get("detail-type").asText());
            assertEquals("LS1 4AP", envelope.at("/detail/postcode").asText());
            assertEquals("2026-02-06", envelope.at("/detail/deliveryDate").asText());
        }
    }

    @Test
    void due_renewals_travel_the_queue_in_batches_and_nothing_personal_rides_on_it() {
        var server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        try (var sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort()))
                .region(Region.EU_WEST_2).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            var url = sqs.createQueue(b -> b.queueName("renewals")).queueUrl();
            var due = new java.util.ArrayList<RenewalQueue.DueRenewal>();
            for (int i = 0; i < 23; i++) due.add(new RenewalQueue.DueRenewal("cust-" + i, "sub_" + i));
            new SqsRenewalQueue(sqs, url).send(due);
            var got = new java.util.HashSet<RenewalQueue.DueRenewal>();
            for (int round = 0; round < 10 && got.size() < 23; round++) {
                for (var m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()) {
                    got.add(SqsRenewalQueue.parse(m.body()));
                    assertFalse(m.body().contains("@"), "ids only: " + m.body());
                }
            }
            assertEquals(new java.util.HashSet<>(due), got);
        } finally {
            server.stopAndWait();
        }
    }
}
