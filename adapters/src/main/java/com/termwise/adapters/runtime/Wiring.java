package com.termwise.adapters.runtime;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.app.ActionRunner;
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

/**
 * What a function runs on, built once per container: the catalogs, the table, Stripe, the clock.
 * In AWS everything comes from the environment template.yaml sets; the local runner and the
 * tests build one around DynamoDB Local, the Stripe sandbox and a test clock.
 */
public record Wiring(Catalogs catalogs, StateStore store, PaymentGateway payments, StripeEvents stripeEvents, Clock clock, Ids ids) {

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
        return new PaymentOutcomes(catalogs, store, calendar(), ids);
    }

    /** From the Lambda environment: TABLE_NAME, STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET, and optionally STRIPE_API_BASE, CHECKOUT_RETURN_URL. */
    public static Wiring fromEnvironment() {
        return from(System.getenv(), dynamo(), Clock.systemUTC());
    }

    public static Wiring from(Map<String, String> env, DynamoDbClient dynamo, Clock clock) {
        var table = required(env, "TABLE_NAME");
        var stripe = StripePaymentGateway.client(required(env, "STRIPE_API_KEY"), env.get("STRIPE_API_BASE"));
        var returnUrl = Optional.ofNullable(env.get("CHECKOUT_RETURN_URL")).orElse("https://termwise.example/orders/{ORDER_ID}");
        return new Wiring(Catalogs.builtIn(), new DynamoStateStore(dynamo, table, clock), new StripePaymentGateway(stripe, returnUrl),
                new StripeEvents(required(env, "STRIPE_WEBHOOK_SECRET"), Clock.systemUTC()), clock, new Ids());
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
