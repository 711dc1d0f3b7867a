package com.termwise.local;

import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.Test;

import static com.termwise.local.AccountActionsJourneyTest.clauseOf;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.*;

/** The business's own decisions on a customer's contract, each carried out as decided: the money at Stripe, the state, the mail. */
class OperatorFlowsJourneyTest extends SandboxJourney {

    static String annual() {
        return AccountActionsJourneyTest.annual(false, false);
    }

    String admin(String customer, String path) {
        return "/v1/admin/customers/" + customer + path;
    }

    long refundedAtStripe(String email) {
        var intents = intentsOf(email).stream().map(pi -> pi.get("id")).toList();
        return stripe.list("refund").stream().filter(r -> intents.contains(r.get("payment_intent")))
                .mapToLong(r -> ((Number) r.get("amount")).longValue()).sum();
    }

    /**
     * online-courses 14.8: Janets ends Ann's annual membership 100 days into its year (Fri 10 Jun 2026). The 265 unused days
     * of 365 are reimbursed: £149.00 less 100/365 of it (£40.82, rounded down) is £108.18, at Stripe as decided. Ann refuses
     * promotional offers (2.5), then at her request her account is deleted (13.4): her name and email go, the record of what
     * she paid and got back stays.
     */
    @Test
    void the_business_ends_a_membership_reimbursing_the_unused_days_and_later_deletes_the_account_keeping_the_ledger() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ann = api.token("ann");
        var ops = api.token("ops-1", "admin");
        var order = buy(ann, annual(), StripeSandbox.VISA);
        api.advanceDays(100);

        var notAdmin = api.post(admin("ann", "/orders/" + order + "/terminate"), ann, "{\"when\":\"NOW\",\"reason\":\"x\"}");
        assertEquals(403, notAdmin.status(), notAdmin.raw());
        var noReason = api.post(admin("ann", "/orders/" + order + "/terminate"), ops, "{\"when\":\"NOW\"}");
        assertEquals(400, noReason.status(), noReason.raw());
        assertEquals("reason", noReason.text("/error/field"));
        var preview = api.post(admin("ann", "/orders/" + order + "/terminate"), ops, "{\"when\":\"NOW\",\"reason\":\"the service is closing\",\"preview\":true}");
        assertEquals("ACTIVE", me(ann).at("/subscriptions/0/state").asText(), "a preview changes nothing");
        var ended = api.post(admin("ann", "/orders/" + order + "/terminate"), ops, "{\"when\":\"NOW\",\"reason\":\"the service is closing\"}");
        assertEquals(200, ended.status(), ended.raw());
        assertEquals("CANCELLED_WITH_REFUND", ended.text("/outcome"));
        assertEquals(10818, ended.number("/refund/amount"));
        assertEquals(preview.body().get("refund"), ended.body().get("refund"), "the preview said what the action did");
        assertEquals("online-courses 14.8", clauseOf(ended, "SERVICE_TERMINATED"));
        assertEquals("CANCELLED", me(ann).at("/subscriptions/0/state").asText());
        assertEquals(10818, refundedAtStripe("ann@example.test"));
        var mail = api.mailTo("ann").getFirst();
        assertEquals("contract-terminated", mail.text("/template"));
        assertTrue(mail.text("/text").contains("the service is closing") && mail.text("/text").contains("online-courses 14.8"), mail.raw());
        assertEquals(1, events("ContractTerminated").size());
        var again = api.post(admin("ann", "/orders/" + order + "/terminate"), ops, "{\"when\":\"NOW\",\"reason\":\"the service is closing\"}");
        assertEquals(422, again.status(), "nothing is paid back twice: " + again.raw());

        // online-courses 2.5: Ann refuses offers by email; order and payment mails still come
        assertTrue(me(ann).at("/marketing/offers").asBoolean());
        var refuse = api.put("/v1/me/marketing", ann, "{\"offers\":false}");
        assertEquals(200, refuse.status(), refuse.raw());
        assertEquals("online-courses 2.5", clauseOf(refuse, "MARKETING_REFUSED"));
        assertFalse(me(ann).at("/marketing/offers").asBoolean());
        assertEquals("2026-06-10", me(ann).at("/marketing/refusedOn").asText());
        api.put("/v1/me/marketing", ann, "{\"offers\":false}");
        assertEquals(1, events("MarketingPreferenceChanged").size(), "the mailing tool is told once");

        var ledgerBefore = me(ann).at("/ledger").size();
        var erased = api.post(admin("ann", "/erase"), ops, "{\"reason\":\"asked by email on 9 June\"}");
        assertEquals(200, erased.status(), erased.raw());
        assertEquals("ERASED", erased.text("/outcome"));
        assertEquals("online-courses 13.4", clauseOf(erased, "ACCOUNT_DELETED"));
        var after = me(ann);
        assertEquals("Anonymised customer", after.at("/customer/name").asText(), after.toString());
        assertFalse(after.toString().contains("ann@example.test"), after.toString());
        assertEquals(ledgerBefore, after.at("/ledger").size(), "the financial record stays");
        assertEquals("account-deleted", api.mailTo("ann").getFirst().text("/template"), "confirmed to the address before it went");
        assertEquals(422, api.post(admin("ann", "/erase"), ops, "{\"reason\":\"again\"}").status());
    }

    /**
     * meal-plans 14(g) at the period end, 5(d) for a price error, and online-courses 5.1 for a breach: Meg's plan runs to the
     * end of what she paid and nothing more is taken; Nia's order, taken at a price shown in error, is cancelled with all of it
     * back; Bea's membership is suspended, and while a contract runs her account cannot be deleted.
     */
    @Test
    void a_plan_ended_at_its_period_end_an_order_cancelled_for_a_price_error_and_a_membership_suspended_for_a_breach() throws Exception {
        startOn("2026-01-13T10:00:00Z");
        var meg = api.token("meg");
        var nia = api.token("nia");
        var bea = api.token("bea");
        var ops = api.token("ops-1", "admin");
        var megOrder = buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        var niaOrder = buy(nia, mealPlan("3-month"), StripeSandbox.VISA);
        var beaOrder = buy(bea, annual(), StripeSandbox.VISA);
        api.advanceDays(38); // Sat 20 Feb 2026: Meg's second month (10 Feb to 10 Mar) is paid

        var atEnd = api.post(admin("meg", "/orders/" + megOrder + "/terminate"), ops, "{\"when\":\"AT_PERIOD_END\",\"reason\":\"we no longer deliver to LS1\"}");
        assertEquals("CANCELS_AT_PERIOD_END", atEnd.text("/outcome"), atEnd.raw());
        assertEquals("2026-03-10", atEnd.text("/effectiveDate"));
        assertEquals(0, atEnd.number("/refund/amount"));
        assertEquals("meal-plans 14(g)", clauseOf(atEnd, "SERVICE_TERMINATED"));

        var paidByNia = me(nia).at("/orders/0/paid/amount").asLong(); // two months by now
        var wrongPrice = api.post(admin("nia", "/orders/" + niaOrder + "/price-error"), ops,
                "{\"correctPrice\":{\"amount\":" + me(nia).at("/orders/0/total/amount").asLong() + ",\"currency\":\"GBP\"},\"reason\":\"typo\"}");
        assertEquals(400, wrongPrice.status(), wrongPrice.raw());
        assertEquals("correctPrice", wrongPrice.text("/error/field"));
        var priceError = api.post(admin("nia", "/orders/" + niaOrder + "/price-error"), ops,
                "{\"correctPrice\":{\"amount\":17900,\"currency\":\"GBP\"},\"reason\":\"the page showed £159 for the £179 plan\"}");
        assertEquals("CANCELLED_WITH_REFUND", priceError.text("/outcome"), priceError.raw());
        assertEquals(paidByNia, priceError.number("/refund/amount"), "everything Nia paid");
        assertEquals("meal-plans 5(d)", clauseOf(priceError, "PRICE_ERROR"));
        assertEquals(paidByNia, refundedAtStripe("nia@example.test"));
        assertEquals("CANCELLED", me(nia).at("/subscriptions/0/state").asText());
        assertTrue(each(me(nia).at("/deliveries")).stream().noneMatch(d -> d.get("state").asText().equals("SCHEDULED")), me(nia).at("/deliveries").toString());
        var noSuchTerm = api.post(admin("bea", "/orders/" + beaOrder + "/price-error"), ops,
                "{\"correctPrice\":{\"amount\":19900,\"currency\":\"GBP\"},\"reason\":\"typo\"}");
        assertEquals(422, noSuchTerm.status(), noSuchTerm.raw());
        assertTrue(noSuchTerm.raw().contains("NO_PRICE_ERROR_TERM"), noSuchTerm.raw());

        var beaSub = me(bea).at("/subscriptions/0/id").asText();
        var suspended = api.post(admin("bea", "/subscriptions/" + beaSub + "/suspend"), ops, "{\"reason\":\"shared her login with a class of 30\"}");
        assertEquals("SUSPENDED", suspended.text("/outcome"), suspended.raw());
        assertEquals("online-courses 5.1", clauseOf(suspended, "BREACH_SUSPENSION"));
        assertEquals("SUSPENDED", me(bea).at("/subscriptions/0/state").asText());
        assertEquals("account-suspended", api.mailTo("bea").getFirst().text("/template"));
        assertEquals(422, api.post("/v1/enrolments", bea, "{\"courseId\":\"excel-essentials\"}").status(), "no new course while suspended");
        var keep = api.post(admin("bea", "/erase"), ops, "{\"reason\":\"asked\"}");
        assertEquals(422, keep.status(), keep.raw());
        assertTrue(keep.raw().contains("CONTRACT_RUNNING"), keep.raw());

        api.advanceDays(28); // Sat 20 Mar 2026
        assertEquals("CANCELLED", me(meg).at("/subscriptions/0/state").asText());
        assertEquals(2, intentsOf("meg@example.test").size(), "nothing taken after the period the business ended it at");
    }

    /** Moves the test clock to 10:00 on {@code day}. */
    void advanceTo(String day) {
        var now = java.time.Instant.parse(api.get("/_local/clock", null).text("/now"));
        var target = java.time.LocalDate.parse(day).atTime(10, 0).atZone(java.time.ZoneOffset.UTC).toInstant();
        api.advanceHours((int) java.time.Duration.between(now, target).toHours());
    }

    /**
     * meal-plans 7(d), 7(e), 8(d). Meg's first boxes are missed twice and not collected: they are re-sent, and £6.95 for
     * repacking and re-delivery goes on her next payment, which Stripe then takes to the penny. Nia refuses hers: within her
     * minimum period that costs nothing, and the boxes come again. Nia then cancels within 14 days of receiving them and is
     * refunded; her boxes come back with three days' food eaten, so what was refunded for them is owed (one day is allowed).
     */
    @Test
    void boxes_that_come_back_are_resent_with_their_charge_and_a_return_with_more_than_a_day_eaten_is_owed_for() throws Exception {
        startOn("2026-01-13T10:00:00Z");
        var meg = api.token("meg");
        var nia = api.token("nia");
        var courier = api.token("courier", "service");
        var ops = api.token("ops-1", "admin");
        buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        buy(nia, mealPlan("3-month"), StripeSandbox.VISA);
        var megBox = delivery(meg, 1);
        var niaBox = delivery(nia, 1);
        advanceTo(megBox.get("scheduledDate").asText());
        assertEquals("DISPATCHED", delivery(meg, 1).get("state").asText());

        var missed = api.post("/v1/deliveries/" + megBox.get("id").asText() + "/returned", courier,
                "{\"returnedOn\":\"" + megBox.get("scheduledDate").asText() + "\",\"why\":\"NOT_COLLECTED\"}");
        assertEquals(200, missed.status(), missed.raw());
        assertEquals("meal-plans 7(d)", clauseOf(missed, "NOT_COLLECTED"));
        assertEquals(695, missed.number("/charges/0/amount/amount"));
        var resent = delivery(meg, 1);
        assertEquals("SCHEDULED", resent.get("state").asText());
        assertEquals(missed.text("/effectiveDate"), resent.get("scheduledDate").asText(), "sent again for the day the decision gave");
        var megNext = me(meg).at("/subscriptions/0/nextPayment");
        var niaNext = me(nia).at("/subscriptions/0/nextPayment");
        assertEquals(niaNext.at("/total/amount").asLong() + 695, megNext.at("/total/amount").asLong(), megNext.toString());
        var notOut = api.post("/v1/deliveries/" + megBox.get("id").asText() + "/returned", courier,
                "{\"returnedOn\":\"" + megBox.get("scheduledDate").asText() + "\",\"why\":\"NOT_COLLECTED\"}");
        assertEquals(409, notOut.status(), "a box not out with the courier cannot come back twice: " + notOut.raw());

        var refused = api.post("/v1/deliveries/" + niaBox.get("id").asText() + "/returned", courier,
                "{\"returnedOn\":\"" + niaBox.get("scheduledDate").asText() + "\",\"why\":\"REFUSED\"}");
        assertEquals(200, refused.status(), refused.raw());
        assertEquals("meal-plans 7(e)", clauseOf(refused, "REFUSED_IN_MINIMUM_TERM"));
        assertEquals(0, refused.body().at("/charges").size());

        var again = refused.text("/effectiveDate");
        advanceTo(again);
        firstBoxesDelivered(courier, meg, nia);
        api.advanceDays(3);
        var niaSub = me(nia).at("/subscriptions/0/id").asText();
        var cancelled = api.post("/v1/subscriptions/" + niaSub + "/cancel", nia, "{}");
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"), cancelled.raw());
        var refundedToNia = cancelled.number("/refund/amount");
        assertTrue(refundedToNia > 0);

        var tooEarly = api.post(admin("meg", "/deliveries/" + megBox.get("id").asText() + "/return-inspected"), ops,
                "{\"receivedOn\":\"" + again + "\",\"daysEaten\":0}");
        assertEquals(422, tooEarly.status(), "Meg never cancelled: " + tooEarly.raw());
        var inspected = api.post(admin("nia", "/deliveries/" + niaBox.get("id").asText() + "/return-inspected"), ops,
                "{\"receivedOn\":\"" + again + "\",\"daysEaten\":3}");
        assertEquals("AMOUNT_OWED", inspected.text("/outcome"), inspected.raw());
        assertEquals("meal-plans 8(d)", clauseOf(inspected, "MORE_THAN_ONE_DAY_EATEN"));
        var owed = inspected.number("/charges/0/amount/amount");
        assertTrue(owed > 0 && owed <= refundedToNia, inspected.raw());
        assertEquals(owed, me(nia).at("/balanceOwed/amount").asLong(), me(nia).at("/balanceOwed").toString());
        assertEquals(422, api.post(admin("nia", "/deliveries/" + niaBox.get("id").asText() + "/return-inspected"), ops,
                "{\"receivedOn\":\"" + again + "\",\"daysEaten\":3}").status(), "inspected once");

        advanceTo("2026-02-12"); // Meg's second month was taken on 10 Feb, with the re-delivery charge on it
        var taken = intentsOf("meg@example.test").stream().max(java.util.Comparator.comparingLong(pi -> ((Number) pi.get("created")).longValue())).orElseThrow();
        assertEquals(megNext.at("/total/amount").asLong(), ((Number) taken.get("amount")).longValue(), "the payment promised, with £6.95 on it");
    }

    /**
     * course-provider 5.1: EtonX suspends access to Priya's Public Speaking course to fix a problem. Announced on Thu 10 Dec
     * 2026, the terms' reasonable notice (5 working days) makes Thu 17 Dec the earliest start; a start the next day is refused
     * unless it is emergency maintenance (12.3). The days the decision names are the days stored on the order, mailed to Priya
     * and sent to the learning platform; nothing is charged or refunded.
     */
    @Test
    void the_provider_suspends_a_course_with_notice_or_at_once_for_emergency_maintenance_and_nothing_is_charged() throws Exception {
        startOn("2026-12-10T10:00:00Z");
        var priya = api.token("priya");
        var ops = api.token("ops-1", "admin");
        var order = buy(priya, AccountActionsJourneyTest.course("course-provider", "public-speaking", true), StripeSandbox.VISA);
        var path = admin("priya", "/orders/" + order + "/suspend-service");

        var past = api.post(path, ops, "{\"from\":\"2026-12-09\",\"backOn\":\"2026-12-12\",\"reason\":\"a broken player\"}");
        assertEquals(400, past.status(), past.raw());
        assertEquals("from", past.text("/error/field"));
        var backwards = api.post(path, ops, "{\"from\":\"2026-12-17\",\"backOn\":\"2026-12-17\",\"reason\":\"a broken player\"}");
        assertEquals("backOn", backwards.text("/error/field"), backwards.raw());
        var tooSoon = api.post(path, ops, "{\"from\":\"2026-12-11\",\"backOn\":\"2026-12-14\",\"reason\":\"a broken player\"}");
        assertEquals(422, tooSoon.status(), tooSoon.raw());
        assertEquals("SHORT_NOTICE", tooSoon.text("/error/code"));
        assertEquals("course-provider 5.1", tooSoon.body().at("/decision/reasons/0/clause").asText());
        assertTrue(tooSoon.raw().contains("Thursday 17 December 2026"), tooSoon.raw());

        var body = "{\"from\":\"2026-12-17\",\"backOn\":\"2026-12-19\",\"reason\":\"the video player is being replaced\"";
        var preview = api.post(path, ops, body + ",\"preview\":true}");
        assertEquals("SUSPENDED", preview.text("/outcome"), preview.raw());
        assertTrue(me(priya).at("/orders/0/serviceSuspension").isMissingNode(), "a preview changes nothing");
        var suspended = api.post(path, ops, body + "}");
        assertEquals(200, suspended.status(), suspended.raw());
        assertEquals(preview.body(), suspended.body(), "the preview said what the action did");
        assertEquals("2026-12-17", suspended.text("/effectiveDate"));
        assertEquals(0, suspended.number("/refund/amount"));
        assertEquals(0, suspended.body().at("/charges").size());
        assertEquals("course-provider 5.1", clauseOf(suspended, "SERVICE_SUSPENDED"));
        var stored = me(priya).at("/orders/0/serviceSuspension");
        assertEquals("2026-12-17", stored.get("start").asText(), "the order keeps the days the decision announced");
        assertEquals("2026-12-19", stored.get("end").asText());
        var mail = api.mailTo("priya").getFirst();
        assertEquals("service-suspended", mail.text("/template"));
        assertTrue(mail.text("/text").contains("from Thursday 17 December 2026 up to and including Friday 18 December 2026")
                && mail.text("/text").contains("comes back by itself on Saturday 19 December 2026") && mail.text("/text").contains("course-provider 5.1"), mail.raw());
        var told = events("ServiceSuspended");
        assertEquals(1, told.size());
        var detail = new com.fasterxml.jackson.databind.ObjectMapper().readTree(told.getFirst().get("detail").asText()); // EventBridge's Detail is a JSON string
        assertEquals("2026-12-17", detail.get("from").asText(), detail.toString());
        assertEquals("2026-12-19", detail.get("backOn").asText());
        assertEquals(0, refundedAtStripe("priya@example.test"), "nothing is refunded for the pause");
        assertEquals(1, intentsOf("priya@example.test").size(), "nothing is charged for it");
        var overlapping = api.post(path, ops, "{\"from\":\"2026-12-18\",\"backOn\":\"2026-12-21\",\"reason\":\"more work\"}");
        assertEquals(422, overlapping.status(), overlapping.raw());
        assertEquals("ALREADY_SUSPENDED", overlapping.text("/error/code"));
        assertEquals("course-provider 5.1", overlapping.body().at("/decision/reasons/0/clause").asText());

        // after it comes back, the servers fail: 12.3 lets emergency maintenance start today
        api.advanceDays(11); // Mon 21 Dec
        var emergency = api.post(path, ops, "{\"from\":\"2026-12-21\",\"backOn\":\"2026-12-22\",\"emergency\":true,\"reason\":\"a server failure\"}");
        assertEquals(200, emergency.status(), emergency.raw());
        assertEquals("course-provider 12.3", clauseOf(emergency, "EMERGENCY_MAINTENANCE"));
        assertEquals("2026-12-21", me(priya).at("/orders/0/serviceSuspension/start").asText());
        assertEquals(2, events("ServiceSuspended").size());

        // online-courses has no such term
        var ann = api.token("ann");
        var annual = buy(ann, annual(), StripeSandbox.VISA);
        var none = api.post(admin("ann", "/orders/" + annual + "/suspend-service"), ops, "{\"from\":\"2027-01-04\",\"backOn\":\"2027-01-05\",\"reason\":\"x\"}");
        assertEquals(422, none.status(), none.raw());
        assertEquals("NO_SERVICE_SUSPENSION_TERM", none.text("/error/code"));
    }
}
