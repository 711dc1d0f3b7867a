package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded load run against the local runner, everything through its HTTP API as customers, Stripe and operators
 * reach it: CUSTOMERS (default 90) customers of all three catalogs buy at once, then for SECONDS (default 60) THREADS
 * (default 8) of them read their accounts, preview and confirm cancellations, delay boxes, change addresses, enrol,
 * refund and pay, while the test clock moves a day every CLOCK_SECONDS (default 3) so renewals, dispatch and the
 * reconciliation run among them. It reports requests per second, p50 and p99 latency per route, and 5xx errors
 * (target 0); then, the clock moved on past every announced date, the invariants: per customer, payments less refunds
 * in the ledger equal what Stripe took less what it gave back; every cancellation ended its plan on the day its
 * decision announced, with no payment for a period from that day on; every delayed box is on the day its decision
 * said; the reconciliation found nothing. Exits non-zero if an invariant fails or a 5xx was served.
 */
public final class LoadRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = "{\"line1\":\"1 High St\",\"city\":\"Leeds\",\"postcode\":\"LS1 4AP\"}";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** What each confirmed decision announced: "subscription id" or "delivery id" to the effective date. */
    private final Map<String, String> endsAnnounced = new ConcurrentHashMap<>(), boxesAnnounced = new ConcurrentHashMap<>();

    private LoadRun(URI base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.parseInt(System.getenv().getOrDefault("CUSTOMERS", "90"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("SECONDS", "60"));
        int threads = Integer.parseInt(System.getenv().getOrDefault("THREADS", "8"));
        int clockSeconds = Integer.parseInt(System.getenv().getOrDefault("CLOCK_SECONDS", "3"));
        try (var termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-03-02T10:00:00Z"))) {
            var run = new LoadRun(termwise.baseUri());
            System.out.printf("load run: %d customers, %d s, %d threads, the clock a day every %d s%n", customers, seconds, threads, clockSeconds);
            var failures = run.run(customers, seconds, threads, clockSeconds);
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    private int run(int customers, int seconds, int threads, int clockSeconds) throws Exception {
        var names = new ArrayList<String>();
        for (int i = 0; i < customers; i++) names.add("load" + i);
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < customers; i++) {
                var who = names.get(i);
                var kind = i % 3;
                pool.submit(() -> buy(who, kind));
            }
        }
        var stop = new AtomicBoolean();
        var started = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(threads + 1)) {
            pool.submit(() -> {
                while (!stop.get()) {
                    sleep(clockSeconds * 1000L);
                    if (!stop.get()) call("POST", "/_local/clock/advance", null, "{\"days\":1}", Map.of());
                }
            });
            for (int t = 0; t < threads; t++) {
                var random = new Random(t);
                pool.submit(() -> {
                    while (!stop.get()) act(names.get(random.nextInt(names.size())), random);
                });
            }
            sleep(seconds * 1000L);
            stop.set(true);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        report(elapsed);
        call("POST", "/_local/clock/advance", null, "{\"days\":120}", Map.of()); // past every announced date
        return invariants(names);
    }

    // ---- what customers do ----

    private void buy(String who, int kind) {
        var token = call("POST", "/_local/token", null, "{\"sub\":\"" + who + "\",\"email\":\"" + who + "@example.test\"}", Map.of()).path("token").asText();
        tokens.put(who, token);
        var body = switch (kind) {
            case 0 -> "{\"catalog\":\"meal-plans\",\"plan\":\"3-month\",\"customer\":{\"name\":\"Load\",\"birthDate\":\"1980-05-01\"},"
                    + "\"consents\":{\"beginDuringCancellationPeriod\":false,\"acknowledgeLossOfCancellationRight\":false},"
                    + "\"delivery\":{\"address\":" + ADDRESS + ",\"weekendsExcluded\":false}}";
            case 1 -> "{\"catalog\":\"online-courses\",\"plan\":\"annual\",\"customer\":{\"name\":\"Load\"},"
                    + "\"consents\":{\"beginDuringCancellationPeriod\":false,\"acknowledgeLossOfCancellationRight\":false}}";
            default -> "{\"catalog\":\"course-provider\",\"plan\":\"course:teamwork\",\"customer\":{\"name\":\"Load\",\"birthDate\":\"1990-01-01\"},"
                    + "\"consents\":{\"beginDuringCancellationPeriod\":true,\"acknowledgeLossOfCancellationRight\":false}}";
        };
        var started = call("POST", "/v1/checkout", token, body, Map.of("Idempotency-Key", "buy-" + who));
        call("POST", "/_local/stripe/checkout-sessions/" + started.path("sessionId").asText() + "/complete", null, "{\"paymentMethod\":\"pm_card_visa\"}", Map.of());
    }

    private void act(String who, Random random) {
        var token = tokens.get(who);
        if (token == null) return;
        var me = call("GET", "/v1/me", token, null, Map.of());
        var subscription = me.path("subscriptions").path(0);
        var order = me.path("orders").path(0);
        var key = Map.of("Idempotency-Key", who + "-" + random.nextLong());
        switch (random.nextInt(8)) {
            case 0, 1 -> { } // reading the account is most of what customers do
            case 2 -> {
                if (!subscription.isMissingNode()) call("POST", "/v1/subscriptions/" + subscription.path("id").asText() + "/cancel", token, "{\"preview\":true}", Map.of());
            }
            case 3 -> {
                if (subscription.isMissingNode() || random.nextInt(4) != 0) return; // a quarter of those who look, cancel
                var decided = call("POST", "/v1/subscriptions/" + subscription.path("id").asText() + "/cancel", token, "{}", key);
                var outcome = decided.path("outcome").asText();
                if (outcome.equals("CANCELS_AT_PERIOD_END") || outcome.equals("CANCELLED_WITH_REFUND")) {
                    endsAnnounced.put(subscription.path("id").asText(), outcome + " " + decided.path("effectiveDate").asText());
                }
            }
            case 4 -> {
                for (var box : me.path("deliveries")) {
                    if (box.path("month").asInt() < 2 || !"SCHEDULED".equals(box.path("state").asText())) continue;
                    var decided = call("POST", "/v1/deliveries/" + box.path("id").asText() + "/delay", token, "{\"days\":" + (1 + random.nextInt(21)) + "}", key);
                    if ("DELAYED".equals(decided.path("outcome").asText())) boxesAnnounced.put(box.path("id").asText(), decided.path("effectiveDate").asText());
                    return;
                }
            }
            case 5 -> {
                if (subscription.path("allowedActions").toString().contains("delivery-address")) {
                    call("PUT", "/v1/subscriptions/" + subscription.path("id").asText() + "/delivery-address", token,
                            "{\"address\":{\"line1\":\"" + (2 + random.nextInt(90)) + " Croft Road\",\"city\":\"Leeds\",\"postcode\":\"LS2 7AA\"}}", key);
                }
            }
            case 6 -> {
                if (subscription.path("allowedActions").toString().contains("enrol")) {
                    var courses = List.of("bookkeeping-basics", "copywriting", "business-writing", "child-psychology", "creative-writing");
                    call("POST", "/v1/enrolments", token, "{\"courseId\":\"" + courses.get(random.nextInt(courses.size())) + "\"}", key);
                }
            }
            default -> {
                if (subscription.isMissingNode() && !order.isMissingNode() && "ACCEPTED".equals(order.path("state").asText())) {
                    call("POST", "/v1/orders/" + order.path("orderId").asText() + "/cancel", token, "{}", key);
                }
            }
        }
    }

    // ---- the figures ----

    private void report(double elapsed) {
        long total = latencies.values().stream().mapToLong(List::size).sum();
        long errors = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("%n%d requests in %.1f s: %.0f requests/s; 5xx: %d; statuses %s%n", total, elapsed, total / elapsed, errors, new TreeMap<>(statuses));
        System.out.printf("%-58s %8s %8s %8s%n", "route", "count", "p50 ms", "p99 ms");
        for (var e : new TreeMap<>(latencies).entrySet()) {
            var sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            System.out.printf("%-58s %8d %8.1f %8.1f%n", e.getKey(), sorted.size(), percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private int invariants(List<String> names) {
        int failures = 0;
        // payments less refunds, per customer: the ledger against what Stripe moved (the sandbox, through its own API)
        for (var who : names) {
            var me = call("GET", "/v1/me", tokens.get(who), null, Map.of());
            long ledger = 0;
            for (var e : me.path("ledger")) {
                switch (e.path("kind").asText()) {
                    case "PAYMENT_RECEIVED" -> ledger += e.path("amount").path("amount").asLong();
                    case "REFUND_CONFIRMED" -> ledger -= e.path("amount").path("amount").asLong();
                    default -> { }
                }
            }
            long paid = 0, refunded = 0;
            for (var p : me.path("payments")) if (!"failed".equals(p.path("status").asText()) && !"requires_action".equals(p.path("status").asText())) paid += p.path("amount").path("amount").asLong();
            for (var o : me.path("orders")) refunded += o.path("refunded").path("amount").asLong();
            if (ledger != paid - refunded) {
                System.out.printf("FAIL %s: the ledger nets %d, the payments less refunds %d%n", who, ledger, paid - refunded);
                failures++;
            }
            var ids = new java.util.HashSet<String>();
            for (var s : me.path("subscriptions")) {
                if (!ids.add(s.path("id").asText())) {
                    System.out.printf("FAIL %s: subscription %s twice%n", who, s.path("id").asText());
                    failures++;
                }
                var announced = endsAnnounced.get(s.path("id").asText());
                if (announced == null) continue;
                // the plan ends on the day its decision said, and nothing is taken for a period from then on (a cancellation
                // with a refund ends it that day; notice, at the end of the period already paid)
                var now = announced.startsWith("CANCELLED_WITH_REFUND");
                var day = LocalDate.parse(announced.substring(announced.indexOf(' ') + 1));
                var ended = List.of("CANCELLED", "EXPIRED").contains(s.path("state").asText()) && (now || day.toString().equals(s.path("endsOn").asText()));
                var chargedAfter = false;
                for (var p : me.path("payments")) {
                    var paidOn = LocalDate.parse(p.path("date").asText());
                    if ("succeeded".equals(p.path("status").asText()) && (now ? paidOn.isAfter(day) : !paidOn.isBefore(day))) chargedAfter = true;
                }
                if (!ended || chargedAfter) {
                    System.out.printf("FAIL %s: announced %s; state %s, ends %s, charged after it: %s%n", who, announced, s.path("state").asText(),
                            s.path("endsOn").asText("-"), chargedAfter);
                    failures++;
                }
            }
            for (var d : me.path("deliveries")) {
                var announced = boxesAnnounced.get(d.path("id").asText());
                if (announced != null && !announced.equals(d.path("scheduledDate").asText()) && "SCHEDULED".equals(d.path("state").asText())) {
                    System.out.printf("FAIL %s: box %s announced for %s, scheduled %s%n", who, d.path("id").asText(), announced, d.path("scheduledDate").asText());
                    failures++;
                }
            }
        }
        var ops = call("POST", "/_local/token", null, "{\"sub\":\"ops\",\"groups\":[\"admin\"]}", Map.of()).path("token").asText();
        var mismatches = call("GET", "/v1/admin/reconciliation", ops, null, Map.of()).path("mismatches");
        if (mismatches.size() > 0) {
            System.out.println("FAIL reconciliation: " + mismatches);
            failures++;
        }
        long errors = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("invariants: %d customers; %d cancellations and %d delayed boxes checked against their decisions; reconciliation mismatches %d; "
                + "failures %d; 5xx %d%n", names.size(), endsAnnounced.size(), boxesAnnounced.size(), mismatches.size(), failures, errors);
        return failures + (int) errors;
    }

    // ---- HTTP ----

    private JsonNode call(String method, String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        var route = method + " " + path.replaceAll("/(sub|ord|del|enr|cs_test)_[A-Za-z0-9]+", "/{id}");
        long started = System.nanoTime();
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!path.startsWith("/_local/")) { // the API's figures; the runner's own endpoints (the clock, the card page) are not
                latencies.computeIfAbsent(route, r -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - started);
                statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
            }
            return response.body() == null || response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
        } catch (Exception e) {
            statuses.merge("transport", 1, Integer::sum);
            return JSON.missingNode();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
