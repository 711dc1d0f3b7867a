package com.termwise.functions.renew;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

/**
 * Renewals: the scheduled sweep of due renewals and the SQS worker that charges them off-session.
 *
 * <p>Its decisions already exist in the terms engine (RenewalSchedule, PriceChangeSchedule, DunningSchedule); this handler gains its routes when the
 * DynamoDB and Stripe adapters land (issue 5). Until then every request is answered with 503
 * {@code SERVICE_UNAVAILABLE}, so no caller mistakes it for a decision.
 */
public class RenewHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiResponses.error(503, "SERVICE_UNAVAILABLE", "Renewal is not available in this release.");
    }
}
