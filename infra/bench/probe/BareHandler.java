import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The baseline: a bare Lambda handler that makes the calls a function's invocation made (the same
 * DynamoDB operations and sizes, the same Stripe objects created) through the same clients, built
 * the way the function builds them, and nothing else. {@code BENCH_CALLS} lists them, e.g.
 * {@code dynamodb.Query/4,dynamodb.TransactWriteItems/6,stripe.payment_intent/1}.
 */
public final class BareHandler implements RequestHandler<Object, String> {

    /** Items written or read by the baseline: about the size of a Termwise item. */
    private static final AttributeValue PAYLOAD = AttributeValue.fromS("x".repeat(600));

    private final List<String[]> calls;
    private final DynamoDbClient dynamo;
    private final String table = System.getenv("TABLE_NAME");
    private final Map<String, OtherClient> other = new HashMap<>();
    private int counter;
    /** Time spent in Stripe calls: with the AWS SDK time the probe logs, what an invocation's calls cost. */
    static long stripeNanos;

    /** Stripe, SQS, SES and EventBridge calls ({@code BareStripe}, {@code BareSqs}, ...), compiled only against the artifacts that carry those clients. */
    public interface OtherClient {
        void call(String operation, int size, Object event) throws Exception;
    }

    public BareHandler() throws Exception {
        calls = List.of(System.getenv("BENCH_CALLS").split(",")).stream().filter(c -> !c.isBlank()).map(c -> c.split("[./]")).toList();
        dynamo = calls.stream().anyMatch(c -> c[0].equals("dynamodb")) ? DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build() : null;
        for (var c : calls) {
            if (c[0].equals("dynamodb") || other.containsKey(c[0])) continue;
            var type = "Bare" + Character.toUpperCase(c[0].charAt(0)) + c[0].substring(1);
            other.put(c[0], (OtherClient) Class.forName(type).getConstructor().newInstance());
        }
    }

    @Override
    public String handleRequest(Object event, Context context) {
        for (var c : calls) {
            int size = Integer.parseInt(c[2]);
            try {
                switch (c[0]) {
                    case "dynamodb" -> dynamo(c[1], size);
                    case "stripe" -> {
                        long started = System.nanoTime();
                        other.get("stripe").call(c[1], size, event);
                        stripeNanos += System.nanoTime() - started;
                    }
                    default -> other.get(c[0]).call(c[1], size, event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("baseline call " + String.join(".", c) + " failed", e);
            }
        }
        return "made:" + calls.size();
    }

    private Map<String, AttributeValue> item(String pk, String sk) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", AttributeValue.fromS(pk));
        item.put("SK", AttributeValue.fromS(sk));
        item.put("payload", PAYLOAD);
        return item;
    }

    private Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
    }

    private void dynamo(String operation, int size) {
        int n = ++counter;
        switch (operation) {
            case "Query" -> dynamo.query(q -> q.tableName(table).keyConditionExpression("PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("bench#query"))).limit(Math.max(size, 1)));
            case "GetItem" -> dynamo.getItem(g -> g.tableName(table).key(key("bench#query", "item#00")));
            case "PutItem" -> dynamo.putItem(p -> p.tableName(table).item(item("bench#bare", "put#" + n)));
            case "UpdateItem" -> dynamo.updateItem(u -> u.tableName(table).key(key("bench#bare", "put#" + n))
                    .updateExpression("SET payload = :p").expressionAttributeValues(Map.of(":p", PAYLOAD)));
            case "DeleteItem" -> dynamo.deleteItem(d -> d.tableName(table).key(key("bench#bare", "gone#" + n)));
            case "TransactWriteItems" -> dynamo.transactWriteItems(t -> t.transactItems(IntStream.range(0, size)
                    .mapToObj(i -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item("bench#bare", "tx#" + n + "#" + i)).build()).build())
                    .toList()));
            case "BatchWriteItem" -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, IntStream.range(0, size)
                    .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(item("bench#bare", "batch#" + n + "#" + i))).build()).toList())));
            default -> throw new IllegalArgumentException("no baseline for dynamodb." + operation);
        }
    }
}
