package com.termwise.functions.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

/**
 * Stripe's webhooks (POST /v1/stripe/webhook): signature-verified, then applied through the order and subscription state machines.
 *
 * <p>Its decisions already exist in the terms engine (OrderStateMachine, SubscriptionStateMachine); this handler gains its routes when the
 * DynamoDB and Stripe adapters land (issue 3). Until then every request is answered with 503
 * {@code SERVICE_UNAVAILABLE}, so no caller mistakes it for a decision.
 */
public class StripeWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiResponses.error(503, "SERVICE_UNAVAILABLE", "The Stripe webhook endpoint is not available in this release.");
    }
}
