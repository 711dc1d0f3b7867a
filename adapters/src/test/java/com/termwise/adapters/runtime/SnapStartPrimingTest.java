package com.termwise.adapters.runtime;

import com.termwise.app.ActionRunner;
import com.termwise.app.Ids;
import com.termwise.app.StateStore;
import io.micronaut.crac.OrderedResource;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
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
            try (var context = TermwiseContext.start(Map.of("table.name", LocalDynamo.TABLE, "stripe.api-key", "sk_test_priming",
                    "stripe.webhook-secret", "whsec_priming", "stripe.api-base", "http://127.0.0.1:9"), counted, Clock.systemUTC())) {
            context.getBean(ActionRunner.class); // a function's use cases are built at init, so they are in the snapshot
            calls.clear();

            var priming = context.getBean(SnapStartPriming.class);
            assertTrue(context.getBeansOfType(OrderedResource.class).contains(priming), "micronaut-crac registers it before the checkpoint");
            priming.beforeCheckpoint(null);
            int written = priming.prime();

            assertEquals(List.of("GetItem", "GetItem"), calls, "one read of an absent item per checkpoint, nothing else");
            assertEquals(0, dynamo.client().scan(b -> b.tableName(LocalDynamo.TABLE)).count(), "priming wrote nothing");
            assertTrue(written > 5_000, "every catalog rendered as JSON: " + written + " bytes");
            var random = Ids.class.getDeclaredField("random");
            random.setAccessible(true);
            assertNull(random.get(context.getBean(Ids.class)), "no SecureRandom made before the snapshot");
            }
        }
    }

    @Test
    void a_missing_setting_stops_init_naming_its_environment_variable() {
        var unreached = LocalAws.client(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()), URI.create("http://127.0.0.1:9"));
        var failure = assertThrows(RuntimeException.class, () -> TermwiseContext.start(Map.of(), unreached).getBean(StateStore.class));
        var causes = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) causes.append(t.getMessage()).append('\n');
        assertTrue(causes.toString().contains("environment variable TABLE_NAME is not set"), causes.toString());
    }
}
