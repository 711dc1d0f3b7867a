package com.termwise.local;

import com.termwise.domain.catalog.CatalogLoader;
import com.termwise.domain.catalog.Catalogs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.termwise.local.AccountActionsJourneyTest.clauseOf;
import static com.termwise.local.AccountActionsJourneyTest.codes;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.*;

/** Contracts decided by the rules in force when they were made, while newer contracts follow newer rules. */
class TermsOverTimeJourneyTest extends SandboxJourney {

    /** The built-in meal-plans terms as a business would publish their next version: in force from {@code from}, with {@code edit} made. */
    static Catalogs withNextMealPlansVersion(String from, java.util.function.UnaryOperator<String> edit) throws Exception {
        String current;
        try (var in = TermsOverTimeJourneyTest.class.getClassLoader().getResourceAsStream("catalogs/meal-plans.yaml")) {
            current = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var next = edit.apply(current.replace("termsVersion: {inForceFrom: 2024-01-01,", "termsVersion: {inForceFrom: " + from + ", earlier: [2024-01-01],"));
        var builtIn = Catalogs.builtIn();
        return new Catalogs(List.of(builtIn.inForce("online-courses", java.time.LocalDate.MAX).orElseThrow(),
                builtIn.inForce("course-provider", java.time.LocalDate.MAX).orElseThrow(),
                builtIn.inForce("meal-plans", java.time.LocalDate.MAX).orElseThrow(),
                CatalogLoader.load("catalogs/meal-plans.yaml", next)));
    }

    /**
     * Jane Plan publishes new terms in force from Wed 14 Jan 2026 (meal-plans 1): a 3 Month Plan's notice becomes 10 working
     * days. Nia ordered on the 13th under the old terms, Oli on the 14th under the new. On Wed 25 Mar both give notice: Nia's
     * 5 working days are kept (her deadline is Fri 27 Mar, for 7 Apr), so her plan ends on 7 Apr; Oli's deadline was Mon 23 Mar
     * (10 working days before 8 Apr, Easter's two bank holidays skipped), so his runs another month. Publishing never rewrote Nia's.
     */
    @Test
    void a_contract_keeps_the_terms_it_was_made_under_when_the_business_publishes_new_ones() throws Exception {
        var catalogs = withNextMealPlansVersion("2026-01-14", yaml -> yaml.replaceFirst("(3-month:[\\s\\S]*?cancelAtPeriodEnd: \\{noticeWorkingDays: )5", "$110"));
        termwise = LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-01-13T10:00:00Z"), catalogs);
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
        var nia = api.token("nia");
        var oli = api.token("oli");
        var courier = api.token("courier", "service");
        var niaOrder = buy(nia, mealPlan("3-month"), com.termwise.stripesandbox.StripeSandbox.VISA);
        api.advanceDays(1);
        var oliOrder = buy(oli, mealPlan("3-month"), com.termwise.stripesandbox.StripeSandbox.VISA);

        assertEquals("2024-01-01", api.get("/v1/orders/" + niaOrder, nia).text("/termsVersion"));
        assertEquals("2026-01-14", api.get("/v1/orders/" + oliOrder, oli).text("/termsVersion"));
        var niaSub = me(nia).at("/subscriptions/0");
        var oliSub = me(oli).at("/subscriptions/0");
        assertEquals("2024-01-01", niaSub.get("termsVersion").asText());
        assertEquals("2026-01-14", oliSub.get("termsVersion").asText());
        assertEquals("2026-03-27", niaSub.get("cancellationNoticeDeadline").asText(), "5 working days before 7 Apr, as Nia's terms say");
        assertEquals("2026-03-23", oliSub.get("cancellationNoticeDeadline").asText(), "10 working days before 8 Apr, as Oli's terms say");
        var published = api.get("/v1/catalogs/meal-plans", null);
        assertEquals("2026-01-14", published.text("/termsVersion/inForceFrom"), "the catalog shows the terms new customers get");
        assertEquals("meal-plans 1", published.text("/termsVersion/clause"));

        api.advanceDays(70); // Wed 25 Mar 2026
        firstBoxesDelivered(courier, nia, oli);
        var niaNotice = api.post("/v1/subscriptions/" + niaSub.get("id").asText() + "/cancel", nia, "{}");
        assertEquals("CANCELS_AT_PERIOD_END", niaNotice.text("/outcome"), niaNotice.raw());
        assertEquals("2026-04-07", niaNotice.text("/effectiveDate"));
        assertFalse(codes(niaNotice).contains("NOTICE_TOO_LATE"), niaNotice.raw());
        var oliNotice = api.post("/v1/subscriptions/" + oliSub.get("id").asText() + "/cancel", oli, "{}");
        assertEquals("CANCELS_AT_PERIOD_END", oliNotice.text("/outcome"), oliNotice.raw());
        assertEquals("2026-05-06", oliNotice.text("/effectiveDate"), oliNotice.raw());
        assertEquals("meal-plans 9(c)(1)", clauseOf(oliNotice, "NOTICE_TOO_LATE"));

        api.advanceDays(45); // Sat 9 May 2026: both plans have ended on the days their decisions gave
        assertEquals("CANCELLED", me(nia).at("/subscriptions/0/state").asText());
        assertEquals("CANCELLED", me(oli).at("/subscriptions/0/state").asText());
        assertEquals(3, intentsOf("nia@example.test").size(), "Nia paid her three months and nothing after 7 Apr");
        assertEquals(4, intentsOf("oli@example.test").size(), "Oli's late notice cost the one more month its decision announced");
    }
}
