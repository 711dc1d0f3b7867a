package com.termwise.local;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB failing as it does in production, at its HTTP client (below the SDK's retries, as the network and the
 * service are): a throttle or a transaction conflict answered without the request being applied, a read timeout after
 * it was applied (the SDK retries it), and the process dying before or after a call ({@link ProcessDied}). Each
 * instruction is for the next {@code times} calls of one operation ({@code TransactWriteItems}, {@code Query}, ...).
 */
final class DynamoFaults {

    enum Kind { THROTTLED, TRANSACTION_CONFLICT, TIMEOUT_AFTER_APPLY, DIE_BEFORE, DIE_AFTER }

    /** The process stopped here: nothing after this point in the invocation ran (an Error, so no handler catches it). */
    static final class ProcessDied extends Error {
        ProcessDied(String where) {
            super("the process died " + where);
        }
    }

    private record Fault(String operation, Kind kind, int[] left) {}

    private final List<Fault> faults = new ArrayList<>();
    private int served;

    synchronized void next(String operation, Kind kind, int times) {
        faults.add(new Fault(operation, kind, new int[]{times}));
    }

    synchronized void clear() {
        faults.clear();
    }

    synchronized int served() {
        return served;
    }

    private synchronized Kind meet(String operation) {
        for (var f : faults) {
            if (f.operation().equals(operation) && f.left()[0] > 0) {
                f.left()[0]--;
                served++;
                return f.kind();
            }
        }
        return null;
    }

    SdkHttpClient around(SdkHttpClient real) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                var target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                var operation = target.substring(target.indexOf('.') + 1);
                var kind = meet(operation);
                if (kind == null) return real.prepareRequest(request);
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() throws IOException {
                        return switch (kind) {
                            case THROTTLED -> error("ThrottlingException", "Rate of requests exceeds the allowed throughput.", "");
                            case TRANSACTION_CONFLICT -> error("TransactionCanceledException",
                                    "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
                                    ",\"CancellationReasons\":[{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}]");
                            case TIMEOUT_AFTER_APPLY -> {
                                var applied = real.prepareRequest(request).call();
                                applied.responseBody().ifPresent(b -> b.abort());
                                throw new java.net.SocketTimeoutException("Read timed out (after DynamoDB applied " + operation + ")");
                            }
                            case DIE_BEFORE -> throw new ProcessDied("before DynamoDB " + operation);
                            case DIE_AFTER -> {
                                real.prepareRequest(request).call().responseBody().ifPresent(b -> b.abort());
                                throw new ProcessDied("after DynamoDB applied " + operation);
                            }
                        };
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    private static HttpExecuteResponse error(String type, String message, String extra) {
        var body = ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"" + extra + "}")
                .getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(400).putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(body.length)).build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }
}
