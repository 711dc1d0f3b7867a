package com.termwise.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.functions.cancel.CancelHandler;
import com.termwise.functions.checkout.CheckoutHandler;
import com.termwise.functions.refund.RefundHandler;
import com.termwise.functions.webhook.StripeWebhookHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * All of Termwise's HTTP routes on 127.0.0.1, served by the same handler classes the Lambdas run,
 * with the same API Gateway v2 request and response events (template.yaml declares the same routes).
 */
public final class LocalRunner {

    private record Route(String method, String template, Pattern pattern, List<String> names,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        static Route of(String method, String template, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            var names = new java.util.ArrayList<String>();
            var m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) names.add(m.group(1));
            return new Route(method, template, Pattern.compile(template.replaceAll("\\{[^}]+}", "([^/]+)")), names, handler);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        var checkout = new CheckoutHandler();
        var cancel = new CancelHandler();
        var refund = new RefundHandler();
        var routes = List.of(
                Route.of("GET", "/v1/catalogs", checkout),
                Route.of("GET", "/v1/catalogs/{catalog}", checkout),
                Route.of("POST", "/v1/stripe/webhook", new StripeWebhookHandler()),
                Route.of("POST", "/v1/subscriptions/{id}/cancel", cancel),
                Route.of("POST", "/v1/orders/{orderId}/cancel", cancel),
                Route.of("POST", "/v1/orders/{orderId}/refund", refund));
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> serve(exchange, routes));
        server.start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            System.out.println("Termwise stopped.");
            stopped.countDown();
        }));
        System.out.println("Termwise listening on http://127.0.0.1:" + port + "  (Ctrl-C to stop)");
        System.out.println("Try: curl http://127.0.0.1:" + port + "/v1/catalogs/meal-plans");
        stopped.await();
    }

    private static void serve(HttpExchange exchange, List<Route> routes) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var method = exchange.getRequestMethod();
            APIGatewayV2HTTPResponse response = null;
            for (var route : routes) {
                var m = route.pattern().matcher(path);
                if (!route.method().equals(method) || !m.matches()) continue;
                var params = new HashMap<String, String>();
                for (int i = 0; i < route.names().size(); i++) params.put(route.names().get(i), m.group(i + 1));
                var routeKey = route.method() + " " + route.template();
                var event = APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(routeKey).withRawPath(path)
                        .withRawQueryString(exchange.getRequestURI().getRawQuery()).withHeaders(headers(exchange))
                        .withPathParameters(params).withBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRouteKey(routeKey)
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build()).build())
                        .build();
                response = route.handler().handleRequest(event, null);
                break;
            }
            if (response == null) response = ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + method + " " + path + ".");
            var body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        var out = new HashMap<String, String>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        return out;
    }
}
