package com.termwise.functions.checkout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.termwise.adapters.http.ApiResponses;
import com.termwise.adapters.http.CatalogJson;
import com.termwise.domain.catalog.Catalogs;

/**
 * The purchase path's entry: the catalogs a customer chooses from ({@code GET /v1/catalogs},
 * {@code GET /v1/catalogs/{catalog}}). {@code POST /v1/checkout} arrives with the Stripe and
 * DynamoDB adapters (issue 3). Catalogs are loaded once per container.
 */
public class CheckoutHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Catalogs catalogs;

    public CheckoutHandler() {
        this(Catalogs.builtIn());
    }

    public CheckoutHandler(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var route = event.getRouteKey() == null ? "" : event.getRouteKey();
        return switch (route) {
            case "GET /v1/catalogs" -> ApiResponses.json(200, json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("catalogs");
                for (var catalog : catalogs.all()) CatalogJson.summary(json, catalog);
                json.writeEndArray();
                json.writeEndObject();
            });
            case "GET /v1/catalogs/{catalog}" -> {
                var id = event.getPathParameters() == null ? null : event.getPathParameters().get("catalog");
                yield catalogs.get(id == null ? "" : id)
                        .map(catalog -> ApiResponses.json(200, json -> CatalogJson.full(json, catalog)))
                        .orElseGet(() -> ApiResponses.error(404, "CATALOG_NOT_FOUND", "There is no catalog '" + id + "'."));
            }
            default -> ApiResponses.error(404, "ROUTE_NOT_FOUND", "No route " + route + " in the checkout function.");
        };
    }
}
