package com.termwise.adapters.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

import com.termwise.app.RequestRefused;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.money.Money;

/** API Gateway v2 responses in the shapes of docs/api.md: JSON bodies, and errors as {"error": {"code", "message", "field"?}}. */
public final class ApiResponses {

    static final JsonFactory JSON = new JsonFactory();
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json; charset=utf-8");

    private ApiResponses() {}

    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator json) throws IOException;
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonWriter body) {
        return raw(status, render(body));
    }

    public static APIGatewayV2HTTPResponse error(int status, String code, String message) {
        return refused(new RequestRefused(status, code, message, Optional.empty(), Optional.empty()));
    }

    /** docs/api.md's error body, naming the field where one is at fault; a rule's refusal also carries its decision. */
    public static APIGatewayV2HTTPResponse refused(RequestRefused refused) {
        return json(refused.status(), json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", refused.code());
            json.writeStringField("message", refused.getMessage());
            if (refused.field().isPresent()) json.writeStringField("field", refused.field().get());
            json.writeEndObject();
            if (refused.decision().isPresent()) {
                json.writeFieldName("decision");
                decision(json, refused.decision().get());
            }
            json.writeEndObject();
        });
    }

    public static APIGatewayV2HTTPResponse raw(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(HEADERS).withBody(body).build();
    }

    public static String render(JsonWriter body) {
        var out = new StringWriter();
        try (var json = JSON.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void money(JsonGenerator json, String field, Money money) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("amount", money.amount());
        json.writeStringField("currency", money.currency().getCurrencyCode());
        json.writeEndObject();
    }

    /** {@code "charges": [{"kind", "amount"}]}, as decisions and orders show them. */
    public static void charges(JsonGenerator json, java.util.List<com.termwise.domain.decision.Charge> charges) throws IOException {
        json.writeArrayFieldStart("charges");
        for (var c : charges) {
            json.writeStartObject();
            json.writeStringField("kind", c.kind().name());
            money(json, "amount", c.amount());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** docs/api.md's decision: outcome, effective date, refund, charges, and the reasons with their clauses. */
    public static void decision(JsonGenerator json, Decision d) throws IOException {
        json.writeStartObject();
        decisionFields(json, d);
        json.writeEndObject();
    }

    /** The decision's fields, for a response that adds its own beside them. */
    public static void decisionFields(JsonGenerator json, Decision d) throws IOException {
        json.writeStringField("outcome", d.outcome().name());
        json.writeStringField("effectiveDate", d.effectiveDate().toString());
        money(json, "refund", d.refund());
        charges(json, d.charges());
        reasons(json, d.reasons());
        if (d.refundDueBy().isPresent()) json.writeStringField("refundDueBy", d.refundDueBy().get().toString());
    }

    /** Reasons as every answer gives them: a code, the clause that decided it, and the sentence the customer reads. */
    public static void reasons(JsonGenerator json, java.util.List<com.termwise.domain.decision.Reason> reasons) throws IOException {
        json.writeArrayFieldStart("reasons");
        for (var r : reasons) {
            json.writeStartObject();
            json.writeStringField("code", r.code());
            json.writeStringField("clause", r.clause().toString());
            json.writeStringField("message", r.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
