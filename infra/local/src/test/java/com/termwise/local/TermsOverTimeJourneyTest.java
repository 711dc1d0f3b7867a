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

    /** A checkout body with the DMCC 2024 s.257 acknowledgement a renewing plan needs from commencement. */
    static String acknowledged(String body) {
        return body.replace("\"consents\":{", "\"consents\":{\"acknowledgeObligationToPay\":true,");
    }

    /** The built-in meal-plans terms as a business would publish their next version: in force from {@code from}, with {@code edit} made. */
    static Catalogs withNextMealPlansVersion(String from, java.util.function.UnaryOperator<String> edit) throws Exception {
        String current;
        try (var in = TermsOverTimeJourneyTest.class.getClassLoader().getResourceAsStream("catalogs/meal-plans.yaml")) {
            current = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var next = edit.apply(current.replace("termsVersion: {inForceFrom: 2024-01-01,", "termsVersion: {inForceFrom: " + from + ", earlier: [2024-01-01],"));
        var published = new java.util.ArrayList<>(Catalogs.builtIn().all(java.time.LocalDate.MAX));
        published.add(CatalogLoader.load("catalogs/meal-plans.yaml", next));
        return new Catalogs(published);
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

    /**
     * DMCC 2024 s.264-266, side by side: Ann took an annual membership on Sun 12 Apr 2026, before the regime's commencement
     * (6 Apr 2027); Bea on Mon 12 Apr 2027, after it. Both renew on Wed 12 Apr 2028 for £149 and cancel 8 days later. Ann's
     * terms alone decide hers: no refund after an automatic renewal (online-courses 10.2), the membership runs to its period
     * end. Bea was told of a new cooling-off period when her renewal was taken, and cancelling inside it ends the membership
     * that day with the 357 unused days of 365 refunded: £149.00 less 8/365 of it (£3.26, rounded down) is £145.74.
     */
    @Test
    void an_annual_renewal_cancelled_8_days_later_is_refused_a_refund_before_commencement_and_refunded_in_proportion_after() throws Exception {
        startOn("2026-04-12T10:00:00Z");
        var ann = api.token("ann");
        var bea = api.token("bea");
        var annOrder = buy(ann, AccountActionsJourneyTest.annual(false, false), com.termwise.stripesandbox.StripeSandbox.VISA);
        api.advanceDays(365); // Mon 12 Apr 2027: Ann's first renewal is taken at 06:00
        // s.256-257: from commencement the key information is given and the obligation to pay acknowledged, or nothing is bought
        var unacknowledged = api.post("/v1/checkout", bea, AccountActionsJourneyTest.annual(false, false));
        assertEquals(400, unacknowledged.status(), unacknowledged.raw());
        assertEquals("consents.acknowledgeObligationToPay", unacknowledged.text("/error/field"), unacknowledged.raw());
        assertTrue(unacknowledged.raw().contains("agreeing to pay £149.00 every year until I cancel (DMCC 2024 s.257)"), unacknowledged.raw());
        assertEquals(0, me(bea).at("/orders").size(), "nothing is written");
        var beaOrder = buy(bea, acknowledged(AccountActionsJourneyTest.annual(false, false)),
                com.termwise.stripesandbox.StripeSandbox.VISA);
        var confirmation = api.mailTo("bea").getFirst().text("/text");
        assertTrue(confirmation.contains("Key information (DMCC 2024 s.256)") && confirmation.contains("then £149.00 every year")
                && confirmation.contains("(DMCC 2024 s.257)"), confirmation);
        assertFalse(templates("ann").contains("renewal-cooling-off"), "a contract made before commencement has no renewal cooling-off");

        api.advanceDays(336); // Mon 13 Mar 2028: reminded 30 days ahead (online-courses 13.1); Bea's reminder is also the statute's (s.258)
        var beaReminder = api.mailTo("bea").getFirst();
        assertEquals("renewal-reminder", beaReminder.text("/template"));
        assertTrue(beaReminder.text("/text").contains("DMCC 2024 s.258") && beaReminder.text("/text").contains("Wednesday 12 April 2028"), beaReminder.raw());
        assertFalse(api.mailTo("ann").getFirst().text("/text").contains("DMCC"), api.mailTo("ann").getFirst().raw());
        api.advanceDays(30); // Wed 12 Apr 2028: both renew
        assertEquals(3, intentsOf("ann@example.test").size());
        assertEquals(2, intentsOf("bea@example.test").size());
        var told = api.mailTo("bea").stream().filter(m -> m.text("/template").equals("renewal-cooling-off")).toList();
        assertEquals(1, told.size(), "the cooling-off notice goes out once, with the renewal");
        assertTrue(told.getFirst().text("/sentAt").startsWith("2028-04-12"), told.getFirst().raw());
        assertTrue(told.getFirst().text("/text").contains("up to and including Wednesday 26 April 2028")
                && told.getFirst().text("/text").contains("DMCC 2024 s.264"), told.getFirst().raw());
        assertFalse(templates("ann").contains("renewal-cooling-off"));

        api.advanceDays(8); // Thu 20 Apr 2028
        var annSub = me(ann).at("/subscriptions/0/id").asText();
        var beaSub = me(bea).at("/subscriptions/0/id").asText();
        var annCancel = api.post("/v1/subscriptions/" + annSub + "/cancel", ann, "{}");
        assertEquals("CANCELS_AT_PERIOD_END", annCancel.text("/outcome"), annCancel.raw());
        assertEquals("2029-04-12", annCancel.text("/effectiveDate"));
        assertEquals(0, annCancel.number("/refund/amount"));
        assertEquals("online-courses 14.16", clauseOf(annCancel, "NO_PARTIAL_PERIOD_REFUND"));
        var annRefund = api.post("/v1/orders/" + annOrder + "/refund", ann, "{}");
        assertEquals(422, annRefund.status(), annRefund.raw());
        assertTrue(annRefund.raw().contains("online-courses 10.2"), annRefund.raw());

        var preview = api.post("/v1/subscriptions/" + beaSub + "/cancel", bea, "{\"preview\":true}");
        var beaCancel = api.post("/v1/subscriptions/" + beaSub + "/cancel", bea, "{}");
        assertEquals("CANCELLED_WITH_REFUND", beaCancel.text("/outcome"), beaCancel.raw());
        assertEquals(preview.body().get("refund"), beaCancel.body().get("refund"), "the preview said what the action did");
        assertEquals("2028-04-20", beaCancel.text("/effectiveDate"));
        assertEquals(14574, beaCancel.number("/refund/amount"));
        assertEquals("DMCC 2024 s.264", clauseOf(beaCancel, "RENEWAL_COOLING_OFF"));
        assertEquals("DMCC 2024 s.266", clauseOf(beaCancel, "PROPORTIONATE_REFUND"));
        assertEquals("online-courses 10.2", clauseOf(beaCancel, "TERMS_GIVE_WAY"));
        assertEquals("CANCELLED", me(bea).at("/subscriptions/0/state").asText());
        assertEquals("CANCELLING", me(ann).at("/subscriptions/0/state").asText());
        // the money: Stripe refunds exactly the decision's amount, from the renewal's payment
        var renewal = intentsOf("bea@example.test").stream().max(java.util.Comparator.comparingLong(pi -> ((Number) pi.get("created")).longValue())).orElseThrow();
        assertEquals(14900L, ((Number) renewal.get("amount")).longValue());
        var refunds = stripe.list("refund").stream().filter(r -> renewal.get("id").equals(r.get("payment_intent"))).toList();
        assertEquals(1, refunds.size(), stripe.list("refund").toString());
        assertEquals(14574L, ((Number) refunds.getFirst().get("amount")).longValue());
        assertTrue(stripe.list("refund").stream().noneMatch(r -> intentsOf("ann@example.test").stream().anyMatch(pi -> pi.get("id").equals(r.get("payment_intent")))),
                "nothing is refunded to Ann");
        // s.260-261: left in one request from the account, and told at once that it has ended
        assertEquals("DMCC 2024 s.261", clauseOf(beaCancel, "END_OF_CONTRACT_NOTICE"));
        var ended = api.mailTo("bea").getFirst();
        assertEquals("cancellation-confirmed", ended.text("/template"));
        assertTrue(ended.text("/sentAt").startsWith("2028-04-20") && ended.text("/text").contains("DMCC 2024 s.261"), ended.raw());
        assertFalse(annCancel.raw().contains("DMCC"), "Ann's contract predates the regime: " + annCancel.raw());

        api.advanceDays(7); // Thu 27 Apr 2028: a day after Bea's window would have closed, had she waited
        assertEquals(List.of(), intentsOf("bea@example.test").stream().skip(2).toList(), "nothing more is taken from Bea");
        assertEquals(14574, api.get("/v1/orders/" + beaOrder, bea).number("/refunded/amount"));
    }

    /**
     * DMCC 2024 s.258-259 on a pay-monthly plan, which had no reminder before: Meg's 1 Month Plan (repeat delivery) bought on
     * Wed 7 Apr 2027 is reminded 10 working days before its first renewal payment (Wed 5 May: Tue 20 Apr, the early May bank
     * holiday skipped), then before the first payment of the next six months (Wed 20 Oct: Wed 6 Oct), and not in between.
     */
    @Test
    void a_pay_monthly_plan_made_after_commencement_is_reminded_before_its_first_renewal_and_then_once_each_six_months() throws Exception {
        startOn("2027-04-07T10:00:00Z");
        var meg = api.token("meg");
        buy(meg, acknowledged(mealPlan("1-month-repeat")),
                com.termwise.stripesandbox.StripeSandbox.VISA);
        api.advanceDays(200); // Sat 23 Oct 2027
        var reminders = api.mailTo("meg").stream().filter(m -> m.text("/template").equals("renewal-reminder")).toList();
        assertEquals(List.of("2027-10-06", "2027-04-20"), reminders.stream().map(m -> m.text("/sentAt").substring(0, 10)).toList());
        assertTrue(reminders.getLast().text("/text").contains("Wednesday 5 May 2027") && reminders.getLast().text("/text").contains("DMCC 2024 s.258"),
                reminders.getLast().raw());
        assertTrue(reminders.getFirst().text("/text").contains("Wednesday 20 October 2027"), reminders.getFirst().raw());
        assertEquals(8, intentsOf("meg@example.test").size(), "every payment was still taken, 28 days apart");
    }
}
