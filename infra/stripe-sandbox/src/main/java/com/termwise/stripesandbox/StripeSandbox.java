package com.termwise.stripesandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A stand-in for Stripe on 127.0.0.1: the subset of the API Termwise calls (customers, Checkout
 * Sessions, PaymentIntents with off-session confirmation, refunds, charges), answered in the
 * shapes of Stripe's API reference to the real stripe-java client, with Stripe's idempotency
 * semantics and webhooks signed the way Stripe signs them ({@code t=...,v1=HMAC-SHA256}).
 *
 * <p>Stripe's test payment methods behave as documented: {@code pm_card_visa} succeeds,
 * {@code pm_card_chargeDeclined} is declined, {@code pm_card_chargeCustomerFail} can be saved (in
 * setup mode) but every charge to it is declined, {@code pm_card_authenticationRequired} needs
 * 3-D Secure whenever the customer is not present, and a refund to {@code pm_card_refundFail}
 * starts {@code pending} and later fails. Each use of a test token creates a {@code pm_} payment
 * method, as Stripe does.
 *
 * <p>As strict as Stripe where Termwise relies on it: unknown parameters are refused, as are
 * {@code customer} with {@code customer_creation} or {@code customer_email}, an {@code expires_at}
 * outside 30 minutes to 24 hours, and amounts below the minimum charge; idempotency keys are kept
 * 24 hours and a key reused with other parameters is an {@code idempotency_error}. Disputes start
 * as inquiries or as chargebacks ({@code dp_} ids) and close won or lost. Events carry
 * {@code request.id} and {@code request.idempotency_key} when an API request caused them.
 */
public final class StripeSandbox implements AutoCloseable {

    public static final String VISA = "pm_card_visa";
    public static final String DECLINED = "pm_card_chargeDeclined";
    public static final String CUSTOMER_FAIL = "pm_card_chargeCustomerFail";
    public static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";
    public static final String REFUND_FAIL = "pm_card_refundFail";
    /** Stripe's minimum charge in pence for GBP (and cents for EUR, USD). */
    static final long MINIMUM_CHARGE = 30;
    static final java.time.Duration KEY_LIFETIME = java.time.Duration.ofHours(24);

    /** A webhook the sandbox delivered: Stripe's event type, the endpoint's HTTP status. */
    public record Delivery(String eventId, String type, int status) {}

    private final HttpServer server;
    private final String apiKey;
    private final String signingSecret;
    private final String apiVersion;
    private final Clock clock;
    private final Supplier<Optional<URI>> webhookEndpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Map<String, Object>> objects = new ConcurrentHashMap<>();
    /** {@link #savedCard}'s seeding shortcut: "customer token" to the payment method saved for it. */
    private final Map<String, String> savedTokens = new ConcurrentHashMap<>();
    private final Map<String, Replay> idempotency = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Replay(String request, int status, String body, long at) {}

    /** The API request being served (its id and idempotency key), which an event it causes names. */
    private final ThreadLocal<Map<String, Object>> cause = new ThreadLocal<>();

    private final Map<String, String> payloads = new ConcurrentHashMap<>();
    /** Every event sent, in order, with the object it is about: what {@link #replay} sends again. */
    private final List<Map.Entry<String, String>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Faults faults = new Faults(new java.util.Random());
    private final List<String> held = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean holding;

    /**
     * @param apiVersion      the API version stamped on events: the one the client pins, as Stripe does for an endpoint
     * @param webhookEndpoint where to POST signed events (empty: keep them, send nothing)
     */
    public StripeSandbox(int port, String apiKey, String signingSecret, String apiVersion, Clock clock,
                         Supplier<Optional<URI>> webhookEndpoint) throws IOException {
        this.apiKey = apiKey;
        this.signingSecret = signingSecret;
        this.apiVersion = apiVersion;
        this.clock = clock;
        this.webhookEndpoint = webhookEndpoint;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()); // a webhook arrives while its cause is still being served
        server.start();
    }

    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** When money first moved (a charge, a refund or a dispute was created) at or after {@code from}: read in place, nothing copied. */
    public synchronized Optional<java.time.Instant> firstMoneyFrom(java.time.Instant from) {
        return objects.values().stream().filter(o -> List.of("charge", "refund", "dispute").contains(o.get("object")))
                .map(o -> ((Number) o.get("created")).longValue()).filter(created -> created >= from.getEpochSecond()).min(Long::compare)
                .map(java.time.Instant::ofEpochSecond);
    }

    /** Every object of a kind, e.g. {@code "refund"}, oldest first. */
    public synchronized List<Map<String, Object>> list(String objectType) {
        return objects.values().stream().filter(o -> objectType.equals(o.get("object")))
                .sorted(java.util.Comparator.comparing(o -> (String) o.get("id"))).map(o -> copy(view(o))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the customer's side: the hosted page and the card network ----

    /**
     * The customer pays on the hosted checkout page with one of Stripe's test payment methods.
     * Returns the PaymentIntent. The webhooks Stripe would send are delivered before this returns.
     */
    public synchronized Map<String, Object> completeCheckout(String sessionId, String paymentMethod) {
        var session = require(sessionId, "checkout.session");
        if (!"open".equals(session.get("status"))) throw new SandboxError(400, "invalid_request_error", "checkout_session_not_open", "This Checkout Session is " + session.get("status") + ".");
        var customerId = (String) session.get("customer");
        if (customerId == null) {
            customerId = (String) createCustomer(Map.of("email", String.valueOf(session.get("customer_email")))).get("id");
            session.put("customer", customerId);
        }
        var method = paymentMethod(paymentMethod);
        if ("setup".equals(session.get("mode"))) return completeSetup(session, customerId, method);
        var intentData = nested(session, "_payment_intent_data");
        var intent = newIntent(((Number) session.get("amount_total")).longValue(), (String) session.get("currency"), customerId,
                (String) method.get("id"), nested(intentData, "metadata"));
        intent.put("setup_future_usage", intentData.get("setup_future_usage"));
        session.put("payment_intent", intent.get("id"));
        // On the hosted page the customer is present: 3-D Secure is completed there (authenticationRequired succeeds).
        if (DECLINED.equals(token(method)) || CUSTOMER_FAIL.equals(token(method))) {
            decline(intent, "card_declined", "generic_decline", "Your card was declined.");
            send("payment_intent.payment_failed", intent);
            return copy(intent);
        }
        succeed(intent);
        if ("off_session".equals(intentData.get("setup_future_usage"))) attach(method, customerId);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        send("checkout.session.completed", session);
        send("payment_intent.succeeded", intent);
        return copy(intent);
    }

    /** Setup mode: the card is checked and saved for off-session use; nothing is charged. */
    private Map<String, Object> completeSetup(Map<String, Object> session, String customerId, Map<String, Object> method) {
        var setup = newObject("seti", "setup_intent");
        setup.put("customer", customerId);
        setup.put("payment_method", method.get("id"));
        setup.put("payment_method_types", List.of("card"));
        setup.put("usage", "off_session");
        setup.put("metadata", new LinkedHashMap<>(nested(nested(session, "_setup_intent_data"), "metadata")));
        setup.put("last_setup_error", null);
        setup.put("client_secret", setup.get("id") + "_secret_" + token(24));
        session.put("setup_intent", setup.get("id"));
        if (DECLINED.equals(token(method))) { // chargeCustomerFail attaches fine: only its later charges fail
            setup.put("status", "requires_payment_method");
            setup.put("last_setup_error", new LinkedHashMap<>(Map.of("type", "card_error", "code", "card_declined", "message", "Your card was declined.")));
            send("setup_intent.setup_failed", setup);
            return copy(setup);
        }
        setup.put("status", "succeeded");
        attach(method, customerId);
        session.put("status", "complete");
        session.put("payment_status", "no_payment_required");
        send("checkout.session.completed", session);
        send("setup_intent.succeeded", setup);
        return copy(setup);
    }

    /** A session as its hosted page shows it (empty when there is none). */
    synchronized Optional<Map<String, Object>> session(String sessionId) {
        var o = objects.get(sessionId);
        return o == null || !"checkout.session".equals(o.get("object")) ? Optional.empty() : Optional.of(copy(o));
    }

    /** A customer with a card saved for off-session payments, as a completed checkout leaves them (for seeding large runs). */
    public synchronized String savedCard(String email, String paymentMethod) {
        var customer = (String) createCustomer(Map.of("email", email)).get("id");
        var method = paymentMethod(paymentMethod);
        attach(method, customer);
        savedTokens.put(customer + " " + paymentMethod, (String) method.get("id")); // seeding shortcut: the token stands for the saved card
        return customer;
    }

    /**
     * The cardholder disputes a charge with their bank: an inquiry ({@code warning_needs_response}, no money moves) or a
     * chargeback ({@code needs_response}: the funds are withdrawn). Stripe sends {@code charge.dispute.created}, and for a
     * chargeback {@code charge.dispute.funds_withdrawn}.
     */
    public synchronized Map<String, Object> dispute(String chargeId, boolean inquiry) {
        var charge = require(chargeId, "charge");
        var dispute = newObject("dp", "dispute");
        dispute.put("amount", charge.get("amount"));
        dispute.put("currency", charge.get("currency"));
        dispute.put("charge", chargeId);
        dispute.put("payment_intent", charge.get("payment_intent"));
        dispute.put("reason", "fraudulent");
        dispute.put("status", inquiry ? "warning_needs_response" : "needs_response");
        dispute.put("is_charge_refundable", inquiry);
        dispute.put("metadata", new LinkedHashMap<>());
        charge.put("disputed", true);
        send("charge.dispute.created", dispute);
        if (!inquiry) send("charge.dispute.funds_withdrawn", dispute);
        return copy(dispute);
    }

    /**
     * The issuer decides: an inquiry closes {@code warning_closed}; a chargeback closes {@code won} (the funds are reinstated:
     * {@code charge.dispute.funds_reinstated}) or {@code lost}. Stripe sends {@code charge.dispute.closed} either way.
     */
    public synchronized Map<String, Object> closeDispute(String disputeId, boolean won) {
        var dispute = require(disputeId, "dispute");
        var status = (String) dispute.get("status");
        if (List.of("won", "lost", "warning_closed").contains(status)) {
            throw new SandboxError(400, "invalid_request_error", "dispute_already_closed", "This dispute is already closed.");
        }
        boolean inquiry = status.startsWith("warning_");
        dispute.put("status", inquiry ? "warning_closed" : won ? "won" : "lost");
        if (!inquiry && won) send("charge.dispute.funds_reinstated", dispute);
        send("charge.dispute.closed", dispute);
        return copy(dispute);
    }

    /**
     * What Stripe does as time passes, up to the sandbox clock: open Checkout Sessions past {@code expires_at} expire
     * ({@code checkout.session.expired}); a pending refund to {@code pm_card_refundFail} fails ({@code charge.refund.updated},
     * {@code refund.failed}; the charge's {@code amount_refunded} drops again), other pending refunds succeed.
     */
    public synchronized void advance() {
        for (var o : List.copyOf(objects.values())) {
            if ("checkout.session".equals(o.get("object")) && "open".equals(o.get("status")) && ((Number) o.get("expires_at")).longValue() <= now()) {
                expire(o);
            } else if ("refund".equals(o.get("object")) && "pending".equals(o.get("status"))) {
                var charge = objects.get((String) o.get("charge"));
                if (REFUND_FAIL.equals(token(objects.get((String) charge.get("payment_method"))))) {
                    o.put("status", "failed");
                    o.put("failure_reason", "expired_or_canceled_card");
                    long refunded = ((Number) charge.get("amount_refunded")).longValue() - ((Number) o.get("amount")).longValue();
                    charge.put("amount_refunded", refunded);
                    charge.put("refunded", false);
                    send("charge.refund.updated", o);
                    send("refund.failed", o);
                } else {
                    o.put("status", "succeeded");
                    send("charge.refund.updated", o);
                }
            }
        }
    }

    private Map<String, Object> expire(Map<String, Object> session) {
        if (!"open".equals(session.get("status"))) {
            throw new SandboxError(400, "invalid_request_error", "checkout_session_not_open", "Only Checkout Sessions with a status of open can be expired.");
        }
        session.put("status", "expired");
        send("checkout.session.expired", session);
        return view(session);
    }

    // ---- the API ----

    private void serve(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().startsWith("/pay/")) {
            HostedPage.serve(this, exchange);
            return;
        }
        try (exchange) {
            int status;
            String body;
            Optional<Faults.Kind> fault = Optional.empty();
            try {
                authorise(exchange.getRequestHeaders().getFirst("Authorization"));
                var method = exchange.getRequestMethod();
                var path = exchange.getRequestURI().getPath();
                fault = faults.meet(endpoint(method, path));
                if (fault.equals(Optional.of(Faults.Kind.DROPPED_CONNECTION))) {
                    drop(exchange);
                    return;
                }
                if (fault.equals(Optional.of(Faults.Kind.SERVER_ERROR))) {
                    throw new SandboxError(500, "api_error", null, "An unknown error occurred (a fault the sandbox was asked to serve).");
                }
                if (fault.equals(Optional.of(Faults.Kind.RATE_LIMITED))) {
                    throw new SandboxError(429, "invalid_request_error", "rate_limit",
                            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.");
                }
                var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var params = FormParams.parse("GET".equals(method) ? exchange.getRequestURI().getRawQuery() : raw);
                var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                var requestId = "req_" + token(14);
                var request = new LinkedHashMap<String, Object>();
                request.put("id", requestId);
                request.put("idempotency_key", key);
                cause.set(request);
                exchange.getResponseHeaders().add("Request-Id", requestId);
                if ("POST".equals(method) && key != null) {
                    var replay = replayOrRun(key, method + " " + path + "?" + new TreeMap<>(params), () -> route(method, path, params));
                    status = replay.status();
                    body = replay.body();
                    exchange.getResponseHeaders().add("Idempotency-Key", key);
                } else {
                    status = 200;
                    body = Json.write(route(method, path, params));
                }
            } catch (SandboxError e) {
                status = e.status;
                body = e.json();
            } finally {
                cause.remove();
            }
            if (fault.equals(Optional.of(Faults.Kind.TIMEOUT_AFTER_APPLY))) { // done, and answered too late for the caller
                try {
                    Thread.sleep(faults.answerDelay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fault.equals(Optional.of(Faults.Kind.TIMEOUT_AFTER_APPLY)) || fault.equals(Optional.of(Faults.Kind.RESET_AFTER_APPLY))) {
                drop(exchange);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Stripe-Version", apiVersion);
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /**
     * The connection ends mid-answer: headers promise a body that never comes, so the client's read fails as on a
     * connection reset or a timeout, and it cannot tell whether the request was carried out.
     */
    private static void drop(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 1024);
        exchange.getResponseBody().flush();
        try {
            exchange.close();
        } catch (RuntimeException cut) {
            // the server notices the missing bytes and closes the connection, which is the point
        }
    }

    /** The faults this sandbox serves (tests, and {@code /_local/stripe/faults}). */
    public Faults faults() {
        return faults;
    }

    /** An endpoint as the API reference names it, ids as {@code {id}}: {@code POST /v1/checkout/sessions/{id}/expire}. */
    static String endpoint(String method, String path) {
        return method + " " + path.replaceAll("/(cus|cs_test|pi|ch|re|seti|pm|dp)_[A-Za-z0-9]+(/expire)?$", "/{id}$2");
    }

    /** Stripe: a key replays the first response for the same request; the same key with other parameters is an error. */
    private Replay replayOrRun(String key, String request, Supplier<Map<String, Object>> run) {
        synchronized (this) {
            var previous = idempotency.get(key);
            if (previous != null && previous.at() + KEY_LIFETIME.toSeconds() <= now()) previous = null; // Stripe keeps keys 24 hours
            if (previous != null) {
                if (!previous.request().equals(request)) {
                    throw new SandboxError(400, "idempotency_error", "idempotency_key_in_use",
                            "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a different request.");
                }
                return previous;
            }
            Replay outcome;
            try {
                outcome = new Replay(request, 200, Json.write(run.get()), now());
            } catch (SandboxError e) {
                if (e.status >= 500) throw e;
                outcome = new Replay(request, e.status, e.json(), now()); // Stripe saves 4xx results too
            }
            idempotency.put(key, outcome);
            return outcome;
        }
    }

    private void authorise(String header) {
        if (header == null || !header.equals("Bearer " + apiKey)) {
            throw new SandboxError(401, "invalid_request_error", null, "Invalid API Key provided.");
        }
    }

    /** The parameters each endpoint takes (their top-level names, as Stripe's API reference lists them); any other is refused. */
    private static final Map<String, java.util.Set<String>> PARAMETERS = Map.of(
            "POST /v1/customers", java.util.Set.of("email", "name", "metadata", "expand"),
            "POST /v1/checkout/sessions", java.util.Set.of("mode", "line_items", "payment_intent_data", "setup_intent_data", "customer",
                    "customer_creation", "customer_email", "client_reference_id", "metadata", "success_url", "cancel_url", "expires_at",
                    "payment_method_types", "currency", "expand"),
            "POST /v1/checkout/sessions/{id}/expire", java.util.Set.of("expand"),
            "POST /v1/payment_intents", java.util.Set.of("amount", "currency", "customer", "payment_method", "payment_method_types",
                    "off_session", "confirm", "description", "metadata", "setup_future_usage", "expand"),
            "POST /v1/refunds", java.util.Set.of("charge", "payment_intent", "amount", "metadata", "reason", "expand"),
            // the list endpoints, with the filters the API reference gives each
            "GET /v1/charges", java.util.Set.of("created", "customer", "payment_intent", "limit", "starting_after", "ending_before", "expand"),
            "GET /v1/refunds", java.util.Set.of("created", "charge", "payment_intent", "limit", "starting_after", "ending_before", "expand"),
            "GET /v1/disputes", java.util.Set.of("created", "charge", "payment_intent", "limit", "starting_after", "ending_before", "expand"));

    private synchronized Map<String, Object> route(String method, String path, Map<String, String> p) {
        var id = path.replaceAll(".*/((cus|cs_test|pi|ch|re|seti|pm|dp)_[A-Za-z0-9]+)(/expire)?$", "$1");
        var key = endpoint(method, path);
        var allowed = PARAMETERS.getOrDefault(key, java.util.Set.of("expand"));
        for (var name : p.keySet()) {
            var root = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            if (!allowed.contains(root)) throw new SandboxError(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + name, name);
        }
        return switch (key) {
            case "POST /v1/customers" -> createCustomer(p);
            case "GET /v1/customers/{id}" -> view(require(id, "customer"));
            case "POST /v1/checkout/sessions" -> createSession(p);
            case "GET /v1/checkout/sessions/{id}" -> view(require(id, "checkout.session"));
            case "POST /v1/checkout/sessions/{id}/expire" -> expire(require(id, "checkout.session"));
            case "POST /v1/payment_intents" -> createPaymentIntent(p);
            case "GET /v1/payment_intents/{id}" -> view(require(id, "payment_intent"));
            case "GET /v1/setup_intents/{id}" -> view(require(id, "setup_intent"));
            case "GET /v1/payment_methods/{id}" -> view(require(id, "payment_method"));
            case "GET /v1/charges/{id}" -> view(require(id, "charge"));
            case "POST /v1/refunds" -> createRefund(p);
            case "GET /v1/refunds/{id}" -> view(require(id, "refund"));
            case "GET /v1/disputes/{id}" -> view(require(id, "dispute"));
            case "GET /v1/charges" -> list("charge", "/v1/charges", p, List.of("customer", "payment_intent"));
            case "GET /v1/refunds" -> list("refund", "/v1/refunds", p, List.of("charge", "payment_intent"));
            case "GET /v1/disputes" -> list("dispute", "/v1/disputes", p, List.of("charge", "payment_intent"));
            default -> throw notFound(path);
        };
    }

    /**
     * Stripe's list: newest first, {@code created[gt|gte|lt|lte]} in epoch seconds, equality {@code filters}, {@code limit}
     * 1 to 100 (default 10), a page after {@code starting_after}'s object, and {@code has_more} when there is another.
     */
    private Map<String, Object> list(String type, String url, Map<String, String> p, List<String> filters) {
        if (p.containsKey("ending_before")) throw new SandboxError(400, "invalid_request_error", "parameter_unsupported", "The sandbox pages forward only.", "ending_before");
        int limit = 10;
        if (p.containsKey("limit")) {
            try {
                limit = Integer.parseInt(p.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 100) throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + p.get("limit"), "limit");
        }
        var range = new java.util.LinkedHashMap<String, Long>();
        for (var op : List.of("gt", "gte", "lt", "lte")) {
            var v = p.get("created[" + op + "]");
            if (v == null) continue;
            try {
                range.put(op, Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + v, "created[" + op + "]");
            }
        }
        for (var name : p.keySet()) {
            if (name.startsWith("created") && !name.matches("created\\[(gt|gte|lt|lte)]")) {
                throw new SandboxError(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + name, name);
            }
        }
        var matching = objects.values().stream().filter(o -> type.equals(o.get("object")))
                .filter(o -> filters.stream().allMatch(f -> !p.containsKey(f) || p.get(f).equals(o.get(f))))
                .filter(o -> {
                    long created = ((Number) o.get("created")).longValue();
                    return (!range.containsKey("gt") || created > range.get("gt")) && (!range.containsKey("gte") || created >= range.get("gte"))
                            && (!range.containsKey("lt") || created < range.get("lt")) && (!range.containsKey("lte") || created <= range.get("lte"));
                })
                .sorted(java.util.Comparator.<Map<String, Object>>comparingLong(o -> ((Number) o.get("created")).longValue()).reversed()
                        .thenComparing(o -> (String) o.get("id"), java.util.Comparator.reverseOrder()))
                .toList();
        int from = 0;
        if (p.containsKey("starting_after")) {
            var after = p.get("starting_after");
            int at = -1;
            for (int i = 0; i < matching.size(); i++) if (matching.get(i).get("id").equals(after)) at = i;
            if (at < 0) throw new SandboxError(400, "invalid_request_error", "resource_missing", "No such " + type + ": '" + after + "'", "starting_after");
            from = at + 1;
        }
        var page = matching.subList(from, Math.min(matching.size(), from + limit)).stream().map(StripeSandbox::view).toList();
        var out = new LinkedHashMap<String, Object>();
        out.put("object", "list");
        out.put("data", page);
        out.put("has_more", from + limit < matching.size());
        out.put("url", url);
        return out;
    }

    private Map<String, Object> createCustomer(Map<String, String> p) {
        var customer = newObject("cus", "customer");
        customer.put("email", p.get("email"));
        customer.put("name", p.get("name"));
        customer.put("metadata", FormParams.sub(p, "metadata"));
        customer.put("invoice_settings", new LinkedHashMap<>(Map.of("default_payment_method", "")));
        return view(customer);
    }

    private Map<String, Object> createSession(Map<String, String> p) {
        var mode = requireParam(p, "mode");
        if (!List.of("payment", "setup").contains(mode)) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "The sandbox supports mode=payment and mode=setup.", "mode");
        }
        if (p.containsKey("customer")) {
            for (var other : List.of("customer_creation", "customer_email")) {
                if (p.containsKey(other)) throw new SandboxError(400, "invalid_request_error", "parameter_invalid",
                        "You may only specify one of these parameters: customer, " + other + ".", other);
            }
            require(p.get("customer"), "customer");
        }
        long expiresAt = p.containsKey("expires_at") ? longParam(p, "expires_at") : now() + 24 * 3600;
        if (expiresAt < now() + 30 * 60 || expiresAt > now() + 24 * 3600) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid",
                    "The `expires_at` timestamp must be at least 30 minutes and at most 24 hours after Checkout Session creation.", "expires_at");
        }
        var types = p.entrySet().stream().filter(e -> e.getKey().startsWith("payment_method_types[")).map(Map.Entry::getValue).toList();
        if (types.stream().anyMatch(t -> !t.equals("card"))) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "The sandbox offers card payments only.", "payment_method_types");
        }
        var session = newObject("cs_test", "checkout.session");
        session.put("mode", mode);
        session.put("status", "open");
        if ("payment".equals(mode)) {
            var currency = requireParam(p, "line_items[0][price_data][currency]");
            long unit = longParam(p, "line_items[0][price_data][unit_amount]");
            long quantity = p.containsKey("line_items[0][quantity]") ? longParam(p, "line_items[0][quantity]") : 1;
            atLeastMinimum(unit * quantity, "line_items[0][price_data][unit_amount]");
            session.put("payment_status", "unpaid");
            session.put("amount_total", unit * quantity);
            session.put("amount_subtotal", unit * quantity);
            session.put("currency", currency);
        } else {
            if (p.keySet().stream().anyMatch(k -> k.startsWith("line_items") || k.startsWith("payment_intent_data"))) {
                throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "line_items and payment_intent_data cannot be used in setup mode.", "mode");
            }
            session.put("payment_status", "no_payment_required");
            session.put("amount_total", null);
            session.put("amount_subtotal", null);
            session.put("currency", p.get("currency"));
        }
        session.put("payment_method_types", types.isEmpty() ? List.of("card") : types);
        session.put("customer", p.get("customer"));
        session.put("customer_creation", p.get("customer_creation"));
        session.put("customer_email", p.get("customer_email"));
        session.put("client_reference_id", p.get("client_reference_id"));
        session.put("metadata", FormParams.sub(p, "metadata"));
        session.put("success_url", p.get("success_url"));
        session.put("cancel_url", p.get("cancel_url"));
        session.put("expires_at", expiresAt);
        session.put("payment_intent", null);
        session.put("setup_intent", null);
        session.put("url", apiBase() + "/pay/" + session.get("id"));
        var intentData = new LinkedHashMap<String, Object>();
        intentData.put("setup_future_usage", p.get("payment_intent_data[setup_future_usage]"));
        intentData.put("metadata", FormParams.sub(p, "payment_intent_data[metadata]"));
        session.put("_payment_intent_data", intentData);
        session.put("_setup_intent_data", new LinkedHashMap<>(Map.of("metadata", FormParams.sub(p, "setup_intent_data[metadata]"))));
        return view(session);
    }

    private static void atLeastMinimum(long amount, String param) {
        if (amount < MINIMUM_CHARGE) {
            throw new SandboxError(400, "invalid_request_error", "amount_too_small", "Amount must be at least 30 pence.", param);
        }
    }

    /** Off-session renewals: confirm at once with the saved card, as Termwise does. */
    private Map<String, Object> createPaymentIntent(Map<String, String> p) {
        long amount = longParam(p, "amount");
        atLeastMinimum(amount, "amount");
        var currency = requireParam(p, "currency");
        var customer = p.get("customer");
        if (customer != null) require(customer, "customer");
        var given = p.get("payment_method");
        boolean offSession = "true".equals(p.get("off_session"));
        var method = given == null ? null : savedAs(given, customer).orElseGet(() -> paymentMethod(given));
        boolean confirm = "true".equals(p.get("confirm"));
        // a request Stripe refuses creates nothing: checked before the PaymentIntent exists
        if (confirm && method == null) throw new SandboxError(400, "invalid_request_error", "parameter_missing", "You must provide a payment_method to confirm.", "payment_method");
        if (confirm && offSession && (customer == null || !customer.equals(method.get("customer")))) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "The payment method " + given + " is not attached to customer " + customer + ".", "payment_method");
        }
        var intent = newIntent(amount, currency, customer, method == null ? null : (String) method.get("id"), FormParams.sub(p, "metadata"));
        if (!confirm) return view(intent);
        switch (String.valueOf(token(method))) {
            case DECLINED, CUSTOMER_FAIL -> {
                decline(intent, "card_declined", "generic_decline", "Your card was declined.");
                send("payment_intent.payment_failed", intent);
                throw cardError(intent, "card_declined", "generic_decline", "Your card was declined.");
            }
            case AUTHENTICATION_REQUIRED -> {
                // Stripe: an off-session payment that needs 3-D Secure fails with authentication_required;
                // the customer has to come back on session to authenticate.
                decline(intent, "authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");
                intent.put("status", offSession ? "requires_payment_method" : "requires_action");
                send("payment_intent.payment_failed", intent);
                throw cardError(intent, "authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.");
            }
            default -> {
                succeed(intent);
                send("payment_intent.succeeded", intent);
            }
        }
        return view(intent);
    }

    private Map<String, Object> createRefund(Map<String, String> p) {
        Map<String, Object> charge;
        if (p.containsKey("charge")) {
            charge = require(p.get("charge"), "charge");
        } else {
            var intent = require(requireParam(p, "payment_intent"), "payment_intent");
            var latest = (String) intent.get("latest_charge");
            if (latest == null) throw new SandboxError(400, "invalid_request_error", "charge_not_refundable", "This PaymentIntent has no successful charge to refund.", "payment_intent");
            charge = objects.get(latest);
        }
        long captured = ((Number) charge.get("amount_captured")).longValue();
        long already = ((Number) charge.get("amount_refunded")).longValue();
        long amount = p.containsKey("amount") ? longParam(p, "amount") : captured - already;
        if (amount <= 0 || already + amount > captured) {
            throw new SandboxError(400, "invalid_request_error", "amount_too_large",
                    "Refund amount (" + amount + ") is greater than unrefunded amount on charge (" + (captured - already) + ")", "amount");
        }
        if (Boolean.TRUE.equals(charge.get("disputed"))) {
            throw new SandboxError(400, "invalid_request_error", "charge_disputed", "Charge " + charge.get("id") + " has been charged back; cannot issue a refund.", "charge");
        }
        var refund = newObject("re", "refund");
        refund.put("amount", amount);
        refund.put("currency", charge.get("currency"));
        refund.put("charge", charge.get("id"));
        refund.put("payment_intent", charge.get("payment_intent"));
        refund.put("reason", p.getOrDefault("reason", null));
        // a refund to pm_card_refundFail waits for the card network (advance() fails it); others succeed at once
        refund.put("status", REFUND_FAIL.equals(token(objects.get((String) charge.get("payment_method")))) ? "pending" : "succeeded");
        refund.put("failure_reason", null);
        refund.put("metadata", FormParams.sub(p, "metadata"));
        charge.put("amount_refunded", already + amount);
        charge.put("refunded", already + amount == captured);
        send("charge.refunded", charge);
        return view(refund);
    }

    // ---- objects ----

    private Map<String, Object> newIntent(long amount, String currency, String customer, String method, Map<String, Object> metadata) {
        var intent = newObject("pi", "payment_intent");
        intent.put("amount", amount);
        intent.put("amount_received", 0L);
        intent.put("currency", currency);
        intent.put("customer", customer);
        intent.put("payment_method", method);
        intent.put("payment_method_types", List.of("card"));
        intent.put("metadata", new LinkedHashMap<>(metadata));
        intent.put("status", "requires_confirmation");
        intent.put("latest_charge", null);
        intent.put("last_payment_error", null);
        intent.put("client_secret", intent.get("id") + "_secret_" + token(24));
        return intent;
    }

    private void succeed(Map<String, Object> intent) {
        var charge = newObject("ch", "charge");
        long amount = ((Number) intent.get("amount")).longValue();
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("amount_refunded", 0L);
        charge.put("currency", intent.get("currency"));
        charge.put("customer", intent.get("customer"));
        charge.put("payment_intent", intent.get("id"));
        charge.put("payment_method", intent.get("payment_method"));
        charge.put("metadata", new LinkedHashMap<>(nested(intent, "metadata"))); // Stripe copies the intent's metadata
        charge.put("paid", true);
        charge.put("captured", true);
        charge.put("refunded", false);
        charge.put("disputed", false);
        charge.put("status", "succeeded");
        intent.put("status", "succeeded");
        intent.put("amount_received", amount);
        intent.put("latest_charge", charge.get("id"));
    }

    private void decline(Map<String, Object> intent, String code, String declineCode, String message) {
        intent.put("status", "requires_payment_method");
        var error = new LinkedHashMap<String, Object>();
        error.put("type", "card_error");
        error.put("code", code);
        error.put("decline_code", declineCode);
        error.put("message", message);
        error.put("payment_method", Map.of("id", String.valueOf(intent.get("payment_method")), "object", "payment_method"));
        intent.put("last_payment_error", error);
    }

    private SandboxError cardError(Map<String, Object> intent, String code, String declineCode, String message) {
        var error = new SandboxError(402, "card_error", code, message);
        error.extra.put("decline_code", declineCode);
        error.extra.put("payment_intent", view(intent));
        return error;
    }

    private static void attach(Map<String, Object> paymentMethod, String customer) {
        paymentMethod.put("customer", customer);
    }

    /** A {@code pm_} id, or a test token given for a card saved under it ({@link #savedCard}): the saved payment method. */
    private Optional<Map<String, Object>> savedAs(String given, String customer) {
        if (given.startsWith("pm_card_")) {
            var id = customer == null ? null : savedTokens.get(customer + " " + given);
            return Optional.ofNullable(id == null ? null : objects.get(id));
        }
        return Optional.of(require(given, "payment_method"));
    }

    /** Stripe's test tokens: each use creates a card payment method with its own {@code pm_} id. */
    private Map<String, Object> paymentMethod(String tokenOrId) {
        if (!tokenOrId.startsWith("pm_card_")) return require(tokenOrId, "payment_method");
        if (!List.of(VISA, DECLINED, CUSTOMER_FAIL, AUTHENTICATION_REQUIRED, REFUND_FAIL).contains(tokenOrId)) {
            throw new SandboxError(400, "invalid_request_error", "resource_missing", "No such PaymentMethod: '" + tokenOrId + "'", "payment_method");
        }
        var method = newObject("pm", "payment_method");
        method.put("type", "card");
        method.put("customer", null);
        method.put("metadata", new LinkedHashMap<>());
        var last4 = switch (tokenOrId) {
            case DECLINED -> "0002";
            case CUSTOMER_FAIL -> "0341";
            case AUTHENTICATION_REQUIRED -> "3184";
            case REFUND_FAIL -> "5126";
            default -> "4242";
        };
        method.put("card", new LinkedHashMap<>(Map.of("brand", "visa", "last4", last4, "exp_month", 12L, "exp_year", 2034L, "funding", "credit", "country", "GB")));
        method.put("_test_token", tokenOrId);
        return method;
    }

    private static String token(Map<String, Object> paymentMethod) {
        return paymentMethod == null ? null : (String) paymentMethod.get("_test_token");
    }

    private Map<String, Object> newObject(String prefix, String type) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", prefix + "_" + token(24));
        o.put("object", type);
        o.put("created", now());
        if (!"refund".equals(type)) o.put("livemode", false); // Stripe's refund has no livemode
        objects.put((String) o.get("id"), o);
        return o;
    }

    private Map<String, Object> require(String id, String type) {
        var o = objects.get(id);
        if (o == null || !type.equals(o.get("object"))) {
            throw new SandboxError(404, "invalid_request_error", "resource_missing", "No such " + type.replace("checkout.", "checkout ") + ": '" + id + "'", "id");
        }
        return o;
    }

    /** What the API returns: the object without the sandbox's private bookkeeping (fields named {@code _...}). */
    private static Map<String, Object> view(Map<String, Object> o) {
        var copy = new LinkedHashMap<>(o);
        copy.keySet().removeIf(k -> k.startsWith("_"));
        return copy;
    }

    /** Stripe objects hold nulls ({@code "latest_charge": null}), which Map.copyOf refuses. */
    private static Map<String, Object> copy(Map<String, Object> o) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(o));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> o, String key) {
        var v = o.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    // ---- webhooks ----

    /** Keeps webhooks back until {@link #release}: lets a test deliver them late, reordered or twice, as Stripe may. */
    public void holdWebhooks() {
        holding = true;
    }

    /** Sends the held webhooks, newest first when {@code reversed}, and stops holding. */
    public void release(boolean reversed) {
        holding = false;
        List<String> ids;
        synchronized (held) {
            ids = new ArrayList<>(held);
            held.clear();
        }
        if (reversed) java.util.Collections.reverse(ids);
        ids.forEach(this::redeliver);
    }

    /** Stripe's "resend": the same event (same id and body), freshly signed. */
    public Delivery redeliver(String eventId) {
        var payload = payloads.get(eventId);
        if (payload == null) throw new IllegalArgumentException("no event " + eventId);
        var type = payload.replaceAll("(?s).*\"type\":\"([^\"]+)\".*", "$1");
        return post(eventId, type, payload);
    }

    /**
     * Every event sent so far (or those about one customer's objects: a {@code cus_} id or the customer's email), sent again
     * {@code times} over, each round in a new shuffled order, each freshly signed, as Stripe's retries and manual resends
     * arrive. Returns the deliveries, in the order made.
     */
    public List<Delivery> replay(Optional<String> customer, int times, long seed) {
        if (times < 1 || times > 10) throw new IllegalArgumentException("times is 1 to 10");
        List<Map.Entry<String, String>> events;
        synchronized (sent) {
            events = new ArrayList<>(sent);
        }
        var ids = events.stream().filter(e -> customer.isEmpty() || belongsTo(e.getValue(), customer.get())).map(Map.Entry::getKey).toList();
        var order = new java.util.Random(seed);
        var out = new ArrayList<Delivery>();
        for (int round = 0; round < times; round++) {
            var shuffled = new ArrayList<>(ids);
            java.util.Collections.shuffle(shuffled, order);
            for (var id : shuffled) out.add(redeliver(id));
        }
        return out;
    }

    /** Whether an object is a customer's: its own {@code customer}, or its payment's, charge's or intent's. */
    private synchronized boolean belongsTo(String objectId, String customer) {
        var o = objects.get(objectId);
        for (int hops = 0; o != null && hops < 3; hops++) {
            var owner = o.get("customer");
            if (owner instanceof String id) {
                var c = objects.get(id);
                return id.equals(customer) || (c != null && customer.equalsIgnoreCase(String.valueOf(c.get("email"))));
            }
            var next = o.get("payment_intent") != null ? o.get("payment_intent") : o.get("charge");
            o = next instanceof String n ? objects.get(n) : null;
        }
        return false;
    }

    /** Stops holding and hands over the held webhooks' bodies, oldest first, undelivered: a benchmark delivers them itself. */
    public List<String> takeHeld() {
        holding = false;
        synchronized (held) {
            var taken = held.stream().map(payloads::get).toList();
            held.clear();
            return taken;
        }
    }

    /** The body of an event the sandbox sent (or holds), as Stripe signed it. */
    public String payload(String eventId) {
        return payloads.get(eventId);
    }

    /** The bodies of the webhooks being held back, oldest first. */
    public List<String> heldPayloads() {
        synchronized (held) {
            return held.stream().map(payloads::get).toList();
        }
    }

    public String apiKey() {
        return apiKey;
    }

    public String signingSecret() {
        return signingSecret;
    }


    private void send(String type, Map<String, Object> object) {
        var event = new LinkedHashMap<String, Object>();
        event.put("id", "evt_" + token(24));
        event.put("object", "event");
        event.put("api_version", apiVersion);
        event.put("created", now());
        event.put("data", Map.of("object", view(object)));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        var request = cause.get();
        event.put("request", request == null ? nullRequest() : new LinkedHashMap<>(request)); // a customer's action on a hosted page has no API request
        event.put("type", type);
        var payload = Json.write(event);
        var id = (String) event.get("id");
        payloads.put(id, payload);
        sent.add(Map.entry(id, (String) object.get("id")));
        if (holding) {
            held.add(id);
            return;
        }
        post(id, type, payload);
    }

    private static Map<String, Object> nullRequest() {
        var none = new LinkedHashMap<String, Object>();
        none.put("id", null);
        none.put("idempotency_key", null);
        return none;
    }

    private Delivery post(String id, String type, String payload) {
        var endpoint = webhookEndpoint.get();
        if (endpoint.isEmpty()) {
            var kept = new Delivery(id, type, 0);
            deliveries.add(kept);
            return kept;
        }
        var request = HttpRequest.newBuilder(endpoint.get()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Stripe-Signature", WebhookSignature.header(payload, signingSecret, System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        var delivery = new Delivery(id, type, status);
        deliveries.add(delivery);
        return delivery;
    }

    // ---- helpers ----

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private String token(int length) {
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }

    private static String requireParam(Map<String, String> p, String name) {
        var v = p.get(name);
        if (v == null || v.isEmpty()) throw new SandboxError(400, "invalid_request_error", "parameter_missing", "Missing required param: " + name + ".", name);
        return v;
    }

    private static long longParam(Map<String, String> p, String name) {
        try {
            return Long.parseLong(requireParam(p, name));
        } catch (NumberFormatException e) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: " + p.get(name), name);
        }
    }

    private static SandboxError notFound(String path) {
        return new SandboxError(404, "invalid_request_error", null, "Unrecognized request URL (" + path + ").");
    }

    /** Stripe's error body: {"error": {"type", "code"?, "message", "param"?, ...}}; thrown to a caller on the customer's side (a 404 for an unknown id). */
    public static final class SandboxError extends RuntimeException {
        final int status;
        final Map<String, Object> extra = new LinkedHashMap<>();

        SandboxError(int status, String type, String code, String message) {
            this(status, type, code, message, null);
        }

        SandboxError(int status, String type, String code, String message, String param) {
            super(message);
            this.status = status;
            extra.put("type", type);
            if (code != null) extra.put("code", code);
            extra.put("message", message);
            if (param != null) extra.put("param", param);
        }

        String json() {
            return Json.write(Map.of("error", extra));
        }

        public int status() {
            return status;
        }

        /** Stripe's error code ({@code resource_missing}, {@code checkout_session_not_open}, ...). */
        public String code() {
            return String.valueOf(extra.getOrDefault("code", extra.get("type")));
        }
    }

    /** Stripe's form encoding: {@code metadata[orderId]=...}, {@code line_items[0][price_data][currency]=gbp}. */
    static final class FormParams {
        static Map<String, String> parse(String raw) {
            var out = new LinkedHashMap<String, String>();
            if (raw == null || raw.isEmpty()) return out;
            for (var pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                var k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                var v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            }
            return out;
        }

        static Map<String, Object> sub(Map<String, String> p, String prefix) {
            var out = new LinkedHashMap<String, Object>();
            var start = prefix + "[";
            p.forEach((k, v) -> {
                if (k.startsWith(start) && k.endsWith("]") && k.indexOf('[', start.length()) < 0) {
                    out.put(k.substring(start.length(), k.length() - 1), v);
                }
            });
            return out;
        }
    }

    /** Stripe's webhook signature scheme. */
    public static final class WebhookSignature {
        private WebhookSignature() {}

        public static String header(String payload, String secret, long timestamp) {
            try {
                var mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                var signed = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
                return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signed);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
