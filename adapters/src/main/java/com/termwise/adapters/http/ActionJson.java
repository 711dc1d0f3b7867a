package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.app.ActionRunner;
import com.termwise.app.Purchase;
import com.termwise.app.RequestRefused;

import java.util.Optional;

/** docs/api.md's actions over HTTP: the body (with {@code preview}), the Idempotency-Key, and the decision as the response. */
public final class ActionJson {

    private ActionJson() {}

    /** The body, or an empty object for an action that needs no fields. */
    public static JsonBody body(APIGatewayV2HTTPEvent event) {
        var raw = ApiCall.body(event);
        return JsonBody.parse(raw == null || raw.isBlank() ? "{}" : raw);
    }

    /** Runs an action for {@code customerId}; {@code body} must already have been checked with {@link JsonBody#only}. */
    public static APIGatewayV2HTTPResponse act(ActionRunner runner, APIGatewayV2HTTPEvent event, String customerId, JsonBody body,
                                               ActionRunner.Decide decide) {
        var raw = ApiCall.body(event);
        // the key's request is the route and its body: the same key on another action is a reuse
        var key = CheckoutJson.idempotencyKey(event, event.getRouteKey() + " " + event.getRawPath() + "\n" + (raw == null ? "" : raw));
        var request = new ActionRunner.Request(customerId, body.optBool("preview").orElse(false), key);
        var stored = runner.run(request, decide, ActionJson::result);
        return ApiResponses.raw(stored.status(), stored.body());
    }

    public static String result(ActionRunner.Result result) {
        return ApiResponses.render(json -> {
            json.writeStartObject();
            ApiResponses.decisionFields(json, result.decision());
            for (var e : result.created().entrySet()) json.writeStringField(e.getKey(), e.getValue());
            json.writeEndObject();
        });
    }

    public static Optional<String> reason(JsonBody body) {
        var reason = body.optString("reason");
        if (reason.filter(r -> r.length() > 500).isPresent()) throw RequestRefused.badField("reason", "INVALID_FIELD", "A reason is at most 500 characters.");
        return reason.filter(r -> !r.isBlank());
    }

    public static Purchase.DeliveryAddress address(JsonBody body) {
        var a = body.object("address").only("line1", "line2", "city", "postcode");
        return new Purchase.DeliveryAddress(a.string("line1"), a.optString("line2"), a.string("city"), a.string("postcode"), false, Optional.empty());
    }

    public static int intField(JsonBody body, String name, int min, int max) {
        var value = body.optLong(name).orElseThrow(() -> RequestRefused.badField(name, "MISSING_FIELD", "'" + name + "' is required."));
        if (value < min || value > max) throw RequestRefused.badField(name, "INVALID_FIELD", "'" + name + "' is " + min + " to " + max + ".");
        return value.intValue();
    }

    /** The largest amount an operator may set (minor units: £100,000.00), far above any plan's price. */
    static final long MAX_AMOUNT = 10_000_000;

    public static com.termwise.domain.money.Money money(JsonBody body, String name) {
        return optMoney(body, name).orElseThrow(() -> RequestRefused.badField(name, "MISSING_FIELD", "'" + name + "' is required."));
    }

    public static Optional<com.termwise.domain.money.Money> optMoney(JsonBody body, String name) {
        return body.optObject(name).map(m -> moneyOf(m.only("amount", "currency"), name));
    }

    private static com.termwise.domain.money.Money moneyOf(JsonBody m, String name) {
        var amount = m.optLong("amount").orElseThrow(() -> RequestRefused.badField(name + ".amount", "MISSING_FIELD", "'" + name + ".amount' is required."));
        if (amount < 0 || amount > MAX_AMOUNT) {
            throw RequestRefused.badField(name + ".amount", "OUT_OF_RANGE", "'" + name + ".amount' is 0 to " + MAX_AMOUNT + " minor units.");
        }
        try {
            return com.termwise.domain.money.Money.of(amount, java.util.Currency.getInstance(m.string("currency")));
        } catch (IllegalArgumentException e) {
            throw RequestRefused.badField(name + ".currency", "INVALID_FIELD", "'" + name + ".currency' is an ISO 4217 code such as GBP.");
        }
    }
}
