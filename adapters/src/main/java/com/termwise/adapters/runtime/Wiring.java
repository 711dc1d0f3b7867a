package com.termwise.adapters.runtime;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.adapters.aws.EventBridgePublisher;
import com.termwise.adapters.aws.SesMailer;
import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.app.ActionRunner;
import com.termwise.app.Dispatcher;
import com.termwise.app.OutboxRelay;
import com.termwise.app.RenewalQueue;
import com.termwise.app.RenewalSweep;
import com.termwise.app.Renewals;
import com.termwise.app.CheckoutService;
import com.termwise.app.Operations;
import com.termwise.app.RefundSender;
import com.termwise.app.Ids;
import com.termwise.app.PaymentGateway;
import com.termwise.app.PaymentOutcomes;
import com.termwise.app.StateStore;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a function runs on, built once per container: the catalogs, the table, Stripe, the clock.
 * In AWS everything comes from the environment template.yaml sets; the local runner and the
 * tests build one around DynamoDB Local, the Stripe sandbox and a test clock.
 */
public record Wiring(Catalogs catalogs, StateStore store, PaymentGateway payments, StripeEvents stripeEvents, Clock clock, Ids ids,
                     String authenticateUrl) {

    public BusinessCalendar calendar() {
        return new BusinessCalendar(clock);
    }

    public CheckoutService checkout() {
        return new CheckoutService(catalogs, store, payments, calendar(), ids);
    }

    public RefundSender refunds() {
        return new RefundSender(store, payments, calendar());
    }

    public ActionRunner actions() {
        return new ActionRunner(catalogs, store, refunds(), calendar(), ids);
    }

    /** Operations run each customer's share through the function's one {@code ActionRunner}. */
    public Operations operations(ActionRunner actions) {
        return new Operations(catalogs, store, actions, calendar());
    }

    public PaymentOutcomes paymentOutcomes() {
        return new PaymentOutcomes(catalogs, store, calendar(), ids, authenticateUrl);
    }

    public RenewalSweep renewalSweep(RenewalQueue queue) {
        return new RenewalSweep(store, queue, clock);
    }

    /** The worker shares the function's one {@code ActionRunner}. */
    public Renewals renewals(ActionRunner actions) {
        return new Renewals(actions, payments, paymentOutcomes());
    }

    public Dispatcher dispatcher(ActionRunner actions) {
        return new Dispatcher(store, actions, refunds(), calendar());
    }

    public OutboxRelay relay(OutboxRelay.Mailer mailer, OutboxRelay.EventPublisher events) {
        return new OutboxRelay(store, mailer, events, clock);
    }

    /** From the Lambda environment: TABLE_NAME, STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET, and optionally STRIPE_API_BASE, CHECKOUT_RETURN_URL. */
    public static Wiring fromEnvironment() {
        return from(System.getenv(), dynamo(), Clock.systemUTC());
    }

    public static Wiring from(Map<String, String> env, DynamoDbClient dynamo, Clock clock) {
        var table = required(env, "TABLE_NAME");
        var stripe = StripePaymentGateway.client(required(env, "STRIPE_API_KEY"), env.get("STRIPE_API_BASE"));
        var returnUrl = Optional.ofNullable(env.get("CHECKOUT_RETURN_URL")).orElse("https://termwise.example/orders/{ORDER_ID}");
        var authenticateUrl = Optional.ofNullable(env.get("PAYMENT_AUTHENTICATION_URL"))
                .orElse("https://termwise.example/payments/{PAYMENT_INTENT}/authenticate");
        return new Wiring(Catalogs.builtIn(), new DynamoStateStore(dynamo, table, clock), new StripePaymentGateway(stripe, returnUrl),
                new StripeEvents(required(env, "STRIPE_WEBHOOK_SECRET"), Clock.systemUTC()), clock, new Ids(), authenticateUrl);
    }

    /** The renewal queue named by RENEWAL_QUEUE_URL. */
    public static SqsRenewalQueue renewalQueue(Map<String, String> env) {
        return new SqsRenewalQueue(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), required(env, "RENEWAL_QUEUE_URL"));
    }

    /** SES v2 (MAIL_FROM, SES_CONFIGURATION_SET) and EventBridge (EVENT_BUS_NAME), as the dispatch function sends through them. */
    public OutboxRelay awsRelay(Map<String, String> env) {
        var ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        var bus = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return relay(new SesMailer(ses, required(env, "MAIL_FROM"), required(env, "SES_CONFIGURATION_SET")),
                new EventBridgePublisher(bus, required(env, "EVENT_BUS_NAME")));
    }

    /** The SDK's own resolution picks up AWS_REGION and, where set, AWS_ENDPOINT_URL (LocalStack). */
    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String required(Map<String, String> env, String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }
}
