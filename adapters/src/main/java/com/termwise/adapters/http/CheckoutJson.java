package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.termwise.app.CheckoutRequest;
import com.termwise.app.CheckoutService;
import com.termwise.app.IdempotencyRecord;
import com.termwise.app.Purchase;
import com.termwise.app.RequestRefused;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** {@code POST /v1/checkout}'s body and response (docs/api.md), read strictly. */
public final class CheckoutJson {

    private CheckoutJson() {}

    public static CheckoutRequest request(String raw) {
        return request(JsonBody.parse(raw));
    }

    public static CheckoutRequest request(JsonBody body) {
        body.only("catalog", "plan", "promoCode", "customer", "consents", "delivery", "preview");
        var customer = body.object("customer").only("name", "birthDate");
        var consents = body.object("consents").only("beginDuringCancellationPeriod", "acknowledgeLossOfCancellationRight", "parentalConsent",
                "acknowledgeObligationToPay");
        var delivery = body.optObject("delivery").map(d -> {
            d.only("address", "weekendsExcluded", "preferredDay");
            var address = d.object("address").only("line1", "line2", "city", "postcode");
            var preferred = d.optString("preferredDay").map(day -> {
                try {
                    return DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw RequestRefused.badField("delivery.preferredDay", "INVALID_FIELD", "'delivery.preferredDay' must be a day such as SATURDAY.");
                }
            });
            return new Purchase.DeliveryAddress(address.string("line1"), address.optString("line2"), address.string("city"),
                    address.string("postcode"), d.bool("weekendsExcluded"), preferred);
        });
        return new CheckoutRequest(body.string("catalog"), body.string("plan"), body.optString("promoCode"), customer.string("name"),
                customer.optDate("birthDate"), Optional.of(consents.bool("beginDuringCancellationPeriod")),
                Optional.of(consents.bool("acknowledgeLossOfCancellationRight")), consents.optBool("parentalConsent"), delivery,
                consents.optBool("acknowledgeObligationToPay"));
    }

    /** {@code "preview": true}: price the purchase, write nothing (absent or false: buy). */
    public static boolean preview(JsonBody body) {
        return body.optBool("preview").orElse(false);
    }

    /** The price of a purchase before any order exists: what checkout would take, line by line. */
    public static String quote(CheckoutService.Quote q) {
        return ApiResponses.render(json -> {
            json.writeStartObject();
            json.writeBooleanField("preview", true);
            json.writeStringField("catalog", q.catalog());
            json.writeStringField("plan", q.plan());
            ApiResponses.money(json, "price", q.price());
            ApiResponses.charges(json, q.charges());
            ApiResponses.money(json, "total", q.total());
            if (q.firstDelivery().isPresent()) json.writeStringField("firstDeliveryDate", q.firstDelivery().get().toString());
            json.writeEndObject();
        });
    }

    public static Optional<IdempotencyRecord.Key> idempotencyKey(APIGatewayV2HTTPEvent event, String body) {
        return ApiCall.header(event, "Idempotency-Key").map(key -> {
            if (key.isBlank() || key.length() > 255) throw RequestRefused.badField("Idempotency-Key", "INVALID_HEADER", "An Idempotency-Key is 1 to 255 characters.");
            return new IdempotencyRecord.Key(key, sha256(body == null ? "" : body));
        });
    }

    public static String started(CheckoutService.Started s) {
        return ApiResponses.render(json -> {
            json.writeStartObject();
            json.writeStringField("orderId", s.orderId());
            json.writeStringField("sessionId", s.sessionId());
            json.writeStringField("checkoutUrl", s.checkoutUrl());
            json.writeStringField("expiresAt", s.expiresAt().toString());
            ApiResponses.money(json, "total", s.total());
            json.writeEndObject();
        });
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
