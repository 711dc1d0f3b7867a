package com.termwise.adapters.runtime;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.app.Ids;
import com.termwise.app.StateStore;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * What every function runs on: the clock, the table, the catalogs, the calendar, identifiers and the customer pages.
 * Each is built on first use and once per container. The local runner and the tests give their own clock and
 * DynamoDB client (DynamoDB Local, a test clock), which these step aside for.
 */
@Factory
public class RuntimeBeans {

    /**
     * The three catalogs (130-170 ms of YAML and checks, docs/benchmarks.md) are parsed on a second thread from the
     * moment the first bean is asked for, while the DynamoDB client is built on this one.
     */
    private final CompletableFuture<Catalogs> catalogs = CompletableFuture.supplyAsync(Catalogs::builtIn,
            work -> Thread.ofPlatform().name("termwise-catalogs").daemon().start(work));

    @Singleton
    @Requires(missingBeans = Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The SDK's own resolution picks up AWS_REGION and, where set, AWS_ENDPOINT_URL (LocalStack). */
    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    DynamoDbClient dynamo() {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Singleton
    @Requires(missingBeans = Catalogs.class)
    Catalogs catalogs() {
        return catalogs.join();
    }

    @Singleton
    StateStore store(DynamoDbClient dynamo, TableConfiguration table, Clock clock) {
        return new DynamoStateStore(dynamo, table.name(), clock);
    }

    @Singleton
    BusinessCalendar calendar(Clock clock) {
        return new BusinessCalendar(clock);
    }

    @Singleton
    Ids ids() {
        return new Ids();
    }

    @Singleton
    CustomerPages pages(@Nullable @Property(name = "checkout.return-url") String checkoutReturnUrl,
                        @Nullable @Property(name = "account.page-url") String accountPageUrl) {
        return new CustomerPages(checkoutReturnUrl, accountPageUrl);
    }
}
