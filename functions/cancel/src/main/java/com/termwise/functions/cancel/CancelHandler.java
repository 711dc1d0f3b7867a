package com.termwise.functions.cancel;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

/**
 * Cancellations (POST /v1/subscriptions/{id}/cancel, POST /v1/orders/{orderId}/cancel) and the other customer actions of API.md.
 *
 * <p>Its decisions already exist in the terms engine (Cancellation, PauseDecision, PlanSwitch, DeliveryDelay, AddressChange, EnrolmentPolicy); this handler gains its routes when the
 * DynamoDB and Stripe adapters land (issue 4). Until then every request is answered with 503
 * {@code SERVICE_UNAVAILABLE}, so no caller mistakes it for a decision.
 */
public class CancelHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiResponses.error(503, "SERVICE_UNAVAILABLE", "Cancelling is not available in this release.");
    }
}
