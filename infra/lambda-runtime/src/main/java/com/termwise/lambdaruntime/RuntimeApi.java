package com.termwise.lambdaruntime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The Lambda Runtime API of one execution environment, on 127.0.0.1, as AWS documents it
 * ("Using the Lambda runtime API for custom runtimes", version 2018-06-01): the runtime long-polls
 * {@code /runtime/invocation/next}, answers on {@code /invocation/{id}/response} or {@code /error},
 * reports a failed init on {@code /init/error}, and in SnapStart mode asks {@code /runtime/restore/next}
 * once its before-checkpoint hooks have run (and reports a failed after-restore on {@code /restore/error}).
 *
 * <p>As strict as Lambda's: an answer for a request id that is not outstanding is 400, a response
 * over 6 MB is 413, any other path or method is 404/405.
 */
public final class RuntimeApi implements AutoCloseable {

    /** Lambda's limit on a synchronous response payload. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

    /** What the runtime answered for one event: its payload, or the error it reported. */
    public sealed interface Outcome {
        record Response(String payload) implements Outcome {}

        record Error(String errorType, String body) implements Outcome {}
    }

    /** How the environment's init ended: ready for events, or the error the runtime reported on /init/error or /restore/error. */
    public sealed interface Init {
        record Ready(boolean snapshotTaken) implements Init {}

        record Failed(String errorType, String body) implements Init {}
    }

    private record Pending(String id, String event, long deadlineMs, CompletableFuture<Outcome> outcome) {}

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> outstanding = new ConcurrentHashMap<>();
    private final CompletableFuture<Init> init = new CompletableFuture<>();
    private volatile boolean snapshotTaken;

    public RuntimeApi(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/2018-06-01/runtime/", this::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the runtime answers it. */
    public CompletableFuture<Outcome> invoke(String event, Duration timeout) {
        var pending = new Pending(UUID.randomUUID().toString(), event, System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
        queued.add(pending);
        return pending.outcome();
    }

    /** Completes when the runtime first asks for an event (init done) or reports an init error. */
    public CompletableFuture<Init> init() {
        return init;
    }

    /** Ends whatever is outstanding when the runtime's process has gone, as Lambda reports an environment that exited. */
    public void abandon(String why) {
        outstanding.values().forEach(p -> p.outcome().complete(new Outcome.Error("Runtime.ExitError", "{\"errorMessage\":\"" + why + "\"}")));
        outstanding.clear();
        init.complete(new Init.Failed("Runtime.ExitError", "{\"errorMessage\":\"" + why + "\"}"));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
            var method = exchange.getRequestMethod();
            if (path.equals("invocation/next")) {
                if (!method.equals("GET")) reply(exchange, 405, "");
                else next(exchange);
            } else if (path.equals("init/error")) {
                if (!method.equals("POST")) reply(exchange, 405, "");
                else {
                    init.complete(new Init.Failed(errorType(exchange), body(exchange)));
                    reply(exchange, 202, "{\"status\":\"OK\"}");
                }
            } else if (path.equals("restore/next")) {
                if (!method.equals("GET")) reply(exchange, 405, "");
                else {
                    snapshotTaken = true; // the before-checkpoint hooks have run: here Lambda snapshots, then restores
                    reply(exchange, 200, "");
                }
            } else if (path.equals("restore/error")) {
                init.complete(new Init.Failed(errorType(exchange), body(exchange))); // an after-restore hook failed
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                if (!method.equals("POST")) {
                    reply(exchange, 405, "");
                    return;
                }
                var id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                answer(exchange, id, path.endsWith("/error"));
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        init.complete(new Init.Ready(snapshotTaken));
        Pending pending;
        try {
            pending = queued.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        outstanding.put(pending.id(), pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.id());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(pending.deadlineMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + pending.id().replace("-", "").substring(0, 24) + ";Sampled=0");
        reply(exchange, 200, pending.event());
    }

    private void answer(HttpExchange exchange, String id, boolean error) throws IOException {
        var body = exchange.getRequestBody().readNBytes(MAX_RESPONSE_BYTES + 1);
        var pending = outstanding.get(id);
        if (pending == null) {
            reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        } else if (body.length > MAX_RESPONSE_BYTES) {
            outstanding.remove(id);
            pending.outcome().complete(new Outcome.Error("Function.ResponseSizeTooLarge", "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (6291556 bytes).\"}"));
            reply(exchange, 413, "{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
        } else {
            outstanding.remove(id);
            var text = new String(body, StandardCharsets.UTF_8);
            pending.outcome().complete(error ? new Outcome.Error(errorType(exchange), text) : new Outcome.Response(text));
            reply(exchange, 202, "{\"status\":\"OK\"}");
        }
    }

    private static String errorType(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")).orElse("Unhandled");
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }
}
