package com.termwise.domain;

import com.termwise.domain.catalog.CatalogException;
import com.termwise.domain.catalog.CatalogLoader;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.UnderTerms;
import com.termwise.domain.catalog.CourseKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class CatalogLoaderTest {

    static final String MINIMAL = """
            id: shop
            name: Shop
            terms: shop.txt
            currency: GBP
            rules:
              payment: {clause: "1"}
              contract: {formedOn: PAYMENT_CONFIRMED, clause: "2"}
              offers: {expiresAfterDays: 30, clause: "3"}
            plans:
              monthly:
                name: Monthly
                price: 999
                billing: {every: P28D, clause: "4"}
            trader: {name: Shop Ltd, address: "1 High Street, Leeds LS1 4AP", email: help@shop.test, clause: "5"}
            termsVersion: {inForceFrom: 2026-01-01, clause: "6"}
            """;

    /**
     * online-courses 1.3, course-provider 3.4, meal-plans 1: terms are amended by publishing a new version. A contract
     * keeps the version it was made under (CRA 2015 Schedule 2 para 11: a trader may not alter terms unilaterally), so
     * the catalogs hold every version still in force for someone, and each order is decided by its own.
     */
    @Test
    void each_version_of_the_terms_decides_the_contracts_made_under_it_and_new_orders_get_the_one_in_force() {
        var v1 = CatalogLoader.load("shop@2026-01-01.yaml", MINIMAL);
        var v2 = CatalogLoader.load("shop.yaml", MINIMAL.replace("price: 999", "price: 1299")
                .replace("{inForceFrom: 2026-01-01, clause: \"6\"}", "{inForceFrom: 2027-01-01, clause: \"6\", earlier: [2026-01-01]}"));
        assertEquals(List.of(LocalDate.of(2026, 1, 1)), v2.version().earlier());
        assertEquals("shop 6", v2.version().clause().toString());
        var catalogs = new Catalogs(List.of(v2, v1));
        assertEquals(999, catalogs.inForce("shop", LocalDate.of(2026, 12, 31)).orElseThrow().plan("monthly").orElseThrow().price().amount());
        assertEquals(1299, catalogs.inForce("shop", LocalDate.of(2027, 1, 1)).orElseThrow().plan("monthly").orElseThrow().price().amount());
        assertEquals(999, catalogs.inForce("shop", LocalDate.of(2020, 1, 1)).orElseThrow().plan("monthly").orElseThrow().price().amount(),
                "a day before every version has the first");
        record Contract(String catalogId, LocalDate termsVersion) implements UnderTerms {}
        assertSame(v1, catalogs.of(new Contract("shop", LocalDate.of(2026, 1, 1))), "a contract of 2026 keeps its terms after 2027's are published");
        assertSame(v2, catalogs.of(new Contract("shop", LocalDate.of(2027, 1, 1))));
        assertEquals(List.of(v2), catalogs.all(LocalDate.of(2027, 6, 1)));

        assertTrue(assertThrows(CatalogException.class, () -> new Catalogs(List.of(v1, v1))).getMessage().contains("given twice"));
        assertTrue(failure(MINIMAL.replace("2026-01-01", "2026-13-01")).contains("'2026-13-01' is not a date"));
        assertTrue(failure(MINIMAL.replace("clause: \"6\"}", "clause: \"6\", earlier: [2026-01-01]}")).contains("must come before 2026-01-01"));
        var misnamed = assertThrows(CatalogException.class, () -> CatalogLoader.load("shop@2025-01-01.yaml", MINIMAL)).getMessage();
        assertTrue(misnamed.contains("termsVersion 2026-01-01 do not match its file name"), misnamed);
    }

    @Test
    void the_trader_a_notice_of_cancellation_goes_to_is_required_and_may_leave_out_what_the_terms_do_not_give() {
        assertTrue(failure(MINIMAL.replaceAll("trader: .*\n", "")).contains("missing required field 'trader'"));
        var minimal = CatalogLoader.load("shop.yaml", MINIMAL).trader();
        assertEquals("Shop Ltd", minimal.name());
        assertEquals(java.util.Optional.of("help@shop.test"), minimal.email());
        assertEquals("shop 5", minimal.clause().toString());
        assertEquals("Janets", ONLINE.trader().name(), "the trading name where the terms give no legal name");
        assertTrue(ONLINE.trader().address().isEmpty() && ONLINE.trader().email().isEmpty(), "online-courses 12.1(2) leaves them blank");
    }

    static String failure(String yaml) {
        return assertThrows(CatalogException.class, () -> CatalogLoader.load("shop.yaml", yaml)).getMessage();
    }

    @Test
    void the_three_built_in_catalogs_load_with_their_plans_and_courses() {
        assertEquals(4, MEALS.plans().size());
        assertEquals(3, ONLINE.plans().size());
        assertTrue(ONLINE.coursesOfKind(CourseKind.STANDARD).size() >= 40);
        for (var kind : CourseKind.values()) assertFalse(ONLINE.coursesOfKind(kind).isEmpty(), kind + " courses");
        assertTrue(PROVIDER.plan("course:public-speaking").isPresent());
        assertTrue(PROVIDER.plan("course:no-such-course").isEmpty());
        assertEquals("meal-plans 9(c)(1)", plan(MEALS, "3-month").terms().cancelAtPeriodEnd().orElseThrow().clause().toString());
    }

    @Test
    void a_minimal_catalog_loads() {
        assertEquals(999, CatalogLoader.load("shop.yaml", MINIMAL).plan("monthly").orElseThrow().price().amount());
    }

    @Test
    void an_unknown_key_names_file_line_and_field() {
        var message = failure(MINIMAL.replace("    price: 999", "    price: 999\n    colour: blue"));
        assertEquals("shop.yaml:13: plans.monthly.colour: unknown field (allowed here: name, price, weekdaysOnlyPrice, billing, minimumTerm, "
                + "renewal, cancelAtPeriodEnd, cancellationPeriod, serviceBegun, cancellationRefund, refundExclusions, reasonableCauseRefund, "
                + "access, courseCap, coverage, noEnrolmentAfterCancelling, pause, planChange, priceChange, rejoin, breach, businessTermination, "
                + "goodwillCancellation)", message);
    }

    @Test
    void a_wrong_type_names_file_line_and_field() {
        assertEquals("shop.yaml:12: plans.monthly.price: expected a whole number, got text 'nine'",
                failure(MINIMAL.replace("price: 999", "price: nine")));
        assertEquals("shop.yaml:8: rules.offers.expiresAfterDays: expected a whole number, got text 'soon'",
                failure(MINIMAL.replace("expiresAfterDays: 30", "expiresAfterDays: soon")));
    }

    @Test
    void a_missing_price_names_the_plan() {
        var message = failure(MINIMAL.replace("    price: 999\n", ""));
        assertTrue(message.startsWith("shop.yaml:11: plans.monthly: missing required field 'price'"), message);
    }

    @Test
    void a_rule_without_a_clause_is_rejected() {
        assertEquals("shop.yaml:13: plans.monthly.billing: missing required field 'clause'",
                failure(MINIMAL.replace("billing: {every: P28D, clause: \"4\"}", "billing: {every: P28D}")));
    }

    @Test
    void bad_values_and_references_are_rejected() {
        assertTrue(failure(MINIMAL.replace("every: P28D", "every: P2W")).contains("plans.monthly.billing.every: 'P2W' is not one of P28D, P1Y, ONCE, LIFETIME"));
        assertTrue(failure(MINIMAL.replace("currency: GBP", "currency: XXY")).contains("currency: 'XXY' is not an ISO 4217 currency code"));
        assertTrue(failure(MINIMAL.replace("price: 999", "price: 0")).contains("a price must be more than zero"));
        assertTrue(failure(MINIMAL.replace("P28D, clause: \"4\"}\n", "P28D, clause: \"4\"}\n    planChange: {to: [yearly], timing: AT_PERIOD_END, clause: \"5\"}\n"))
                .contains("planChange.to names unknown plan 'yearly'"));
        assertTrue(failure(MINIMAL.replace("id: shop", "id: other")).contains("do not match its file name"));
        assertTrue(failure(MINIMAL.replace("  monthly:", "  monthly:\n    name: Twice")).contains("duplicate key"));
        assertTrue(failure("id: [unclosed").startsWith("shop.yaml:"));
    }

    @Test
    void clause_numbers_written_as_numbers_keep_their_text() {
        var catalog = CatalogLoader.load("shop.yaml", MINIMAL.replace("clause: \"4\"", "clause: 3.10"));
        assertEquals("shop 3.10", catalog.plan("monthly").orElseThrow().terms().billing().clause().toString());
    }
}
