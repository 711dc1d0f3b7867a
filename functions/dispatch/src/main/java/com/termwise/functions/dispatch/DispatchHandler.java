package com.termwise.functions.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

/**
 * Dispatch: the outbox (SES mail, EventBridge events), scheduled notices, meal deliveries and sweeps.
 *
 * <p>Its decisions already exist in the terms engine (DeliverySchedule, AccessWindow); this handler gains its routes when the
 * DynamoDB and Stripe adapters land (issue 5). Until then every request is answered with 503
 * {@code SERVICE_UNAVAILABLE}, so no caller mistakes it for a decision.
 */
public class DispatchHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiResponses.error(503, "SERVICE_UNAVAILABLE", "Dispatch is not available in this release.");
    }
}
