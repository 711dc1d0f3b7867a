package com.termwise.lambdaruntime;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipFile;

/**
 * One Lambda execution environment for a function of {@code template.yaml}, started as AWS starts
 * one for the {@code java21} managed runtime: the deployment jar unpacked into a task root (Lambda
 * unpacks the zip into {@code /var/task}), a fresh JVM with Lambda's options whose class path holds
 * only the runtime interface client (and the serialization and core jars it brings, as
 * {@code /var/runtime/lib} does), the handler loaded by the client's own class loader from the task
 * root, Lambda's reserved environment variables, and the function's {@code Environment}. Nothing of
 * the caller's environment or class path leaks in. Events go through {@link RuntimeApi}.
 */
public final class ExecutionEnvironment implements AutoCloseable {

    private final FunctionDefinition function;
    private final RuntimeApi api;
    private final Process process;
    private final Path taskRoot;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param values    what stands in locally for the template's parameters and resources (see {@link FunctionDefinition#environment})
     * @param endpoints extra variables only a local run needs, e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}
     * @param snapStart run init as a SnapStart version's: the before-checkpoint hooks, then restore
     */
    public static ExecutionEnvironment start(FunctionDefinition function, Map<String, String> values, Map<String, String> endpoints,
                                             boolean snapStart) {
        try {
            return new ExecutionEnvironment(function, function.environment(values), endpoints, snapStart);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExecutionEnvironment(FunctionDefinition function, Map<String, String> variables, Map<String, String> endpoints, boolean snapStart)
            throws IOException {
        this.function = function;
        if (!Files.isRegularFile(function.artifact()))
            throw new IllegalStateException(function.logicalId() + ": " + function.artifact() + " is not built (./mvnw -DskipTests package)");
        var name = function.logicalId();
        this.api = new RuntimeApi("arn:aws:lambda:eu-west-2:000000000000:function:" + name);
        this.taskRoot = Files.createTempDirectory("lambda-task-" + name);
        unzip(function.artifact(), taskRoot);

        var env = new HashMap<String, String>(variables);
        env.putAll(endpoints);
        // Lambda's reserved variables (AWS: "Defined runtime environment variables")
        env.put("_HANDLER", function.handler());
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", snapStart ? "1" : "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + taskRoot.getFileName());
        env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat().toUpperCase());
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", snapStart ? "snap-start" : "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_DEFAULT_REGION", "eu-west-2");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_SESSION_TOKEN", "local");
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", runtimeJar(AWSLambda.class).getParent().toString());
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");

        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the java21 runtime's own JVM options (its bootstrap); the template's JAVA_TOOL_OPTIONS come on top through the environment
        command.add("-XX:MaxHeapSize=" + function.memoryMb() * 1024 * 85 / 100 + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-classpath");
        command.add(String.join(java.io.File.pathSeparator, runtimeClassPath()));
        command.add(AWSLambda.class.getName());
        command.add(function.handler());
        var builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        this.process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (var out = process.inputReader()) {
                out.lines().forEach(log::add);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        process.onExit().thenRun(() -> api.abandon("the runtime exited with status " + process.exitValue()));
    }

    /** Waits for init: the runtime's first request for an event, or its init error. */
    public RuntimeApi.Init awaitInit(Duration limit) {
        try {
            return api.init().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(function.logicalId() + ": init took longer than " + limit + "\n" + String.join("\n", log));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event, as Lambda delivers it; a function that overruns its Timeout is stopped, as Lambda stops it. */
    public RuntimeApi.Outcome invoke(String event) {
        var timeout = Duration.ofSeconds(function.timeoutSeconds());
        try {
            return api.invoke(event, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            return new RuntimeApi.Outcome.Error("Sandbox.Timedout", "{\"errorMessage\":\"Task timed out after " + function.timeoutSeconds() + " seconds\"}");
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the function and the runtime have written so far (in AWS: the function's log stream). */
    public List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public boolean running() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        try (var files = Files.walk(taskRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** The runtime interface client and the jars it depends on (serialization, core, the SDK's utils-lite): /var/runtime/lib in AWS. */
    private static List<String> runtimeClassPath() {
        return java.util.stream.Stream.of(AWSLambda.class, com.amazonaws.services.lambda.runtime.serialization.PojoSerializer.class,
                        com.amazonaws.services.lambda.runtime.Context.class, software.amazon.awssdk.utilslite.SdkInternalThreadLocal.class)
                .map(type -> runtimeJar(type).toString()).distinct().toList();
    }

    private static Path runtimeJar(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (var file = new ZipFile(zip.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                var target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException("zip entry outside the task root: " + entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (var in = file.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }
}
