package com.termwise.adapters.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.termwise.adapters.http.CatalogJson;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;

/**
 * SnapStart's priming (template.yaml publishes every function with SnapStart): the function's Micronaut context is
 * built at init, so it is in the snapshot; before Lambda takes it, micronaut-crac calls this resource, which reads one
 * item that does not exist, so the DynamoDB client's marshalling, signing, endpoint rules and HTTP classes are loaded
 * and initialised in the snapshot, and walks the catalogs' JSON and the working-day calendar for the same reason.
 *
 * <p>Priming creates no unique values: it writes nothing, draws no identifier ({@code Ids} makes its
 * SecureRandom on first use, after restore), reads no clock into state, and calls no Stripe API (an
 * idempotency key made now would be shared by every restored container).
 */
@Singleton
public final class SnapStartPriming implements OrderedResource {

    private static final Map<String, AttributeValue> ABSENT = Map.of("PK", AttributeValue.fromS("priming"), "SK", AttributeValue.fromS("priming"));

    // any day: priming only warms the code paths a first request takes
    private static final LocalDate PRIMING_DAY = LocalDate.of(2026, 4, 7);
    private final Catalogs catalogs;
    private final DynamoDbClient dynamo;
    private final String table;

    /** The table first: a function without TABLE_NAME stops before any client is built. */
    public SnapStartPriming(TableConfiguration table, DynamoDbClient dynamo, Catalogs catalogs) {
        this.table = table.name();
        this.dynamo = dynamo;
        this.catalogs = catalogs;
    }

    /**
     * A priming that cannot read the table fails the snapshot: Lambda does not publish the version, the deploy stops
     * and the alias keeps serving the version before it. That is the outcome wanted: a function that cannot reach its
     * table (a role without dynamodb:GetItem, a wrong TABLE_NAME, a network rule) is stopped at deploy, not on a
     * customer's first request. The message says what to check.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime();
        } catch (RuntimeException e) {
            throw new IllegalStateException("SnapStart priming could not read the table " + table + " (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). The version is not published and the alias keeps the previous one: check the function's "
                    + "role (dynamodb:GetItem on the table), TABLE_NAME and its network path to DynamoDB.", e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients hold no per-container values, and the first request makes the first identifier
    }

    /** The work priming does; returns the bytes of catalog JSON written, so a test can see it ran. */
    public int prime() {
        dynamo.getItem(b -> b.tableName(table).key(ABSENT).consistentRead(false));
        BusinessCalendar.workingDaysBefore(PRIMING_DAY, 5);
        var out = new StringWriter();
        try (var json = new JsonFactory().createGenerator(out)) {
            for (var catalog : catalogs.all(PRIMING_DAY)) CatalogJson.full(json, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.getBuffer().length();
    }
}
