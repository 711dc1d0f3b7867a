package com.termwise.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Course;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.money.Money;

import java.io.IOException;
import java.util.Comparator;

/** docs/api.md {@code GET /v1/catalogs[/{catalog}]}: plans and courses with prices, and the terms that apply, each with its clause. */
public final class CatalogJson {

    private CatalogJson() {}

    public static void summary(JsonGenerator json, Catalog catalog) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", catalog.id());
        json.writeStringField("name", catalog.name());
        json.writeStringField("currency", catalog.currency().getCurrencyCode());
        json.writeEndObject();
    }

    public static void full(JsonGenerator json, Catalog catalog) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", catalog.id());
        json.writeObjectFieldStart("termsVersion");
        json.writeStringField("inForceFrom", catalog.version().inForceFrom().toString());
        json.writeStringField("clause", catalog.version().clause().toString());
        json.writeEndObject();
        json.writeStringField("name", catalog.name());
        json.writeStringField("currency", catalog.currency().getCurrencyCode());
        trader(json, catalog);
        charges(json, catalog);
        deliveryChanges(json, catalog);
        json.writeArrayFieldStart("plans");
        for (var plan : catalog.plans().values().stream().sorted(Comparator.comparing(Plan::id)).toList()) {
            json.writeStartObject();
            json.writeStringField("id", plan.id());
            json.writeStringField("name", plan.name());
            ApiResponses.money(json, "price", plan.price());
            if (plan.weekdaysOnlyPrice().isPresent()) ApiResponses.money(json, "weekdaysOnlyPrice", plan.weekdaysOnlyPrice().get());
            json.writeStringField("billing", plan.terms().billing().every().name());
            if (plan.terms().courseCap().isPresent()) {
                json.writeObjectFieldStart("courseCap");
                json.writeNumberField("maxInProgress", plan.terms().courseCap().get().maxInProgress());
                json.writeStringField("clause", plan.terms().courseCap().get().clause().toString());
                json.writeEndObject();
            }
            terms(json, plan.terms());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("courses");
        for (var course : catalog.courses().values().stream().sorted(Comparator.comparing(Course::id)).toList()) {
            json.writeStartObject();
            json.writeStringField("id", course.id());
            json.writeStringField("plan", Plan.COURSE_PREFIX + course.id());
            json.writeStringField("title", course.title());
            json.writeStringField("kind", course.kind().code());
            json.writeBooleanField("available", course.available());
            ApiResponses.money(json, "price", course.price());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * What is paid on top of a plan's price, so the catalog's prices add up to checkout's totals: each box's delivery
     * charge with its weekend and bank holiday surcharges (meal-plans 7(f)), and the regions that cost more.
     */
    private static void charges(JsonGenerator json, Catalog catalog) throws IOException {
        var delivery = catalog.rules().deliveryCharges();
        if (delivery.isPresent()) {
            json.writeObjectFieldStart("deliveryCharges");
            ApiResponses.money(json, "standard", delivery.get().standard());
            ApiResponses.money(json, "weekendSurcharge", delivery.get().weekendSurcharge());
            ApiResponses.money(json, "publicHolidaySurcharge", delivery.get().publicHolidaySurcharge());
            json.writeStringField("clause", delivery.get().clause().toString());
            json.writeEndObject();
        }
        var regional = catalog.rules().regionalSurcharges();
        if (regional.isPresent()) {
            json.writeObjectFieldStart("regionalSurcharges");
            json.writeStringField("clause", regional.get().clause().toString());
            json.writeArrayFieldStart("regions");
            for (var region : regional.get().regions()) {
                json.writeStartObject();
                json.writeStringField("name", region.name());
                ApiResponses.money(json, "surcharge", region.surcharge());
                json.writeArrayFieldStart("postcodes");
                for (var p : region.postcodes()) json.writeString(p);
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Who the contract is with and where a notice of cancellation goes (the model cancellation form is addressed to them). */
    private static void trader(JsonGenerator json, Catalog catalog) throws IOException {
        var t = catalog.trader();
        json.writeObjectFieldStart("trader");
        json.writeStringField("name", t.name());
        if (t.address().isPresent()) json.writeStringField("address", t.address().get());
        if (t.email().isPresent()) json.writeStringField("email", t.email().get());
        if (t.phone().isPresent()) json.writeStringField("phone", t.phone().get());
        json.writeStringField("clause", t.clause().toString());
        json.writeEndObject();
    }

    /**
     * The limits a customer meets when changing a delivery, shown before they ask: how far a box can be delayed and how many
     * working days' notice that needs (meal-plans 7(b)); the notice an address change needs and the fee after it (7(h)).
     */
    private static void deliveryChanges(JsonGenerator json, Catalog catalog) throws IOException {
        var delay = catalog.rules().deliveryDelay();
        if (delay.isPresent()) {
            json.writeObjectFieldStart("deliveryDelay");
            json.writeNumberField("maxDays", delay.get().maxDays());
            json.writeNumberField("noticeWorkingDays", delay.get().noticeWorkingDays());
            json.writeStringField("clause", delay.get().clause().toString());
            json.writeEndObject();
        }
        var address = catalog.rules().addressChange();
        if (address.isPresent()) {
            json.writeObjectFieldStart("addressChange");
            json.writeNumberField("noticeWorkingDays", address.get().noticeWorkingDays());
            ApiResponses.money(json, "lateFee", address.get().lateFee());
            json.writeStringField("clause", address.get().clause().toString());
            json.writeEndObject();
        }
    }

    /** Every rule of a plan as {"rule", "clause", "text"}: what a customer reads before buying, in the terms' own words. */
    private static void terms(JsonGenerator json, PlanTerms t) throws IOException {
        json.writeArrayFieldStart("terms");
        for (var rule : t.rules()) {
            json.writeStartObject();
            json.writeStringField("rule", rule.getClass().getSimpleName());
            json.writeStringField("clause", rule.clause().toString());
            var wording = com.termwise.domain.catalog.ClauseWording.of(rule.clause());
            if (wording.isPresent()) json.writeStringField("text", wording.get()); // the clause in the business's own words
            json.writeEndObject();
        }
        json.writeEndArray();
    }

}
