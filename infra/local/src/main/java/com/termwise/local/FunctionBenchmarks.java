package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.param.PaymentIntentCreateParams;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.emulators.LocalAws;
import com.termwise.emulators.LocalDynamo;
import com.termwise.emulators.MotoServer;
import com.termwise.stripesandbox.StripeSandbox;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import javax.tools.ToolProvider;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Issue 6's benchmarks of the six functions, each from its own deployment artifact (the jar
 * template.yaml uploads), run by {@code infra/bench/run}:
 * <ul>
 *   <li>cold start: RUNS fresh JVMs per function with Lambda's JVM settings, each building the handler
 *       (init) and handling one event made from its {@code events/} sample against DynamoDB Local, the
 *       Stripe sandbox, ElasticMQ and moto_server; interleaved with the same number of baseline JVMs, a bare
 *       handler making the same calls (same operations and sizes) through the same clients;</li>
 *   <li>warm: WARM invocations on one thread after a warm-up, next to the baseline repeating one
 *       invocation's calls as often, in the same run;</li>
 *   <li>the DynamoDB capacity each invocation consumed (ReturnConsumedCapacity) and the items it wrote.</li>
 * </ul>
 * Every event is fresh work (a new customer, subscription, order, due renewal or due delivery), never a replay.
 */
public final class FunctionBenchmarks {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's java21 runtime at 1024 MB (serial GC, heap cap, class-data sharing) and template.yaml's JAVA_TOOL_OPTIONS. */
    static final List<String> LAMBDA_JVM = List.of("-XX:+UseSerialGC", "-XX:MaxHeapSize=870m", "-Xshare:auto",
            "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    record Scenario(String function, String handler, String input, IntFunction<String> event, Runnable beforeEach) {}

    record Run(Map<String, String> values) {
        double ms(String key) {
            return Long.parseLong(values.getOrDefault(key, "0")) / 1e6;
        }
    }

    private final LocalTermwise termwise;
    private final StripeSandbox sandbox;
    private final Path root, work;
    private final Map<String, String> env = new HashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int runs, warmup, warm;

    FunctionBenchmarks(LocalTermwise termwise, Path root, Path work, int runs, int warmup, int warm) {
        this.termwise = termwise;
        this.sandbox = termwise.sandbox().orElseThrow();
        this.root = root;
        this.work = work;
        this.runs = runs;
        this.warmup = warmup;
        this.warm = warm;
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "11"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "50"));
        int warm = Integer.parseInt(System.getenv().getOrDefault("WARM", "200"));
        var only = List.of(System.getenv().getOrDefault("FUNCTIONS", "dispatch,checkout,webhook,cancel,refund,renew").split(","));
        var root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        var work = Files.createTempDirectory("termwise-bench");
        // dispatch goes first, on a clock ten days back, so its deliveries are due when the functions run on the real clock
        try (var termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", Instant.now().minus(Duration.ofDays(10)).toString()));
             var moto = MotoServer.startIfInstalled().orElse(null)) {
            var bench = new FunctionBenchmarks(termwise, root, work, runs, warmup, warm);
            bench.environment(moto);
            var results = new ArrayList<String>();
            for (var scenario : bench.scenarios()) {
                if (!only.contains(scenario.function())) continue;
                if (scenario.function().equals("dispatch") && moto == null) {
                    System.out.println("dispatch skipped: moto_server is not installed (pip install 'moto[server]')");
                    continue;
                }
                results.add(bench.measure(scenario));
                if (scenario.function().equals("dispatch")) termwise.clock().set(Instant.now());
            }
            System.out.println();
            System.out.println("| function | artifact | init fn / base (ms) | of it Micronaut's context (ms) | first fn / base (ms) | init+first fn / base (ms) | ratio | peak RSS fn / base (MB) | warm fn / base (ms per invocation) | warm ratio | its calls (ms) | fn / its calls | RCU / WCU per invocation | calls per invocation |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            results.forEach(System.out::println);
        }
        System.exit(0); // the in-process SQS server's threads would keep the JVM (and infra/bench/run) waiting
    }

    void environment(MotoServer moto) throws com.stripe.exception.StripeException {
        var dynamo = termwise.dynamoEndpoint();
        env.put("TABLE_NAME", LocalDynamo.TABLE);
        env.put("AWS_REGION", "eu-west-2");
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo);
        var queue = termwise.renewalQueueUrl();
        env.put("AWS_ENDPOINT_URL_SQS", URI.create(queue).resolve("/").toString());
        env.put("RENEWAL_QUEUE_URL", queue);
        env.put("BENCH_BASELINE_QUEUE_URL", queue.replace("termwise-renewals", "termwise-renewals-dlq"));
        env.put("STRIPE_API_KEY", sandbox.apiKey());
        env.put("STRIPE_WEBHOOK_SECRET", sandbox.signingSecret());
        env.put("STRIPE_API_BASE", sandbox.apiBase());
        env.put("MAIL_FROM", "no-reply@termwise.example");
        env.put("SES_CONFIGURATION_SET", "termwise-mail");
        env.put("EVENT_BUS_NAME", "termwise");
        if (moto != null) {
            env.put("AWS_ENDPOINT_URL_SESV2", moto.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", moto.endpoint().toString());
            try (var ses = LocalAws.client(SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()), moto.endpoint());
                 var bus = LocalAws.client(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()), moto.endpoint())) {
                ses.createEmailIdentity(b -> b.emailIdentity("no-reply@termwise.example"));
                ses.createConfigurationSet(b -> b.configurationSetName("termwise-mail"));
                bus.createEventBus(b -> b.name("termwise"));
            }
        }
        // the baseline's own data: a partition to query and a card and a payment to charge and refund
        try (var client = LocalAws.client(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()), URI.create(dynamo))) {
            for (int i = 0; i < 40; i++) {
                int n = i;
                client.putItem(b -> b.tableName(LocalDynamo.TABLE).item(Map.of("PK", AttributeValue.fromS("bench#query"),
                        "SK", AttributeValue.fromS("item#%02d".formatted(n)), "payload", AttributeValue.fromS("x".repeat(600)))));
            }
        }
        var customer = sandbox.savedCard("baseline@example.test", StripeSandbox.VISA);
        var stripe = StripePaymentGateway.client(sandbox.apiKey(), sandbox.apiBase());
        var intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(100_000_000L).setCurrency("gbp")
                .setCustomer(customer).setPaymentMethod(StripeSandbox.VISA).setOffSession(true).setConfirm(true).build());
        env.put("BENCH_STRIPE_CUSTOMER", customer);
        env.put("BENCH_STRIPE_PAYMENT_INTENT", intent.getId());
    }

    // ---- the six functions' events, each fresh work ----

    List<Scenario> scenarios() {
        var checkoutSample = sample("checkout-post");
        var cancelSample = sample("cancel-subscription");
        var refundSample = sample("refund-order").replace("\"{\\\"preview\\\": true, ", "\"{");
        var webhookSample = sample("webhook-checkout-session-completed");
        var renewSample = sample("renew-worker-sqs");
        var mealPlan = body(checkoutSample);
        var annual = """
                {"catalog":"online-courses","plan":"annual","customer":{"name":"Ann Lee"},
                 "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false,"acknowledgeObligationToPay":true}}""";
        return List.of(
                new Scenario("dispatch", "com.termwise.functions.dispatch.DispatchHandler", "map", n -> sample("dispatch-daily"),
                        () -> buy(customer("dispatch"), mealPlan)),
                new Scenario("checkout", "com.termwise.functions.checkout.CheckoutHandler", "api", n -> {
                    var id = customer("checkout");
                    return checkoutSample.replace("cus-sample", id).replace("ann@example.test", id + "@example.test")
                            .replace("7f1c9d2e-checkout-1", UUID.randomUUID().toString());
                }, null),
                new Scenario("webhook", "com.termwise.functions.webhook.StripeWebhookHandler", "api", n -> {
                    var payload = completedWithheld(customer("webhook"), annual);
                    return webhookSample.replace(quoted(body(webhookSample)), quoted(payload)).replaceAll("t=\\d+,v1=[a-z-]+",
                            StripeSandbox.WebhookSignature.header(payload, sandbox.signingSecret(), System.currentTimeMillis() / 1000));
                }, null),
                new Scenario("cancel", "com.termwise.functions.cancel.CancelHandler", "api", n -> {
                    var id = customer("cancel");
                    var subscription = buy(id, mealPlan).path("subscriptionId").asText();
                    return cancelSample.replace("cus-sample", id).replace("sub_sample", subscription);
                }, null),
                new Scenario("refund", "com.termwise.functions.refund.RefundHandler", "api", n -> {
                    var id = customer("refund");
                    var order = buy(id, annual).path("orderId").asText();
                    return refundSample.replace("cus-sample", id).replace("ord_sample", order);
                }, null),
                new Scenario("renew", "com.termwise.functions.renew.RenewWorkerHandler", "sqs", n -> {
                    var id = customer("renew");
                    var today = java.time.LocalDate.now(com.termwise.domain.calendar.BusinessCalendar.LONDON);
                    termwise.bean(com.termwise.app.StateStore.class).commit(RenewalScale.customer(id, today,
                            java.util.Optional.of(sandbox.savedCard(id + "@example.test", StripeSandbox.VISA))));
                    return renewSample.replace("cust_example sub_example", id + " sub_" + id)
                            .replace("2e1424d4-f796-459a-8184-9c92662be6da", UUID.randomUUID().toString());
                }, null));
    }

    private String sample(String name) {
        try {
            return Files.readString(root.resolve("events/" + name + ".json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(String event) {
        try {
            return JSON.readTree(event).path("body").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String text) {
        var json = JSON.valueToTree(text).toString();
        return json.substring(1, json.length() - 1);
    }

    private static String customer(String function) {
        return "bench-" + function + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A purchase through the local runner, paid on the hosted page; returns /v1/me's order and subscription ids. */
    private JsonNode buy(String customer, String body) {
        var token = token(customer);
        var started = post("/v1/checkout", token, body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        post("/_local/stripe/checkout-sessions/" + started.path("sessionId").asText() + "/complete", null, "{\"paymentMethod\":\"" + StripeSandbox.VISA + "\"}", Map.of());
        var me = get("/v1/me", token);
        var ids = JSON.createObjectNode();
        ids.put("orderId", started.path("orderId").asText());
        ids.put("subscriptionId", me.path("subscriptions").path(0).path("id").asText());
        return ids;
    }

    /** A purchase paid on the hosted page whose checkout.session.completed webhook is kept back for the function under test. */
    private String completedWithheld(String customer, String body) {
        var started = post("/v1/checkout", token(customer), body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        sandbox.holdWebhooks();
        sandbox.completeCheckout(started.path("sessionId").asText(), StripeSandbox.VISA);
        return sandbox.takeHeld().stream().filter(p -> p.contains("\"type\":\"checkout.session.completed\"")).findFirst().orElseThrow();
    }

    private String token(String customer) {
        return post("/_local/token", null, "{\"sub\":\"" + customer + "\",\"email\":\"" + customer + "@example.test\",\"groups\":[]}", Map.of())
                .path("token").asText();
    }

    private JsonNode get(String path, String token) {
        return send(HttpRequest.newBuilder(termwise.baseUri().resolve(path)).GET().header("Authorization", "Bearer " + token));
    }

    private JsonNode post(String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(termwise.baseUri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        return send(request);
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) throw new IllegalStateException(response.statusCode() + " " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- measuring ----

    String measure(Scenario scenario) throws Exception {
        var jar = root.resolve("functions/" + scenario.function() + "/target/" + scenario.function() + ".jar");
        var probe = compileProbe(jar);
        var cold = new ArrayList<Run>();
        var base = new ArrayList<Run>();
        var micronaut = new ArrayList<Run>();
        String calls = "";
        for (int i = 0; i < runs; i++) {
            var run = child(scenario, jar, probe, scenario.handler(), 1, 0, 0, Map.of());
            require(scenario, run);
            calls = calls(run) + (scenario.function().equals("webhook") ? ",stripe.webhook/1" : "");
            cold.add(run);
            base.add(child(scenario, jar, probe, "BareHandler", 1, 0, 0, Map.of("BENCH_CALLS", calls)));
            micronaut.add(child(scenario, jar, probe, "MicronautShare", 1, 0, 0, Map.of()));
            System.out.printf("%s cold %d: init %.0f ms, first %.0f ms (%s) | baseline init %.0f ms, first %.0f ms%n", scenario.function(), i + 1,
                    run.ms("init_ns"), run.ms("first_ns"), calls, base.getLast().ms("init_ns"), base.getLast().ms("first_ns"));
        }
        var hot = child(scenario, jar, probe, scenario.handler(), 1 + warmup + warm, warmup, warm, Map.of());
        var hotBase = child(scenario, jar, probe, "BareHandler", 1 + warmup + warm, warmup, warm, Map.of("BENCH_CALLS", calls));
        double fnWarm = hot.ms("warm_ns") / warm, baseWarm = hotBase.ms("warm_ns") / warm;
        // the calls an invocation must make, timed inside it: its AWS SDK calls, and its Stripe calls as the baseline times them
        double mustCall = (hot.ms("warm_sdk_ns") + hotBase.ms("warm_stripe_ns")) / warm;
        double fnCold = median(cold, r -> r.ms("init_ns") + r.ms("first_ns")), baseCold = median(base, r -> r.ms("init_ns") + r.ms("first_ns"));
        var units = hot.values().get("warm_units").split(",");
        var row = "| %s | %.1f MB | %.0f / %.0f | %.0f | %.0f / %.0f | %.0f / %.0f | **%.2f** | %.0f / %.0f | %.2f / %.2f | **%.2f** | %.2f | **%.2f** | %s / %s | %s |".formatted(
                scenario.function(), Files.size(jar) / 1e6,
                median(cold, r -> r.ms("init_ns")), median(base, r -> r.ms("init_ns")), median(micronaut, r -> r.ms("init_ns")),
                median(cold, r -> r.ms("first_ns")), median(base, r -> r.ms("first_ns")),
                fnCold, baseCold, fnCold / baseCold,
                median(cold, r -> Double.parseDouble(r.values().get("rss_kb")) / 1024), median(base, r -> Double.parseDouble(r.values().get("rss_kb")) / 1024),
                fnWarm, baseWarm, fnWarm / baseWarm, mustCall, fnWarm / mustCall, trim(units[0]), trim(units[1]), calls);
        System.out.println(row);
        System.out.println(scenario.function() + " writes (first invocation): " + cold.getLast().values().getOrDefault("writes", ""));
        return row;
    }

    private static String trim(String units) {
        var value = Double.parseDouble(units);
        return value == Math.rint(value) ? Long.toString((long) value) : "%.1f".formatted(value);
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> value) {
        var sorted = runs.stream().mapToDouble(value).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** What one invocation called: the AWS calls the probe logged, then the Stripe objects it created, counted in the sandbox. */
    private static String calls(Run run) {
        return run.values().getOrDefault("calls", "") + run.values().getOrDefault("stripe", "");
    }

    private static void require(Scenario scenario, Run run) {
        var status = run.values().getOrDefault("status", "none");
        if (status.startsWith("4") || status.startsWith("5") || status.startsWith("failed") || status.equals("none")) {
            throw new IllegalStateException(scenario.function() + " answered " + status + ": " + run.values());
        }
    }

    private static final List<String> STRIPE_OBJECTS = List.of("checkout_session", "payment_intent", "refund");

    private Map<String, Integer> stripeObjects() {
        var counts = new LinkedHashMap<String, Integer>();
        for (var type : STRIPE_OBJECTS) counts.put(type, sandbox.list(type.replace("checkout_session", "checkout.session")).size());
        return counts;
    }

    /**
     * One container. The events are written first; where the scenario seeds its work per invocation
     * ({@code beforeEach}: a daily dispatch must find exactly one delivery due), the probe asks before
     * each invocation ("next") and waits for "go", outside its clocks.
     */
    /** Each handler's Timeout in template.yaml, read once. */
    private final Map<String, Integer> timeouts = new java.util.HashMap<>();

    private Run child(Scenario scenario, Path jar, Path probe, String handler, int events, int warmup, int measured, Map<String, String> extra) throws Exception {
        var file = work.resolve(scenario.function() + "-events.json");
        var bare = handler.equals("BareHandler") || handler.equals("MicronautShare");
        if (!bare) { // the baseline reads the events of the function's run before it (the webhook baseline verifies the same payloads)
            var list = new ArrayList<String>();
            for (int i = 0; i < events; i++) list.add(scenario.event().apply(i));
            Files.writeString(file, "[" + String.join(",", list) + "]");
        }
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM);
        // e.g. PROBE_JAVA_OPTIONS=-XX:StartFlightRecording=filename=/tmp/fn.jfr to profile the containers
        if (!bare && System.getenv("PROBE_JAVA_OPTIONS") != null) command.addAll(List.of(System.getenv("PROBE_JAVA_OPTIONS").split(" ")));
        command.addAll(List.of("-cp", jar + File.pathSeparator + probe + File.pathSeparator + probeLibraries(),
                "LambdaProbe", handler, bare ? "map" : scenario.input(), file.toString(), Integer.toString(warmup), Integer.toString(measured)));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().putAll(extra);
        // the time a handler may count on, as Lambda's context gives it: the function's Timeout in template.yaml
        builder.environment().put("BENCH_TIMEOUT_MS", Long.toString(1000L * timeouts.computeIfAbsent(scenario.handler(), type ->
                com.termwise.lambdaruntime.FunctionDefinition.forHandler(root.resolve("template.yaml"), type).timeoutSeconds())));
        boolean sync = scenario.beforeEach() != null && !bare;
        if (sync) builder.environment().put("BENCH_SYNC", "1");
        var before = new java.util.concurrent.atomic.AtomicReference<>(stripeObjects());
        var process = builder.start();
        var values = new LinkedHashMap<String, String>();
        var output = new StringBuilder();
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var go = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("next")) {
                    scenario.beforeEach().run();
                    before.set(stripeObjects()); // what the seeding created is not the function's
                    go.println("go");
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq > 0 && line.charAt(0) != '{') values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        int exit = process.waitFor();
        if (exit != 0) throw new IllegalStateException(scenario.function() + " " + handler + " exited " + exit + ":\n" + output);
        if (!bare && events == 1) {
            var after = stripeObjects();
            var was = before.get();
            var stripe = after.entrySet().stream().filter(e -> e.getValue() > was.get(e.getKey()))
                    .map(e -> ",stripe." + e.getKey() + "/" + (e.getValue() - was.get(e.getKey()))).collect(Collectors.joining());
            values.put("stripe", stripe);
        }
        return new Run(values);
    }

    private Path compileProbe(Path jar) throws IOException {
        var out = work.resolve("probe-" + jar.getFileName().toString().replace(".jar", ""));
        Files.createDirectories(out);
        var sources = new ArrayList<String>();
        try (var files = Files.list(root.resolve("infra/bench/probe"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                // the baseline's Stripe, SQS, SES and EventBridge calls compile only where the artifact carries that client
                var name = f.getFileName().toString();
                var client = switch (name) {
                    case "BareStripe.java" -> "com/stripe/StripeClient.class";
                    case "BareSqs.java" -> "software/amazon/awssdk/services/sqs/SqsClient.class";
                    case "BareSesv2.java" -> "software/amazon/awssdk/services/sesv2/SesV2Client.class";
                    case "BareEventbridge.java" -> "software/amazon/awssdk/services/eventbridge/EventBridgeClient.class";
                    default -> null;
                };
                if (client == null || contains(jar, client)) sources.add(f.toString());
            }
        }
        var args = new ArrayList<>(List.of("-d", out.toString(), "-cp", jar + File.pathSeparator + probeLibraries(), "-nowarn", "-proc:none"));
        args.addAll(sources);
        int result = ToolProvider.getSystemJavaCompiler().run(null, null, System.err, args.toArray(String[]::new));
        if (result != 0) throw new IllegalStateException("probe did not compile against " + jar);
        var services = out.resolve("software/amazon/awssdk/global/handlers");
        Files.createDirectories(services);
        Files.copy(root.resolve("infra/bench/probe/software/amazon/awssdk/global/handlers/execution.interceptors"),
                services.resolve("execution.interceptors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static boolean contains(Path jar, String entry) throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        }
    }

    /** jackson-databind reads the events in the probe, before any clock starts: Lambda's runtime does that for a handler. */
    /**
     * jackson-databind and its annotations for the probe's event reading, from the local Maven repository: never the
     * runner's own shaded jar, whose copies of every module and of Micronaut would sit behind the function's classes.
     */
    private static String probeLibraries() {
        var version = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
        var repository = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "fasterxml", "jackson");
        var databind = repository.resolve("core/jackson-databind/" + version + "/jackson-databind-" + version + ".jar");
        var minor = version.getMajorVersion() + "." + version.getMinorVersion();
        try (var versions = Files.list(repository.resolve("core/jackson-annotations"))) {
            var annotations = versions.filter(v -> v.getFileName().toString().startsWith(minor)).sorted().toList().getLast();
            return databind + File.pathSeparator + annotations.resolve("jackson-annotations-" + annotations.getFileName() + ".jar");
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("jackson-databind " + version + " and its annotations are not in " + repository + " (run ./mvnw install)", e);
        }
    }
}
