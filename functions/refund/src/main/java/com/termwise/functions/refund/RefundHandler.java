package com.termwise.functions.refund;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ActionJson;
import com.termwise.adapters.http.ApiCall;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.http.Callers;
import com.termwise.adapters.http.OperationsJson;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.ActionRunner;
import com.termwise.app.Operations;
import com.termwise.app.OrderActions;
import com.termwise.domain.rules.Requester;

/**
 * Money back and what operators do (docs/api.md): a customer's refund request, an operator's refund
 * for reasonable cause, a provider withdrawing a course, price changes and offers ({@code admin}).
 */
public class RefundHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int MISMATCHES_LISTED = 500;

    @Inject com.termwise.app.StateStore store;
    @Inject ActionRunner actions;
    @Inject Operations operations;

    public RefundHandler() {
    }

    public RefundHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiCall.run("refund", event, () -> route(event));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) {
        if ("GET /v1/admin/reconciliation".equals(e.getRouteKey())) {
            Callers.inGroup(e, "admin"); // what the daily reconciliation found, newest day first
            return ApiResponses.json(200, json -> OperationsJson.mismatches(json, store.mismatches(MISMATCHES_LISTED)));
        }
        var body = ActionJson.body(e);
        return switch (String.valueOf(e.getRouteKey())) {
            case "POST /v1/orders/{orderId}/refund" -> {
                var caller = Callers.of(e);
                body.only("preview", "reason");
                yield ActionJson.act(actions, e, caller.customerId(), body,
                        a -> OrderActions.refund(a, ApiCall.pathParameter(e, "orderId"), new Requester.Customer(ActionJson.reason(body))));
            }
            case "POST /v1/admin/customers/{customerId}/orders/{orderId}/refund" -> {
                var operator = Callers.inGroup(e, "admin");
                body.only("preview", "reason");
                yield ActionJson.act(actions, e, ApiCall.pathParameter(e, "customerId"), body, a -> OrderActions.refund(a,
                        ApiCall.pathParameter(e, "orderId"), new Requester.Operator(operator.customerId(), ActionJson.reason(body))));
            }
            case "POST /v1/admin/courses/{courseId}/withdraw" -> {
                Callers.inGroup(e, "admin");
                body.only();
                var courseId = ApiCall.pathParameter(e, "courseId");
                yield ApiResponses.json(200, json -> OperationsJson.reached(json, "courseId", courseId, operations.withdrawCourse(courseId)));
            }
            case "POST /v1/admin/price-changes" -> {
                Callers.inGroup(e, "admin");
                body.only("catalog", "plan", "newPrice", "newWeekdaysOnlyPrice", "noticeSentOn");
                var reached = operations.changePrice(body.string("catalog"), body.string("plan"), ActionJson.money(body, "newPrice"),
                        ActionJson.optMoney(body, "newWeekdaysOnlyPrice"), body.optDate("noticeSentOn"));
                yield ApiResponses.json(200, json -> OperationsJson.reached(json, "plan", body.string("plan"), reached));
            }
            case "POST /v1/admin/promotions" -> {
                Callers.inGroup(e, "admin");
                body.only("catalog", "code", "percentOff", "validDays");
                var promotion = operations.createPromotion(body.string("catalog"), body.string("code"), ActionJson.intField(body, "percentOff", 1, 100),
                        body.optLong("validDays"));
                yield ApiResponses.json(201, json -> OperationsJson.promotion(json, promotion));
            }
            default -> ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + e.getRouteKey() + " in the refund function.");
        };
    }
}
