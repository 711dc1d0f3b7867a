package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.app.PaymentGateway;
import com.termwise.app.RequestRefused;
import com.termwise.app.StateStore;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One HTTP call through a handler: refusals become docs/api.md's 4xx, a provider outage 503, a lost
 * race 409, anything else 500 without detail. One structured log line per call, with the
 * correlation id and no personal data (no bodies, emails or names).
 */
public final class ApiCall {

    private ApiCall() {}

    public static APIGatewayV2HTTPResponse run(String function, APIGatewayV2HTTPEvent event, Supplier<APIGatewayV2HTTPResponse> call) {
        long started = System.nanoTime();
        APIGatewayV2HTTPResponse response;
        Optional<Throwable> failure = Optional.empty();
        try {
            response = call.get();
        } catch (RequestRefused refused) {
            response = ApiResponses.refused(refused);
        } catch (StateStore.ConcurrentChange raced) {
            response = ApiResponses.error(409, "CONCURRENT_CHANGE", "Something else changed this at the same moment; try again.");
        } catch (PaymentGateway.Unavailable down) {
            failure = Optional.of(down);
            response = ApiResponses.error(503, "PAYMENTS_UNAVAILABLE", "Payments are unavailable just now; nothing was charged. Try again shortly.");
        } catch (PaymentGateway.Refused refused) {
            failure = Optional.of(refused); // logged with Stripe's code for an operator; the customer gets a sentence
            response = ApiResponses.error(502, "PAYMENT_PROVIDER_REFUSED", "Our payment provider could not take this request; nothing was charged. We have been told.");
        } catch (RuntimeException bug) {
            failure = Optional.of(bug);
            response = ApiResponses.error(500, "INTERNAL_ERROR", "Something went wrong on our side; nothing was changed.");
        }
        Log.request(function, event, response.getStatusCode(), (System.nanoTime() - started) / 1_000_000, failure, errorCode(response));
        return response;
    }

    private static final java.util.regex.Pattern ERROR_CODE = java.util.regex.Pattern.compile("^\\{\"error\":\\{\"code\":\"([A-Z0-9_]+)\"");

    /** A 4xx or 5xx answer's error code ({@code {"error":{"code": ...}}}), for its log line. */
    private static Optional<String> errorCode(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() < 400 || response.getBody() == null) return Optional.empty();
        var m = ERROR_CODE.matcher(response.getBody());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The raw body (decoded if API Gateway base64-encoded it). */
    public static String body(APIGatewayV2HTTPEvent event) {
        var body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
        }
        return body;
    }

    /** Every id in a path: Termwise's own (ord_..., sub_...), a catalog's (meal-plans, course ids) or a customer's sub. */
    static final java.util.regex.Pattern PATH_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_:.@-]{1,128}");

    public static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        var value = event.getPathParameters() == null ? null : event.getPathParameters().get(name);
        if (value == null || value.isBlank()) throw RequestRefused.badField(name, "MISSING_FIELD", "The path needs a " + name + ".");
        if (!PATH_ID.matcher(value).matches()) {
            throw RequestRefused.badField(name, "INVALID_FIELD", "'" + name + "' is 1 to 128 letters, digits and _ : . @ -.");
        }
        return value;
    }

    public static Optional<String> header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) return Optional.empty();
        return event.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(java.util.Map.Entry::getValue).findFirst();
    }
}
