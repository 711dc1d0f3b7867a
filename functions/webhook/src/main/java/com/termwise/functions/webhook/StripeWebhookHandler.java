package com.termwise.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiCall;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.runtime.Wiring;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.app.PaymentOutcomes;

/**
 * {@code POST /v1/stripe/webhook}: the signature is verified before the body is read (a bad or
 * stale one is a 400 and nothing is written); a verified event is applied once through the state
 * machines, a repeat is acknowledged, an unknown type is acknowledged and ignored.
 */
public class StripeWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Wiring wiring;
    private final PaymentOutcomes outcomes;

    public StripeWebhookHandler() {
        this(Wiring.fromEnvironment());
    }

    public StripeWebhookHandler(Wiring wiring) {
        this.wiring = wiring; // the signing secret is read on the first webhook, never into a SnapStart snapshot
        this.outcomes = wiring.paymentOutcomes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiCall.run("webhook", event, () -> {
            try {
                var verified = wiring.stripeEvents().verify(ApiCall.body(event), ApiCall.header(event, "Stripe-Signature").orElse(null));
                var result = outcomes.apply(verified);
                return ApiResponses.json(200, json -> {
                    json.writeStartObject();
                    json.writeBooleanField("received", true);
                    json.writeStringField("result", result.name());
                    json.writeEndObject();
                });
            } catch (StripeEvents.NotFromStripe e) {
                return ApiResponses.error(400, "INVALID_SIGNATURE", "The Stripe-Signature does not verify: " + e.getMessage());
            }
        });
    }
}
