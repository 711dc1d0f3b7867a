package com.termwise.local;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.app.Changes;
import com.termwise.app.CustomerProfile;
import com.termwise.app.Purchase;
import com.termwise.app.RenewalSweep;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;
import com.termwise.emulators.LocalDynamo;
import com.termwise.stripesandbox.StripeSandbox;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 5's scale run: SUBSCRIPTIONS (default 100,000) rolling meal plans in DynamoDB Local with
 * renewals spread evenly over 28 days; one day's sweep, counting the index entries its queries
 * read per due renewal; then the worker path (the runner's SQS queue drained through the renew
 * worker's handler, Stripe sandbox charges, the outcome recorded) on WORKERS threads, reporting renewals per second.
 */
public final class RenewalScale {

    public static void main(String[] args) throws Exception {
        int total = Integer.parseInt(System.getenv().getOrDefault("SUBSCRIPTIONS", "100000"));
        int workers = Integer.parseInt(System.getenv().getOrDefault("WORKERS", "4"));
        var day = LocalDate.parse("2026-03-02");
        try (var termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-03-02T05:00:00Z"))) {
            var sandbox = termwise.sandbox().orElseThrow();
            var store = termwise.bean(com.termwise.app.StateStore.class);
            long seeding = System.nanoTime();
            var seeded = new AtomicLong();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < total; i++) {
                    int n = i;
                    pool.submit(() -> {
                        var dueOn = day.plusDays(n % 28);
                        var card = dueOn.equals(day) ? Optional.of(sandbox.savedCard("scale-" + n + "@example.test", StripeSandbox.VISA)) : Optional.<String>empty();
                        store.commit(customer("scale-" + n, dueOn, card));
                        seeded.incrementAndGet();
                    });
                }
            }
            System.out.printf("seeded %d subscriptions in %.1f s (renewals spread over 28 days from %s)%n", seeded.get(),
                    (System.nanoTime() - seeding) / 1e9, day);

            // the sweep, reading through a client that counts what its queries return and consume
            var read = new AtomicLong();
            var queries = new AtomicLong();
            var capacity = new java.util.concurrent.atomic.DoubleAdder();
            var counting = DynamoDbClient.builder().endpointOverride(URI.create(termwise.dynamoEndpoint())).region(Region.EU_WEST_2)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                            if (context.response() instanceof QueryResponse q) {
                                read.addAndGet(q.scannedCount());
                                queries.incrementAndGet();
                            }
                        }
                    })).build();
            termwise.clock().set(Instant.parse("2026-03-02T06:00:00Z"));
            var sweep = new RenewalSweep(new DynamoStateStore(counting, LocalDynamo.TABLE, termwise.clock()), termwise.renewalQueue(),
                    termwise.clock());
            long sweeping = System.nanoTime();
            int due = sweep.sweep(1_000_000);
            double sweepSeconds = (System.nanoTime() - sweeping) / 1e9;
            System.out.printf("sweep: %d due of %d; %d index entries read in %d queries = %.3f items read per due renewal; %.2f s%n",
                    due, total, read.get(), queries.get(), read.get() / (double) due, sweepSeconds);

            // the worker path: batches of 10 from SQS to the renew worker's handler, as Lambda's event source delivers them
            var charged = new AtomicLong();
            var failed = new AtomicLong();
            long working = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(workers)) {
                for (int w = 0; w < workers; w++) {
                    pool.submit(() -> {
                        var drained = termwise.drainRenewals();
                        charged.addAndGet(drained.handled() - drained.failed());
                        failed.addAndGet(drained.failed());
                    });
                }
            }
            double workSeconds = (System.nanoTime() - working) / 1e9;
            long intents = sandbox.list("payment_intent").stream().filter(pi -> "succeeded".equals(pi.get("status"))).count();
            System.out.printf("worker path: %d renewals (%d failed) on %d threads in %.1f s = %.0f renewals/s; %d PaymentIntents succeeded in the sandbox%n",
                    charged.get(), failed.get(), workers, workSeconds, charged.get() / workSeconds, intents);
        }
    }

    /** A customer whose rolling 1 Month Plan (repeat delivery) renews on {@code dueOn}: profile, order and subscription, as checkout leaves them. */
    static Changes customer(String id, LocalDate dueOn, Optional<String> stripeCustomer) {
        var price = Money.gbp(19900);
        var start = dueOn.minusDays(28);
        var order = new Order("ord_" + id, id, "meal-plans", start, "1-month-repeat", OrderState.ACCEPTED, price, price, Money.gbp(0), false,
                Optional.empty(), start, Optional.of(start), Optional.of(start), Consents.none(), 0);
        var purchase = new Purchase(order, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new Purchase.DeliveryAddress("1 High St", Optional.empty(), "Leeds", "LS1 4AP", false, Optional.empty())),
                List.of(), List.of(), Optional.of("sub_" + id), List.of(), Optional.empty());
        var subscription = Subscription.written("sub_" + id, id, "meal-plans", "1-month-repeat").state(SubscriptionState.ACTIVE).bought(start, start)
                .currentPeriod(Optional.of(new Period(start, dueOn))).cycle(1).minimumTermEnd(Optional.of(dueOn)).price(price, price)
                .firstDeliveryReceivedOn(Optional.of(start.plusDays(3))).build();
        var profile = new CustomerProfile(id, id + "@example.test", "Scale " + id, stripeCustomer,
                stripeCustomer.map(c -> StripeSandbox.VISA), Optional.empty(), 0);
        return new Changes().add(new Changes.Write.PutProfile(profile, 0)).add(new Changes.Write.PutPurchase(purchase, 0))
                .add(new Changes.Write.PutSubscription(subscription, 0, Optional.of(Changes.Due.on(com.termwise.app.DueWork.RENEWAL, dueOn))));
    }
}
