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
import com.termwise.app.PaymentGateway.CheckoutSession;
import com.termwise.app.PaymentGateway.CheckoutSessionRequest;
import com.termwise.app.PaymentGateway.IssuedRefund;
import com.termwise.app.PaymentGateway.OffSessionCharge;
import com.termwise.app.PaymentGateway.OffSessionRequest;
import com.termwise.app.PaymentGateway.RefundRequest;
import com.termwise.app.PaymentOutcomes;
import com.termwise.app.PaymentRecovery;
import com.termwise.app.StateStore;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a function runs on, built once per container: the catalogs, the table, Stripe, the clock.
 * In AWS everything comes from the environment template.yaml sets; the local runner and the
 * tests build one around DynamoDB Local, the Stripe sandbox and a test clock.
 */
public record Wiring(Catalogs catalogs, StateStore store, PaymentGateway payments, Supplier<StripeEvents> lazyStripeEvents,
                     Clock clock, Ids ids, String accountPageUrl) {

    /** Built on first use, like {@link #payments}: the webhook's signing secret is read on the first webhook, not at init. */
    public StripeEvents stripeEvents() {
        return lazyStripeEvents.get();
    }

    /**
     * Stripe, built on first use: the renewal sweep and dispatch never call it, so they never read a Stripe secret and
     * their artifacts carry no stripe-java; a function that does reads its secret once per container, on its first
     * Stripe call (SnapStart's snapshot never holds it).
     */
    private record FirstUse(Supplier<PaymentGateway> gateway) implements PaymentGateway {
        @Override
        public CheckoutSession openCheckout(CheckoutSessionRequest request) {
            return gateway.get().openCheckout(request);
        }

        @Override
        public CheckoutSession openPaymentPage(PaymentPageRequest request) {
            return gateway.get().openPaymentPage(request);
        }

        @Override
        public String closeCheckout(String sessionId) {
            return gateway.get().closeCheckout(sessionId);
        }

        @Override
        public CheckoutSession openCardSetup(CardSetupRequest request) {
            return gateway.get().openCardSetup(request);
        }

        @Override
        public IssuedRefund refund(RefundRequest request) {
            return gateway.get().refund(request);
        }

        @Override
        public OffSessionCharge chargeOffSession(OffSessionRequest request) {
            return gateway.get().chargeOffSession(request);
        }

        @Override
        public Optional<Card> card(String paymentMethodId) {
            return gateway.get().card(paymentMethodId);
        }

        @Override
        public java.util.List<Movement> movements(java.time.Instant from, java.time.Instant to) {
            return gateway.get().movements(from, to);
        }

        @Override
        public Optional<Movement> movement(String id) {
            return gateway.get().movement(id);
        }

        @Override
        public java.util.List<Movement> refundsOf(String chargeId) {
            return gateway.get().refundsOf(chargeId);
        }
    }

    /** The same wiring with Stripe reached through {@code payments} (a test that changes what a call does). */
    public Wiring withPayments(PaymentGateway payments) {
        return new Wiring(catalogs, store, payments, lazyStripeEvents, clock, ids, accountPageUrl);
    }

    public BusinessCalendar calendar() {
        return new BusinessCalendar(clock);
    }

    public CheckoutService checkout() {
        return new CheckoutService(catalogs, store, payments, calendar(), ids);
    }

    public PaymentRecovery paymentRecovery() {
        return new PaymentRecovery(store, payments, accountPageUrl);
    }

    public RefundSender refunds() {
        return new RefundSender(store, payments, calendar(), paymentOutcomes());
    }

    public ActionRunner actions() {
        return new ActionRunner(catalogs, store, refunds(), calendar(), ids);
    }

    /** Operations run each customer's share through the function's one {@code ActionRunner}. */
    public Operations operations(ActionRunner actions) {
        return new Operations(catalogs, store, actions, calendar());
    }

    public PaymentOutcomes paymentOutcomes() {
        return new PaymentOutcomes(catalogs, store, calendar(), ids, accountPageUrl);
    }

    public RenewalSweep renewalSweep(RenewalQueue queue) {
        return new RenewalSweep(store, queue, clock);
    }

    /** The worker shares the function's one {@code ActionRunner}. */
    public Renewals renewals(ActionRunner actions) {
        return new Renewals(actions, payments, paymentOutcomes());
    }

    public com.termwise.app.Reconciliation reconciliation() {
        return new com.termwise.app.Reconciliation(store, payments, ids, calendar());
    }

    public Dispatcher dispatcher(ActionRunner actions) {
        return new Dispatcher(store, actions, calendar());
    }

    public OutboxRelay relay(OutboxRelay.Mailer mailer, OutboxRelay.EventPublisher events) {
        return new OutboxRelay(store, mailer, events, clock);
    }

    /** From the Lambda environment: TABLE_NAME; for the functions that call Stripe STRIPE_API_KEY(_SECRET_ARN), for the webhook STRIPE_WEBHOOK_SECRET(_SECRET_ARN); optionally STRIPE_API_BASE, CHECKOUT_RETURN_URL, ACCOUNT_PAGE_URL. */
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
        var returnUrl = Optional.ofNullable(env.get("CHECKOUT_RETURN_URL")).orElse("https://termwise.example/orders/{ORDER_ID}");
        var accountPageUrl = Optional.ofNullable(env.get("ACCOUNT_PAGE_URL")).orElse("https://termwise.example/account/");
        var payments = new FirstUse(once(() -> new StripePaymentGateway(
                StripePaymentGateway.client(secret(env, "STRIPE_API_KEY", "STRIPE_API_KEY_SECRET_ARN", "sk_", "rk_"), env.get("STRIPE_API_BASE")), returnUrl)));
        Supplier<StripeEvents> events = once(() -> new StripeEvents(secret(env, "STRIPE_WEBHOOK_SECRET", "STRIPE_WEBHOOK_SECRET_ARN", "whsec_"), Clock.systemUTC()));
        return new Wiring(catalogs.join(), new DynamoStateStore(dynamo, table, clock), payments, events, clock, new Ids(), accountPageUrl);
    }

    /** The SDK's own resolution picks up AWS_REGION and, where set, AWS_ENDPOINT_URL (LocalStack). */
    public static DynamoDbClient dynamo() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    /**
     * A secret: in AWS from Secrets Manager, named by {@code arnVariable} (template.yaml); on a laptop the plain
     * {@code name} variable the local runner sets.
     */
    static String secret(Map<String, String> env, String name, String arnVariable, String... prefixes) {
        var arn = env.get(arnVariable);
        return arn == null || arn.isBlank() ? required(env, name) : SecretValue.read(arn, arnVariable, prefixes);
    }

    private static <T> Supplier<T> once(Supplier<T> make) {
        var made = new java.util.concurrent.atomic.AtomicReference<T>();
        return () -> {
            var value = made.get();
            if (value == null) {
                synchronized (made) {
                    value = made.get();
                    if (value == null) made.set(value = make.get());
                }
            }
            return value;
        };
    }

    public static String required(Map<String, String> env, String name) {
        var value = env.get(name);
        if (value == null || value.isBlank()) throw new IllegalStateException("environment variable " + name + " is not set");
        return value;
    }
}
