package com.termwise.adapters.runtime;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.adapters.stripe.StripePaymentGateway;
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

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
        var catalogs = CompletableFuture.supplyAsync(Catalogs::builtIn, Wiring::startThread);
        var dynamo = dynamo();
        var wiring = from(System.getenv(), dynamo, Clock.systemUTC(), catalogs);
        SnapStartPriming.register(wiring, dynamo, required(System.getenv(), "TABLE_NAME"));
        return wiring;
    }

    /** One short-lived platform thread, not the common pool (whose threads would outlive init for nothing). */
    private static void startThread(Runnable work) {
        Thread.ofPlatform().name("termwise-init").daemon().start(work);
    }

    public static Wiring from(Map<String, String> env, DynamoDbClient dynamo, Clock clock) {
        return from(env, dynamo, clock, CompletableFuture.completedFuture(Catalogs.builtIn()));
    }

    /**
     * {@code catalogs} may still be loading: Lambda's init builds the SDK and Stripe clients on its
     * thread while the catalogs are parsed and checked on another (about 130 ms each way, docs/benchmarks.md).
     */
    private static Wiring from(Map<String, String> env, DynamoDbClient dynamo, Clock clock, CompletableFuture<Catalogs> catalogs) {
        var table = required(env, "TABLE_NAME");
        var stripe = StripePaymentGateway.client(required(env, "STRIPE_API_KEY"), env.get("STRIPE_API_BASE"));
        var returnUrl = Optional.ofNullable(env.get("CHECKOUT_RETURN_URL")).orElse("https://termwise.example/orders/{ORDER_ID}");
        var authenticateUrl = Optional.ofNullable(env.get("PAYMENT_AUTHENTICATION_URL"))
                .orElse("https://termwise.example/payments/{PAYMENT_INTENT}/authenticate");
        var payments = new StripePaymentGateway(stripe, returnUrl);
        var events = new StripeEvents(required(env, "STRIPE_WEBHOOK_SECRET"), Clock.systemUTC());
        return new Wiring(catalogs.join(), new DynamoStateStore(dynamo, table, clock), payments, events, clock, new Ids(), authenticateUrl);
    }

    /** The SDK's own resolution picks up AWS_REGION and, where set, AWS_ENDPOINT_URL (LocalStack). */
    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static String required(Map<String, String> env, String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }
}
