import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Loaded by the SDK into every client (software/amazon/awssdk/global/handlers/execution.interceptors),
 * so the function's own clients are measured unchanged: each call's service, operation and size, and
 * the DynamoDB capacity it consumed (ReturnConsumedCapacity TOTAL is added to every DynamoDB request).
 */
public final class CallLog implements ExecutionInterceptor {

    static final List<String> CALLS = new ArrayList<>();
    /** What each write changed, by the kind of item (its sort key without the ids): which items an operation writes. */
    static final List<String> WRITES = new ArrayList<>();
    static double read, write;
    /** Time spent inside AWS SDK calls (request marshalled, signed, sent, answered, read): what an invocation cannot avoid. */
    static long sdkNanos;
    private static final ThreadLocal<Long> STARTED = new ThreadLocal<>();

    static synchronized void reset() {
        CALLS.clear();
        WRITES.clear();
        read = 0;
        write = 0;
        sdkNanos = 0;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        STARTED.set(System.nanoTime());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        synchronized (CallLog.class) {
            sdkNanos += System.nanoTime() - STARTED.get();
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return switch (context.request()) {
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case TransactGetItemsRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            default -> context.request();
        };
    }

    private static String kind(java.util.Map<String, AttributeValue> key) {
        var sk = key.get("SK");
        return sk == null || sk.s() == null ? "?" : sk.s().replaceAll("#.*", "");
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        var service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
        var operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        int size = switch (context.request()) {
            case TransactWriteItemsRequest r -> r.transactItems().size();
            case BatchWriteItemRequest r -> r.requestItems().values().stream().mapToInt(List::size).sum();
            // SQS SendMessageBatch and EventBridge PutEvents, by field name: not every artifact carries those clients
            default -> context.response() instanceof QueryResponse q ? q.count()
                    : context.request().getValueForField("Entries", List.class).map(List::size).orElse(1);
        };
        List<ConsumedCapacity> consumed = switch (context.response()) {
            case GetItemResponse r -> List.of(r.consumedCapacity());
            case QueryResponse r -> List.of(r.consumedCapacity());
            case PutItemResponse r -> List.of(r.consumedCapacity());
            case UpdateItemResponse r -> List.of(r.consumedCapacity());
            case DeleteItemResponse r -> List.of(r.consumedCapacity());
            case TransactWriteItemsResponse r -> r.consumedCapacity();
            case TransactGetItemsResponse r -> r.consumedCapacity();
            case BatchGetItemResponse r -> r.consumedCapacity();
            case BatchWriteItemResponse r -> r.consumedCapacity();
            default -> List.of();
        };
        synchronized (CallLog.class) {
            sdkNanos += System.nanoTime() - STARTED.get();
            CALLS.add(service + "." + operation + "/" + size);
            switch (context.request()) {
                case TransactWriteItemsRequest r -> r.transactItems().forEach(t -> WRITES.add(
                        t.put() != null ? "put:" + kind(t.put().item()) : t.update() != null ? "update:" + kind(t.update().key())
                                : t.delete() != null ? "delete:" + kind(t.delete().key()) : "check:" + kind(t.conditionCheck().key())));
                case PutItemRequest r -> WRITES.add("put:" + kind(r.item()));
                case UpdateItemRequest r -> WRITES.add("update:" + kind(r.key()));
                case DeleteItemRequest r -> WRITES.add("delete:" + kind(r.key()));
                default -> { }
            }
            for (var c : consumed) {
                if (c == null) continue;
                if (c.readCapacityUnits() != null) read += c.readCapacityUnits();
                if (c.writeCapacityUnits() != null) write += c.writeCapacityUnits();
                if (c.readCapacityUnits() == null && c.writeCapacityUnits() == null && c.capacityUnits() != null) {
                    // DynamoDB reports only the total for some calls: attribute it by the operation's kind
                    if (operation.startsWith("Get") || operation.equals("Query") || operation.startsWith("BatchGet") || operation.equals("TransactGetItems")) read += c.capacityUnits();
                    else write += c.capacityUnits();
                }
            }
        }
    }
}
