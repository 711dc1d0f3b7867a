package com.termwise.functions.refund;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;

/**
 * Refunds (POST /v1/orders/{orderId}/refund) and the operators' refund decisions.
 *
 * <p>Its decisions already exist in the terms engine (RefundQuote, UnusedServiceRefund, GoodwillCancellationCharge, ChargebackClaim); this handler gains its routes when the
 * DynamoDB and Stripe adapters land (issue 4). Until then every request is answered with 503
 * {@code SERVICE_UNAVAILABLE}, so no caller mistakes it for a decision.
 */
public class RefundHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiResponses.error(503, "SERVICE_UNAVAILABLE", "Refunding is not available in this release.");
    }
}
