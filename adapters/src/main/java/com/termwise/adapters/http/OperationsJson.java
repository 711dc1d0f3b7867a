package com.termwise.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.termwise.app.Operations;
import com.termwise.domain.rules.Promotion;

import java.io.IOException;
import java.util.List;

/** What an operator's action reached, customer by customer, and the offers they create. */
public final class OperationsJson {

    private OperationsJson() {}

    public static void reached(JsonGenerator json, String subjectField, String subject, List<Operations.Reached> reached) throws IOException {
        json.writeStartObject();
        json.writeStringField(subjectField, subject);
        json.writeNumberField("reached", reached.size());
        json.writeArrayFieldStart("customers");
        for (var r : reached) {
            json.writeStartObject();
            json.writeStringField("customerId", r.customerId());
            json.writeStringField("id", r.resourceId());
            if (r.decision() != null) {
                json.writeFieldName("decision");
                ApiResponses.decision(json, r.decision());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    public static void promotion(JsonGenerator json, Promotion p) throws IOException {
        json.writeStartObject();
        json.writeStringField("catalog", p.catalogId());
        json.writeStringField("code", p.code());
        json.writeNumberField("percentOff", p.percentOff());
        json.writeStringField("validFrom", p.createdOn().toString());
        json.writeStringField("expiresOn", p.expiresOn().toString());
        json.writeEndObject();
    }

    /** {@code GET /v1/admin/reconciliation}: each difference between the ledger and Stripe, with whose money and how much. */
    public static void mismatches(JsonGenerator json, java.util.List<com.termwise.app.Mismatch> found) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("mismatches");
        for (var m : found) {
            json.writeStartObject();
            json.writeStringField("day", m.day().toString());
            json.writeStringField("kind", m.kind().name());
            json.writeStringField("key", m.key());
            if (m.customerId().isPresent()) json.writeStringField("customerId", m.customerId().get());
            if (m.orderId().isPresent()) json.writeStringField("orderId", m.orderId().get());
            if (m.stripeId().isPresent()) json.writeStringField("stripeId", m.stripeId().get());
            if (m.stripeAmount().isPresent()) ApiResponses.money(json, "stripeAmount", m.stripeAmount().get());
            if (m.termwiseAmount().isPresent()) ApiResponses.money(json, "termwiseAmount", m.termwiseAmount().get());
            json.writeStringField("detail", m.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
