package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;

/** Structured JSON log lines on stdout (CloudWatch reads them as JSON): route, status, time, correlation id; never a body or a person's details. */
public final class Log {

    private Log() {}

    static void request(String function, APIGatewayV2HTTPEvent event, int status, long millis, Optional<Throwable> failure, Optional<String> errorCode) {
        var correlation = ApiCall.header(event, "x-correlation-id")
                .or(() -> Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getRequestId))
                .orElse("-");
        // the ids involved: the caller's (the token's subject) and the path's; never a name, an email or a body
        var ids = new java.util.TreeMap<String, String>();
        Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt).map(jwt -> jwt.getClaims())
                .map(claims -> claims.get("sub")).ifPresent(sub -> ids.put("customerId", sub));
        if (event.getPathParameters() != null) ids.putAll(event.getPathParameters());
        write(status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO", function, correlation, event.getRouteKey(), status, millis,
                failure.map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()), errorCode, ids);
    }

    /** One line per piece of scheduled work: what it was (a renewal message, a dispatch run), how it ended. */
    public static void work(String function, String correlation, String what, String outcome, long millis, Optional<Throwable> failure) {
        write(failure.isPresent() ? "ERROR" : "INFO", function, correlation, what + " " + outcome, 0, millis,
                failure.map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()), Optional.empty(), java.util.Map.of());
    }

    /**
     * One scheduled run that counts what it did (the sweep's queued renewals, the refunds sent): timed, logged as
     * {@code "<what> <key> <n>"} under the invocation's request id, and answered as {@code {"<key>": n}}.
     */
    public static java.util.Map<String, Object> counted(String function, com.amazonaws.services.lambda.runtime.Context context, String what,
                                                        String key, java.util.function.IntSupplier run) {
        long started = System.nanoTime();
        int count = run.getAsInt();
        work(function, context == null ? "-" : context.getAwsRequestId(), what, key + " " + count, (System.nanoTime() - started) / 1_000_000,
                Optional.empty());
        return java.util.Map.of(key, count);
    }

    /**
     * The business clock when it is not the wall clock: the local runner's test clock (in AWS it is never set), logged
     * beside the wall time so a line says both when it was written and what day Termwise thought it was.
     */
    private static volatile java.util.function.Supplier<Instant> simulated;

    public static void simulatedTime(java.util.function.Supplier<Instant> clock) {
        simulated = clock;
    }

    private static void write(String level, String function, String correlation, String route, int status, long millis, Optional<String> error,
                              Optional<String> errorCode, java.util.Map<String, String> ids) {
        var out = new StringWriter();
        try (var json = ApiResponses.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.now().toString());
            var business = simulated;
            if (business != null) json.writeStringField("simulatedTime", business.get().toString());
            json.writeStringField("level", level);
            json.writeStringField("function", function);
            json.writeStringField("correlationId", correlation);
            json.writeStringField("route", route == null ? "-" : route);
            if (status > 0) json.writeNumberField("status", status);
            if (errorCode.isPresent()) json.writeStringField("code", errorCode.get());
            for (var id : ids.entrySet()) json.writeStringField(id.getKey(), id.getValue());
            if (millis > 0) json.writeNumberField("ms", millis);
            if (error.isPresent()) json.writeStringField("error", error.get());
            json.writeEndObject();
        } catch (IOException e) {
            return;
        }
        System.out.println(out);
    }
}
