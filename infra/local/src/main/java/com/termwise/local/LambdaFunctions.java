package com.termwise.local;

import com.termwise.emulators.TemplateYaml;
import com.termwise.lambdaruntime.ExecutionEnvironment;
import com.termwise.lambdaruntime.FunctionDefinition;
import com.termwise.lambdaruntime.RuntimeApi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Termwise's functions as AWS runs them: each {@code AWS::Serverless::Function} of {@code template.yaml}
 * in its own execution environment (its deployment jar, AWS's runtime interface client, the template's
 * environment), started on first use and kept warm, as Lambda keeps an environment between events.
 * {@code values} stand in for the template's parameters and resources; {@code endpoints} point the AWS
 * SDK and stripe-java at the local emulators.
 */
public final class LambdaFunctions implements AutoCloseable {

    private final Path template;
    private final Map<String, String> values;
    private final Map<String, String> endpoints;
    private final Map<String, String> functionByHandler;
    private final Map<String, ExecutionEnvironment> running = new ConcurrentHashMap<>();

    public LambdaFunctions(Path template, Map<String, String> values, Map<String, String> endpoints) {
        this.template = template;
        this.values = Map.copyOf(values);
        this.endpoints = Map.copyOf(endpoints);
        this.functionByHandler = FunctionDefinition.byHandler(template);
    }

    /** One event to the function template.yaml deploys with this handler class (as a route's handler is known in process). */
    public RuntimeApi.Outcome invokeHandler(Class<?> handler, String event) {
        var logicalId = functionByHandler.get(handler.getName());
        if (logicalId == null) throw new IllegalArgumentException("template.yaml deploys no function with the handler " + handler.getName());
        return invoke(logicalId, event);
    }

    /** {@code template.yaml} at the top of the project, found from the working directory or above it. */
    public static Path projectTemplate() {
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) return dir.resolve("template.yaml");
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    public FunctionDefinition definition(String logicalId) {
        return FunctionDefinition.read(template, logicalId);
    }

    /** The input an EventBridge Scheduler schedule of the template sends its target ({@code Target.Input}). */
    public String scheduleInput(String scheduleLogicalId) {
        try (var in = Files.newInputStream(template)) {
            var schedule = TemplateYaml.at(TemplateYaml.at(TemplateYaml.parse(in), "Resources"), scheduleLogicalId);
            return TemplateYaml.text(TemplateYaml.at(TemplateYaml.at(TemplateYaml.at(schedule, "Properties"), "Target"), "Input"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts the environments of several functions at once, as Lambda would on a first burst of traffic. */
    public void warm(java.util.Collection<String> logicalIds) {
        try (var starting = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            logicalIds.forEach(id -> starting.submit(() -> warmEnvironment(id)));
        }
    }

    /** One event to a function, through the Runtime API; starts its environment if none is warm (or the last one died). */
    public RuntimeApi.Outcome invoke(String logicalId, String event) {
        return warmEnvironment(logicalId).invoke(event);
    }

    private ExecutionEnvironment warmEnvironment(String logicalId) {
        return running.compute(logicalId, (id, env) -> {
            if (env != null && env.running()) return env;
            if (env != null) env.close();
            var started = ExecutionEnvironment.start(definition(id), values, endpoints, false);
            var init = started.awaitInit(Duration.ofSeconds(60));
            if (init instanceof RuntimeApi.Init.Failed failed) {
                started.close();
                throw new IllegalStateException(id + " failed its init: " + failed.errorType() + " " + failed.body() + "\n" + String.join("\n", started.log()));
            }
            return started;
        });
    }

    /**
     * A fresh environment of a function, not kept: as a SnapStart version's init ({@code snapStart}), and with
     * {@code endpointOverrides} on top of the usual endpoints (e.g. a DynamoDB that cannot be reached).
     */
    public ExecutionEnvironment start(String logicalId, boolean snapStart, Map<String, String> endpointOverrides) {
        var merged = new java.util.HashMap<>(endpoints);
        merged.putAll(endpointOverrides);
        return ExecutionEnvironment.start(definition(logicalId), values, merged, snapStart);
    }

    /** The warm environment of a function, for what it logged. */
    public ExecutionEnvironment environment(String logicalId) {
        var env = running.get(logicalId);
        if (env == null) throw new IllegalStateException(logicalId + " has not been started");
        return env;
    }

    @Override
    public void close() {
        running.values().forEach(ExecutionEnvironment::close);
        running.clear();
    }
}
