package com.termwise.functions.cancel;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ActionJson;
import com.termwise.adapters.http.ApiCall;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.http.Callers;
import com.termwise.app.StateStore;
import com.termwise.domain.catalog.Catalogs;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.ActionRunner;
import com.termwise.app.EnrolmentActions;
import com.termwise.app.OrderActions;
import com.termwise.app.RequestRefused;
import com.termwise.app.MarketingOffers;
import com.termwise.app.OperatorActions;
import com.termwise.domain.rules.ReturnedDelivery;
import com.termwise.app.SubscriptionActions;
import com.termwise.domain.rules.Requester;

/**
 * Changes to what a customer has (docs/api.md actions): cancel a subscription or a one-off order,
 * pause, resume, change plan, delay a delivery, change the delivery address, enrol on a course;
 * the learning platform's progress and the courier's deliveries ({@code service}); an operator's
 * goodwill cancellation ({@code admin}). A customer reaches only their own account: anything
 * else is a 404.
 */
public class CancelHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject StateStore store;
    @Inject Catalogs catalogs;
    @Inject ActionRunner actions;
    @Inject com.termwise.app.CheckoutService checkout;

    public CancelHandler() {
    }

    public CancelHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiCall.run("cancel", event, () -> route(event));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent e) {
        var body = ActionJson.body(e);
        return switch (String.valueOf(e.getRouteKey())) {
            case "POST /v1/subscriptions/{id}/cancel" -> mine(e, body.only("preview", "reason"),
                    a -> SubscriptionActions.cancel(a, ApiCall.pathParameter(e, "id"), ActionJson.reason(body)));
            case "POST /v1/subscriptions/{id}/pause" -> mine(e, body.only("preview"), a -> SubscriptionActions.pause(a, ApiCall.pathParameter(e, "id")));
            case "POST /v1/subscriptions/{id}/resume" -> mine(e, body.only("preview"), a -> SubscriptionActions.resume(a, ApiCall.pathParameter(e, "id")));
            case "POST /v1/subscriptions/{id}/change-plan" -> mine(e, body.only("preview", "plan"),
                    a -> SubscriptionActions.changePlan(a, ApiCall.pathParameter(e, "id"), body.string("plan")));
            case "PUT /v1/subscriptions/{id}/delivery-address" -> mine(e, body.only("preview", "address"),
                    a -> SubscriptionActions.changeAddress(a, ApiCall.pathParameter(e, "id"), ActionJson.address(body)));
            case "POST /v1/orders/{orderId}/cancel" -> {
                body.only("preview", "reason");
                // an unpaid order's checkout page is closed at Stripe first, so no payment can follow the cancellation
                if (!body.optBool("preview").orElse(false)) checkout.closeUnpaid(Callers.of(e).customerId(), ApiCall.pathParameter(e, "orderId"));
                yield mine(e, body, a -> OrderActions.cancel(a, ApiCall.pathParameter(e, "orderId"), ActionJson.reason(body)));
            }
            case "POST /v1/deliveries/{deliveryId}/delay" -> mine(e, body.only("preview", "days"),
                    a -> SubscriptionActions.delayDelivery(a, ApiCall.pathParameter(e, "deliveryId"), ActionJson.intField(body, "days", 1, 365)));
            case "POST /v1/enrolments" -> mine(e, body.only("preview", "courseId"),
                    a -> EnrolmentActions.enrol(a, catalogs, body.string("courseId")));
            case "POST /v1/enrolments/{enrolmentId}/progress" -> owned(e, "service", "enrolmentId", body.only("percent"),
                    a -> EnrolmentActions.progress(a, ApiCall.pathParameter(e, "enrolmentId"), ActionJson.intField(body, "percent", 0, 100)));
            case "POST /v1/deliveries/{deliveryId}/delivered" -> owned(e, "service", "deliveryId", body.only("deliveredOn"),
                    a -> SubscriptionActions.delivered(a, ApiCall.pathParameter(e, "deliveryId"), body.date("deliveredOn")));
            case "POST /v1/admin/customers/{customerId}/subscriptions/{id}/cancel" -> operator(e, body,
                    (a, by) -> SubscriptionActions.goodwillCancel(a, ApiCall.pathParameter(e, "id"), by), "preview", "reason");
            case "POST /v1/admin/customers/{customerId}/subscriptions/{id}/notice" -> {
                var operator = Callers.inGroup(e, "admin");
                body.only("preview", "sentOn", "channel");
                var sentOn = body.date("sentOn");
                var channel = body.oneOf("channel", SubscriptionActions.NoticeChannel.class);
                yield ActionJson.act(actions, e, ApiCall.pathParameter(e, "customerId"), body,
                        a -> SubscriptionActions.noticeSent(a, ApiCall.pathParameter(e, "id"), sentOn, channel, operator.customerId()));
            }
            case "PUT /v1/me/marketing" -> mine(e, body.only("preview", "offers"), a -> MarketingOffers.choose(a,
                    body.optBool("offers").orElseThrow(() -> RequestRefused.badField("offers", "MISSING_FIELD", "'offers' is required: true or false."))));
            case "POST /v1/deliveries/{deliveryId}/returned" -> owned(e, "service", "deliveryId", body.only("returnedOn", "why"),
                    a -> SubscriptionActions.returned(a, ApiCall.pathParameter(e, "deliveryId"), body.oneOf("why", ReturnedDelivery.Why.class),
                            body.date("returnedOn")));
            case "POST /v1/admin/customers/{customerId}/deliveries/{deliveryId}/return-inspected" -> operator(e, body,
                    (a, by) -> OperatorActions.returnInspected(a, ApiCall.pathParameter(e, "deliveryId"), body.date("receivedOn"),
                            ActionJson.intField(body, "daysEaten", 0, 28), by), "preview", "receivedOn", "daysEaten", "reason");
            case "POST /v1/admin/customers/{customerId}/orders/{orderId}/terminate" -> operator(e, body,
                    (a, by) -> OperatorActions.terminate(a, ApiCall.pathParameter(e, "orderId"), body.oneOf("when", OperatorActions.Ending.class), by),
                    "preview", "when", "reason");
            case "POST /v1/admin/customers/{customerId}/subscriptions/{id}/suspend" -> operator(e, body,
                    (a, by) -> OperatorActions.suspendForBreach(a, ApiCall.pathParameter(e, "id"), by), "preview", "reason");
            case "POST /v1/admin/customers/{customerId}/orders/{orderId}/suspend-service" -> operator(e, body,
                    (a, by) -> OperatorActions.suspendService(a, ApiCall.pathParameter(e, "orderId"), body.date("from"), body.date("backOn"),
                            body.optBool("emergency").orElse(false), by), "preview", "from", "backOn", "emergency", "reason");
            case "POST /v1/admin/customers/{customerId}/orders/{orderId}/price-error" -> operator(e, body,
                    (a, by) -> OperatorActions.priceError(a, ApiCall.pathParameter(e, "orderId"), ActionJson.money(body, "correctPrice"), by),
                    "preview", "correctPrice", "reason");
            case "POST /v1/admin/customers/{customerId}/erase" -> operator(e, body, OperatorActions::erase, "preview", "reason");
            default -> ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + e.getRouteKey() + " in the cancel function.");
        };
    }

    /** An operator's decision on a customer's account (group admin, checked before the body's {@code fields} are), with who decided and why. */
    private APIGatewayV2HTTPResponse operator(APIGatewayV2HTTPEvent e, com.termwise.adapters.http.JsonBody body,
                                              java.util.function.BiFunction<com.termwise.app.Action, Requester.Operator, com.termwise.domain.decision.Decision> decide,
                                              String... fields) {
        var admin = Callers.inGroup(e, "admin");
        var operator = new Requester.Operator(admin.customerId(), ActionJson.reason(body.only(fields)));
        return ActionJson.act(actions, e, ApiCall.pathParameter(e, "customerId"), body, a -> decide.apply(a, operator));
    }

    /** A customer's action on their own account (the token's {@code sub}). */
    private APIGatewayV2HTTPResponse mine(APIGatewayV2HTTPEvent e, com.termwise.adapters.http.JsonBody body, ActionRunner.Decide decide) {
        return ActionJson.act(actions, e, Callers.of(e).customerId(), body, decide);
    }

    /** A system's report about a resource it names by id: the owner is looked up, and an unknown id is a 404. */
    private APIGatewayV2HTTPResponse owned(APIGatewayV2HTTPEvent e, String group, String idParameter,
                                           com.termwise.adapters.http.JsonBody body, ActionRunner.Decide decide) {
        Callers.inGroup(e, group);
        var id = ApiCall.pathParameter(e, idParameter);
        var owner = store.owner(id).orElseThrow(() -> RequestRefused.notFound("NOT_FOUND", "There is no " + idParameter.replace("Id", "") + " " + id + "."));
        return ActionJson.act(actions, e, owner, body, decide);
    }
}
