package com.termwise.functions.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiCall;
import com.termwise.adapters.http.ApiResponses;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.app.PaymentOutcomes;

/**
 * {@code POST /v1/stripe/webhook}: the signature is verified before the body is read (a bad or
 * stale one is a 400 and nothing is written); a verified event is applied once through the state
 * machines, a repeat is acknowledged, an unknown type is acknowledged and ignored.
 */
public class StripeWebhookHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Built on the first webhook: the signing secret is never read into a SnapStart snapshot. */
    @Inject BeanProvider<StripeEvents> events;
    @Inject PaymentOutcomes outcomes;

    public StripeWebhookHandler() {
    }

    public StripeWebhookHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiCall.run("webhook", event, () -> {
            try {
                var verified = events.get().verify(ApiCall.body(event), ApiCall.header(event, "Stripe-Signature").orElse(null));
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
