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
 * {@code pm_card_chargeDeclined} is declined, {@code pm_card_chargeCustomerFail} is saved but
 * later off-session charges are declined, {@code pm_card_authenticationRequired} needs 3-D Secure
 * whenever the customer is not present.
 */
public final class StripeSandbox implements AutoCloseable {

    public static final String VISA = "pm_card_visa";
    public static final String DECLINED = "pm_card_chargeDeclined";
    public static final String CUSTOMER_FAIL = "pm_card_chargeCustomerFail";
    public static final String AUTHENTICATION_REQUIRED = "pm_card_authenticationRequired";

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
    private final Map<String, Replay> idempotency = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());

    private record Replay(String request, int status, String body) {}

    private final Map<String, String> payloads = new ConcurrentHashMap<>();
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

    /** Every object of a kind, e.g. {@code "refund"}, oldest first. */
    public synchronized List<Map<String, Object>> list(String objectType) {
        return objects.values().stream().filter(o -> objectType.equals(o.get("object")))
                .sorted(java.util.Comparator.comparing(o -> (String) o.get("id"))).map(StripeSandbox::copy).toList();
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
        var intentData = nested(session, "payment_intent_data");
        var customerId = (String) session.get("customer");
        if (customerId == null) {
            customerId = (String) createCustomer(Map.of("email", String.valueOf(session.get("customer_email")))).get("id");
            session.put("customer", customerId);
        }
        var intent = newIntent(((Number) session.get("amount_total")).longValue(), (String) session.get("currency"), customerId,
                paymentMethod, nested(intentData, "metadata"));
        session.put("payment_intent", intent.get("id"));
        // On the hosted page the customer is present: 3-D Secure is completed there (authenticationRequired succeeds).
        if (DECLINED.equals(paymentMethod)) {
            decline(intent, "card_declined", "generic_decline", "Your card was declined.");
            send("payment_intent.payment_failed", intent);
            return copy(intent);
        }
        succeed(intent);
        if ("off_session".equals(intentData.get("setup_future_usage"))) attach(paymentMethod, customerId);
        session.put("status", "complete");
        session.put("payment_status", "paid");
        send("checkout.session.completed", session);
        send("payment_intent.succeeded", intent);
        return copy(intent);
    }

    /** A customer with a card saved for off-session payments, as a completed checkout leaves them (for seeding large runs). */
    public synchronized String savedCard(String email, String paymentMethod) {
        var customer = (String) createCustomer(Map.of("email", email)).get("id");
        attach(paymentMethod, customer);
        return customer;
    }

    /**
     * The customer, back on session (the link Termwise mailed), confirms a PaymentIntent their bank
     * held for 3-D Secure and completes the challenge: it succeeds and {@code payment_intent.succeeded} is sent.
     */
    public synchronized Map<String, Object> authenticate(String paymentIntentId) {
        var intent = require(paymentIntentId, "payment_intent");
        if ("succeeded".equals(intent.get("status"))) return copy(intent);
        if (!AUTHENTICATION_REQUIRED.equals(intent.get("payment_method"))) {
            throw new SandboxError(400, "invalid_request_error", "payment_intent_unexpected_state", "This PaymentIntent does not need authentication.");
        }
        succeed(intent);
        intent.put("last_payment_error", null);
        send("payment_intent.succeeded", intent);
        return copy(intent);
    }

    /** The cardholder disputes a charge with their bank: Stripe opens a dispute and sends {@code charge.dispute.created}. */
    public synchronized Map<String, Object> dispute(String chargeId) {
        var charge = require(chargeId, "charge");
        var dispute = newObject("du", "dispute");
        dispute.put("amount", charge.get("amount"));
        dispute.put("currency", charge.get("currency"));
        dispute.put("charge", chargeId);
        dispute.put("payment_intent", charge.get("payment_intent"));
        dispute.put("reason", "fraudulent");
        dispute.put("status", "needs_response");
        dispute.put("is_charge_refundable", false);
        dispute.put("metadata", new LinkedHashMap<>());
        charge.put("disputed", true);
        send("charge.dispute.created", dispute);
        return copy(dispute);
    }

    // ---- the API ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            String body;
            try {
                authorise(exchange.getRequestHeaders().getFirst("Authorization"));
                var method = exchange.getRequestMethod();
                var path = exchange.getRequestURI().getPath();
                var raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var params = FormParams.parse("GET".equals(method) ? exchange.getRequestURI().getRawQuery() : raw);
                var key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
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
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Request-Id", "req_" + token(14));
            exchange.getResponseHeaders().add("Stripe-Version", apiVersion);
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Stripe: a key replays the first response for the same request; the same key with other parameters is an error. */
    private Replay replayOrRun(String key, String request, Supplier<Map<String, Object>> run) {
        synchronized (this) {
            var previous = idempotency.get(key);
            if (previous != null) {
                if (!previous.request().equals(request)) {
                    throw new SandboxError(400, "idempotency_error", "idempotency_key_in_use",
                            "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '" + key + "' if you meant to execute a different request.");
                }
                return previous;
            }
            Replay outcome;
            try {
                outcome = new Replay(request, 200, Json.write(run.get()));
            } catch (SandboxError e) {
                if (e.status >= 500) throw e;
                outcome = new Replay(request, e.status, e.json()); // Stripe saves 4xx results too
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

    private synchronized Map<String, Object> route(String method, String path, Map<String, String> p) {
        var id = path.substring(path.lastIndexOf('/') + 1);
        return switch (method + " " + path.replaceAll("/(cus|cs_test|pi|ch|re)_[A-Za-z0-9]+$", "/{id}")) {
            case "POST /v1/customers" -> createCustomer(p);
            case "GET /v1/customers/{id}" -> view(require(id, "customer"));
            case "POST /v1/checkout/sessions" -> createSession(p);
            case "GET /v1/checkout/sessions/{id}" -> view(require(id, "checkout.session"));
            case "POST /v1/payment_intents" -> createPaymentIntent(p);
            case "GET /v1/payment_intents/{id}" -> view(require(id, "payment_intent"));
            case "GET /v1/charges/{id}" -> view(require(id, "charge"));
            case "POST /v1/refunds" -> createRefund(p);
            case "GET /v1/refunds/{id}" -> view(require(id, "refund"));
            default -> throw notFound(path);
        };
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
        requireParam(p, "mode");
        if (!"payment".equals(p.get("mode"))) throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "The sandbox supports mode=payment only.", "mode");
        var currency = requireParam(p, "line_items[0][price_data][currency]");
        long unit = longParam(p, "line_items[0][price_data][unit_amount]");
        long quantity = p.containsKey("line_items[0][quantity]") ? longParam(p, "line_items[0][quantity]") : 1;
        if (p.containsKey("customer")) require(p.get("customer"), "customer");
        var session = newObject("cs_test", "checkout.session");
        session.put("mode", "payment");
        session.put("status", "open");
        session.put("payment_status", "unpaid");
        session.put("amount_total", unit * quantity);
        session.put("amount_subtotal", unit * quantity);
        session.put("currency", currency);
        session.put("customer", p.get("customer"));
        session.put("customer_email", p.get("customer_email"));
        session.put("client_reference_id", p.get("client_reference_id"));
        session.put("metadata", FormParams.sub(p, "metadata"));
        session.put("success_url", p.get("success_url"));
        session.put("cancel_url", p.get("cancel_url"));
        session.put("expires_at", p.containsKey("expires_at") ? longParam(p, "expires_at") : now() + 24 * 3600);
        session.put("payment_intent", null);
        session.put("url", apiBase() + "/pay/" + session.get("id"));
        var intentData = new LinkedHashMap<String, Object>();
        intentData.put("setup_future_usage", p.get("payment_intent_data[setup_future_usage]"));
        intentData.put("metadata", FormParams.sub(p, "payment_intent_data[metadata]"));
        session.put("payment_intent_data", intentData);
        return view(session);
    }

    /** Off-session renewals: confirm at once with the saved card, as Termwise does. */
    private Map<String, Object> createPaymentIntent(Map<String, String> p) {
        long amount = longParam(p, "amount");
        var currency = requireParam(p, "currency");
        var customer = p.get("customer");
        if (customer != null) require(customer, "customer");
        var method = p.get("payment_method");
        var intent = newIntent(amount, currency, customer, method, FormParams.sub(p, "metadata"));
        if (!"true".equals(p.get("confirm"))) return view(intent);
        if (method == null) throw new SandboxError(400, "invalid_request_error", "parameter_missing", "You must provide a payment_method to confirm.", "payment_method");
        boolean offSession = "true".equals(p.get("off_session"));
        if (offSession && !attachedTo(method, customer)) {
            throw new SandboxError(400, "invalid_request_error", "parameter_invalid", "The payment method " + method + " is not attached to customer " + customer + ".", "payment_method");
        }
        switch (method) {
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
        refund.put("status", "succeeded");
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

    private void attach(String paymentMethod, String customer) {
        objects.computeIfAbsent("attached:" + customer, k -> new LinkedHashMap<>()).put(paymentMethod, true);
    }

    private boolean attachedTo(String paymentMethod, String customer) {
        return customer != null && objects.getOrDefault("attached:" + customer, Map.of()).containsKey(paymentMethod);
    }

    private Map<String, Object> newObject(String prefix, String type) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", prefix + "_" + token(24));
        o.put("object", type);
        o.put("created", now());
        o.put("livemode", false);
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

    /** What the API returns: the object without the sandbox's private bookkeeping. */
    private static Map<String, Object> view(Map<String, Object> o) {
        var copy = new LinkedHashMap<>(o);
        if ("checkout.session".equals(o.get("object"))) copy.remove("payment_intent_data");
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

    /** Stops holding and hands over the held webhooks' bodies, oldest first, undelivered: a benchmark delivers them itself. */
    public List<String> takeHeld() {
        holding = false;
        synchronized (held) {
            var taken = held.stream().map(payloads::get).toList();
            held.clear();
            return taken;
        }
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
        event.put("request", Map.of());
        event.put("type", type);
        var payload = Json.write(event);
        var id = (String) event.get("id");
        payloads.put(id, payload);
        if (holding) {
            held.add(id);
            return;
        }
        post(id, type, payload);
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

    /** Stripe's error body: {"error": {"type", "code"?, "message", "param"?, ...}}. */
    static final class SandboxError extends RuntimeException {
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
