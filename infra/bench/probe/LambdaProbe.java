import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Lambda container, as the benchmark driver (infra/local FunctionBenchmarks) starts it: a fresh
 * JVM on a function's deployment artifact builds the handler (init), handles the first event (the
 * cold invocation), then the warm-up and the measured events on one thread. Events are read before
 * the clock starts, as Lambda's runtime hands the handler an object it has already read.
 *
 * <p>args: handler class ({@code BareHandler} for the baseline), input type (api, sqs, map), events
 * file (a JSON array), warm-up count, measured count. Prints key=value lines.
 */
public final class LambdaProbe {

    public static void main(String[] args) throws Exception {
        var json = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Class<?> type = switch (args[1]) {
            case "api" -> APIGatewayV2HTTPEvent.class;
            case "sqs" -> SQSEvent.class;
            default -> Map.class;
        };
        var tree = json.readTree(Files.readString(Path.of(args[2])));
        var events = new ArrayList<Object>();
        for (var node : tree) events.add(json.treeToValue(node, type));
        int warmup = Integer.parseInt(args[3]), measured = Integer.parseInt(args[4]);
        if (events.size() < 1 + warmup + measured) throw new IllegalArgumentException("need " + (1 + warmup + measured) + " events, have " + events.size());

        var sync = System.getenv("BENCH_SYNC") != null ? new java.io.BufferedReader(new java.io.InputStreamReader(System.in)) : null;
        long t0 = System.nanoTime();
        @SuppressWarnings("unchecked")
        var handler = (RequestHandler<Object, Object>) Class.forName(args[0]).getConstructor().newInstance();
        long t1 = System.nanoTime();
        print("init_calls", String.join(",", CallLog.CALLS));
        CallLog.reset();
        await(sync);
        long t2 = System.nanoTime();
        var first = handler.handleRequest(events.get(0), new ProbeContext("cold"));
        long t3 = System.nanoTime();
        print("init_ns", t1 - t0);
        print("first_ns", t3 - t2);
        print("status", status(first));
        print("calls", String.join(",", CallLog.CALLS));
        print("units", CallLog.read + "," + CallLog.write);
        print("writes", String.join(",", CallLog.WRITES));

        for (int i = 1; i <= warmup; i++) {
            await(sync);
            check(handler.handleRequest(events.get(i), new ProbeContext("warmup-" + i)));
        }
        CallLog.reset();
        BareHandler.stripeNanos = 0;
        long warm = 0;
        for (int i = 1 + warmup; i < 1 + warmup + measured; i++) {
            await(sync);
            long started = System.nanoTime();
            check(handler.handleRequest(events.get(i), new ProbeContext("measured-" + i)));
            warm += System.nanoTime() - started;
        }
        if (measured > 0) {
            print("warm_n", measured);
            print("warm_ns", warm);
            print("warm_calls", CallLog.CALLS.size());
            print("warm_sdk_ns", CallLog.sdkNanos);
            print("warm_stripe_ns", BareHandler.stripeNanos);
            print("warm_units", CallLog.read / measured + "," + CallLog.write / measured);
        }
        print("rss_kb", Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.replaceAll("\\D", "")).findFirst().orElse("0"));
    }

    /** Where the driver seeds each invocation's work (BENCH_SYNC), it is told when to go on; the wait is outside every clock. */
    private static void await(java.io.BufferedReader sync) throws java.io.IOException {
        if (sync == null) return;
        System.out.println("next");
        System.out.flush();
        if (!"go".equals(sync.readLine())) throw new IllegalStateException("the driver stopped");
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    private static String status(Object response) {
        return switch (response) {
            case APIGatewayV2HTTPResponse r -> String.valueOf(r.getStatusCode());
            case SQSBatchResponse r -> r.getBatchItemFailures().isEmpty() ? "ok" : "failed:" + r.getBatchItemFailures().size();
            case null -> "null";
            default -> String.valueOf(response).replace(' ', '_');
        };
    }

    /** A warm invocation that fails would measure the wrong work: stop. */
    private static void check(Object response) {
        var status = status(response);
        if (status.startsWith("4") || status.startsWith("5") || status.startsWith("failed")) throw new IllegalStateException("invocation answered " + status);
    }

    private record ProbeContext(String requestId, long deadline) implements Context {
        ProbeContext(String requestId) {
            this(requestId, System.currentTimeMillis() + Long.parseLong(System.getenv().getOrDefault("BENCH_TIMEOUT_MS", "20000")));
        }

        public String getAwsRequestId() { return requestId; }
        public String getLogGroupName() { return "/aws/lambda/bench"; }
        public String getLogStreamName() { return "bench"; }
        public String getFunctionName() { return "bench"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-2:000000000000:function:bench"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() { return null; }
    }
}
