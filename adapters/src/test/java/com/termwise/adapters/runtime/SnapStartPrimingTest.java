package com.termwise.adapters.runtime;

import com.termwise.app.Ids;
import com.termwise.emulators.LocalAws;
import com.termwise.emulators.LocalDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart's priming against DynamoDB Local: it reads, writes nothing, and leaves nothing unique in the snapshot. */
class SnapStartPrimingTest {

    @Test
    void primingReadsOneAbsentItemWritesNothingAndDrawsNoIdentifier() throws Exception {
        try (var dynamo = LocalDynamo.start()) {
            var calls = new CopyOnWriteArrayList<String>();
            var counted = LocalAws.client(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                            calls.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                        }
                    })), URI.create(dynamo.endpoint()));
            var wiring = Wiring.from(Map.of("TABLE_NAME", LocalDynamo.TABLE, "STRIPE_API_KEY", "sk_test_priming",
                    "STRIPE_WEBHOOK_SECRET", "whsec_priming", "STRIPE_API_BASE", "http://127.0.0.1:9"), counted, Clock.systemUTC());

            var priming = new SnapStartPriming(wiring, counted, LocalDynamo.TABLE);
            priming.beforeCheckpoint(null);
            int written = priming.prime();

            assertEquals(List.of("GetItem", "GetItem"), calls, "one read of an absent item per checkpoint, nothing else");
            assertEquals(0, dynamo.client().scan(b -> b.tableName(LocalDynamo.TABLE)).count(), "priming wrote nothing");
            assertTrue(written > 5_000, "every catalog rendered as JSON: " + written + " bytes");
            var random = Ids.class.getDeclaredField("random");
            random.setAccessible(true);
            assertNull(random.get(wiring.ids()), "no SecureRandom made before the snapshot");
        }
    }
}
