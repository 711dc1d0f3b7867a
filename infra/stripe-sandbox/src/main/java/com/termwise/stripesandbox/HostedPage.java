package com.termwise.stripesandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's stand-in for Stripe's hosted Checkout page, at a session's {@code url}: a person
 * picks one of Stripe's test cards and pays (or, in setup mode, saves it), and is sent back to the
 * session's {@code success_url}, as on Stripe's page. A declined card leaves the page open with
 * Stripe's message. The customer is present here, so a card that needs 3-D Secure succeeds.
 */
final class HostedPage {

    private HostedPage() {}

    /** Stripe's test cards, as a person picks them. */
    static final List<Map.Entry<String, String>> CARDS = List.of(
            Map.entry(StripeSandbox.VISA, "Visa 4242: succeeds"),
            Map.entry(StripeSandbox.AUTHENTICATION_REQUIRED, "Visa 3184: needs 3-D Secure (completed here; later off-session charges need it again)"),
            Map.entry(StripeSandbox.CUSTOMER_FAIL, "Visa 0341: can be saved, every charge is declined"),
            Map.entry(StripeSandbox.DECLINED, "Visa 0002: declined"),
            Map.entry(StripeSandbox.REFUND_FAIL, "Visa 5126: succeeds; a refund to it fails later"));

    static void serve(StripeSandbox sandbox, HttpExchange exchange) throws IOException {
        try (exchange) {
            var id = exchange.getRequestURI().getPath().substring("/pay/".length());
            var session = sandbox.session(id);
            if (session.isEmpty()) {
                send(exchange, 404, page("No such page", "<p>There is no checkout page " + escape(id) + ".</p>"));
                return;
            }
            String notice = "";
            if ("POST".equals(exchange.getRequestMethod())) {
                var form = StripeSandbox.FormParams.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                var card = form.getOrDefault("card", "");
                if (CARDS.stream().noneMatch(c -> c.getKey().equals(card))) {
                    send(exchange, 400, page("Pick a card", "<p>Pick one of the test cards.</p>"));
                    return;
                }
                try {
                    var outcome = sandbox.completeCheckout(id, card);
                    if (!"requires_payment_method".equals(outcome.get("status"))) {
                        exchange.getResponseHeaders().add("Location", String.valueOf(session.get().get("success_url")));
                        send(exchange, 303, "");
                        return;
                    }
                    notice = "<p class=\"declined\">Your card was declined. Try another card.</p>";
                } catch (StripeSandbox.SandboxError e) {
                    notice = "<p class=\"declined\">" + escape(e.getMessage()) + "</p>";
                }
                session = sandbox.session(id);
            }
            send(exchange, 200, page("Termwise test checkout", body(session.get(), notice)));
        }
    }

    private static String body(Map<String, Object> session, String notice) {
        var setup = "setup".equals(session.get("mode"));
        var html = new StringBuilder();
        html.append("<h1>").append(setup ? "Save a card" : "Pay").append("</h1>");
        if (!setup) {
            long amount = ((Number) session.get("amount_total")).longValue();
            html.append("<p class=\"amount\">").append(String.valueOf(session.get("currency")).toUpperCase()).append(' ')
                    .append(String.format("%d.%02d", amount / 100, amount % 100)).append("</p>");
        }
        html.append(notice);
        if (!"open".equals(session.get("status"))) {
            return html.append("<p>This page is ").append(escape(String.valueOf(session.get("status")))).append(".</p>").toString();
        }
        html.append("<form method=\"post\"><fieldset><legend>Stripe test card</legend>");
        boolean first = true;
        for (var card : CARDS) {
            html.append("<label><input type=\"radio\" name=\"card\" value=\"").append(card.getKey()).append('"').append(first ? " checked" : "")
                    .append("> ").append(escape(card.getValue())).append("</label><br>");
            first = false;
        }
        return html.append("</fieldset><button type=\"submit\">").append(setup ? "Save card" : "Pay").append("</button></form>").toString();
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body>" + body + "</body></html>";
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        var bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
