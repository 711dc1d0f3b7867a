package com.termwise.functions.checkout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.AccountJson;
import com.termwise.adapters.http.ApiCall;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.http.Callers;
import com.termwise.adapters.http.CatalogJson;
import com.termwise.adapters.http.CheckoutJson;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.app.PaymentGateway;
import com.termwise.app.StateStore;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.CheckoutService;
import com.termwise.app.PaymentRecovery;
import com.termwise.app.RequestRefused;

/**
 * The purchase path: the catalogs ({@code GET /v1/catalogs[/{catalog}]}), {@code POST /v1/checkout},
 * and the customer's view of what they bought ({@code GET /v1/orders/{orderId}},
 * {@code GET /v1/subscriptions/{id}}, {@code GET /v1/me}), and the hosted pages that mend an unpaid
 * renewal ({@code POST /v1/subscriptions/{id}/pay-now}, {@code .../payment-method}). Built once per container.
 */
public class CheckoutHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject StateStore store;
    @Inject Catalogs catalogs;
    @Inject CheckoutService checkout;
    @Inject PaymentRecovery recovery;
    @Inject PaymentGateway payments;
    @Inject BusinessCalendar calendar;

    /** Lambda's: the function's own context, built from its environment. */
    public CheckoutHandler() {
    }

    public CheckoutHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return ApiCall.run("checkout", event, () -> route(event));
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event) {
        return switch (String.valueOf(event.getRouteKey())) {
            case "GET /v1/health" -> ApiResponses.json(200, json -> {
                json.writeStartObject();
                json.writeStringField("status", "ok");
                json.writeNumberField("catalogs", catalogs.all(calendar.today()).size());
                json.writeStringField("time", calendar.now().toString());
                json.writeEndObject();
            });
            case "GET /v1/catalogs" -> ApiResponses.json(200, json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("catalogs");
                for (var catalog : catalogs.all(calendar.today())) CatalogJson.summary(json, catalog);
                json.writeEndArray();
                json.writeEndObject();
            });
            case "GET /v1/catalogs/{catalog}" -> {
                var id = ApiCall.pathParameter(event, "catalog");
                var catalog = catalogs.inForce(id, calendar.today()).orElseThrow(() -> RequestRefused.notFound("CATALOG_NOT_FOUND", "There is no catalog '" + id + "'."));
                yield ApiResponses.json(200, json -> CatalogJson.full(json, catalog));
            }
            case "POST /v1/checkout" -> {
                var caller = Callers.of(event);
                var body = ApiCall.body(event);
                var json = com.termwise.adapters.http.JsonBody.parse(body); // read once: the preview flag and the request
                if (CheckoutJson.preview(json)) yield ApiResponses.raw(200, CheckoutJson.quote(checkout.quote(caller, CheckoutJson.request(json))));
                var stored = checkout.start(caller, CheckoutJson.request(json), CheckoutJson.idempotencyKey(event, body), CheckoutJson::started);
                yield ApiResponses.raw(stored.status(), stored.body());
            }
            case "GET /v1/orders/{orderId}" -> {
                var account = store.account(Callers.of(event).customerId());
                var id = ApiCall.pathParameter(event, "orderId");
                var purchase = account.purchase(id).orElseThrow(() -> RequestRefused.notFound("ORDER_NOT_FOUND", "You have no order " + id + "."));
                yield ApiResponses.json(200, json -> AccountJson.order(json, purchase, account,
                        catalogs.of(purchase.order()), calendar.today()));
            }
            case "GET /v1/subscriptions/{id}" -> {
                var account = store.account(Callers.of(event).customerId());
                var id = ApiCall.pathParameter(event, "id");
                var subscription = account.subscriptions().stream().filter(s -> s.id().equals(id)).findFirst()
                        .orElseThrow(() -> RequestRefused.notFound("SUBSCRIPTION_NOT_FOUND", "You have no subscription " + id + "."));
                yield ApiResponses.json(200, json -> AccountJson.subscription(json, subscription,
                        catalogs.of(subscription), account, calendar.today()));
            }
            case "POST /v1/subscriptions/{id}/pay-now" -> hostedPage(recovery.payNow(Callers.of(event), ApiCall.pathParameter(event, "id")));
            case "POST /v1/subscriptions/{id}/payment-method" -> hostedPage(recovery.replaceCard(Callers.of(event), ApiCall.pathParameter(event, "id")));
            case "GET /v1/me" -> {
                var account = store.account(Callers.of(event).customerId());
                var card = account.profile().flatMap(p -> p.paymentMethod()).flatMap(payments::card);
                yield ApiResponses.json(200, json -> AccountJson.me(json, account, catalogs::of, calendar.today(), card));
            }
            default -> ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + event.getRouteKey() + " in the checkout function.");
        };
    }

    /** Where to send the customer: Stripe's hosted page, and what it will take. */
    private static APIGatewayV2HTTPResponse hostedPage(PaymentRecovery.HostedPage page) {
        return ApiResponses.json(201, json -> {
            json.writeStartObject();
            json.writeStringField("subscriptionId", page.subscriptionId());
            json.writeStringField("url", page.url());
            json.writeStringField("expiresAt", page.expiresAt().toString());
            if (page.amount().isPresent()) ApiResponses.money(json, "amount", page.amount().get());
            json.writeEndObject();
        });
    }
}
