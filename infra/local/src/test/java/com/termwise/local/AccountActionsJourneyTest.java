package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What customers, systems and operators do after a purchase, through the local runner's HTTP API
 * with the handlers the Lambdas run, DynamoDB Local and the Stripe sandbox (via stripe-java). Each
 * journey starts its own Termwise on its own day and moves the test clock between days; each
 * asserts the decision and its clause, the money in Stripe and the ledger, the state, and the mail.
 */
class AccountActionsJourneyTest extends SandboxJourney {

    static final String ADDRESS = """
            {"line1":"1 High St","city":"Leeds","postcode":"LS1 4AP"}""";

    static String mealPlan(String plan) {
        return """
                {"catalog":"meal-plans","plan":"%s","customer":{"name":"Meg Ward","birthDate":"1980-05-01"},
                 "consents":{"beginDuringCancellationPeriod":false,"acknowledgeLossOfCancellationRight":false},
                 "delivery":{"address":%s,"weekendsExcluded":false}}""".formatted(plan, ADDRESS);
    }

    static String course(String catalog, String courseId, boolean begin) {
        return """
                {"catalog":"%s","plan":"course:%s","customer":{"name":"Cara Diaz","birthDate":"1990-01-01"},
                 "consents":{"beginDuringCancellationPeriod":%s,"acknowledgeLossOfCancellationRight":false}}""".formatted(catalog, courseId, begin);
    }

    static String annual(boolean begin, boolean acknowledge) {
        return """
                {"catalog":"online-courses","plan":"annual","customer":{"name":"Ann Lee"},
                 "consents":{"beginDuringCancellationPeriod":%s,"acknowledgeLossOfCancellationRight":%s}}""".formatted(begin, acknowledge);
    }

    /** Buys and pays; returns the order id. */
    String buy(String token, String body) {
        var started = api.checkout(token, body);
        api.pay(started, StripeSandbox.VISA);
        var order = api.get("/v1/orders/" + started.text("/orderId"), token);
        assertEquals("ACCEPTED", order.text("/state"), order.raw());
        return started.text("/orderId");
    }

    static List<JsonNode> each(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static List<String> codes(Api.Response decision) {
        return each(decision.body().at("/reasons")).stream().map(r -> r.get("code").asText()).toList();
    }

    static String clauseOf(Api.Response decision, String code) {
        return each(decision.body().at("/reasons")).stream().filter(r -> r.get("code").asText().equals(code))
                .findFirst().orElseThrow(() -> new AssertionError(code + " not in " + decision.raw())).get("clause").asText();
    }

    List<Map<String, Object>> stripeRefunds() {
        return stripe.list("refund");
    }

    List<String> ledger(String token, String kind) {
        return each(me(token).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals(kind))
                .map(e -> e.at("/amount/amount").asText()).toList();
    }

    // ---- meal plans ----

    /**
     * A 3 Month Plan bought on Tue 13 Jan 2026 ends its minimum term on Tue 7 Apr. With Good Friday
     * (3 Apr) and Easter Monday (6 Apr) in the way, 5 working days' notice (meal-plans 9(c)(1)) is
     * due by Fri 27 Mar, not Tue 31 Mar: notice on the 27th ends the plan on 7 Apr, notice on
     * Monday the 30th is too late and the plan runs one more month, to 5 May.
     */
    @Test
    void a_meal_plan_cancelled_with_notice_before_and_after_the_deadline_around_easter() throws Exception {
        startOn("2026-01-13T10:00:00Z");
        var nia = api.token("nia");
        var oli = api.token("oli");
        var courier = api.token("courier", "service");
        buy(nia, mealPlan("3-month"));
        buy(oli, mealPlan("3-month"));
        var niaSub = me(nia).at("/subscriptions/0");
        assertEquals("2026-04-07", niaSub.get("minimumTermEnd").asText());
        assertEquals("2026-03-27", niaSub.get("cancellationNoticeDeadline").asText(), "the Easter bank holidays move the deadline back");

        api.advanceDays(73); // Fri 27 Mar 2026
        firstBoxesDelivered(courier, nia, oli);

        var niaId = niaSub.get("id").asText();
        var inTime = api.post("/v1/subscriptions/" + niaId + "/cancel", nia, "{}");
        assertEquals(200, inTime.status(), inTime.raw());
        assertEquals("CANCELS_AT_PERIOD_END", inTime.text("/outcome"));
        assertEquals("2026-04-07", inTime.text("/effectiveDate"));
        assertEquals(0, inTime.number("/refund/amount"));
        assertEquals("meal-plans 9(c)(1)", clauseOf(inTime, "ENDS_AT_PERIOD_END"));
        // the clock's advance took the minimum term's instalments on 10 Feb and 10 Mar (meal-plans 6(b)(i)): notice is in its last month
        assertEquals(3, each(me(nia).at("/payments")).size(), me(nia).at("/payments").toString());
        var niaAfter = api.get("/v1/subscriptions/" + niaId, nia);
        assertEquals("CANCELLING", niaAfter.text("/state"));
        assertEquals("2026-04-07", niaAfter.text("/endsOn"));
        var niaMail = api.mailTo("nia").getFirst();
        assertEquals("cancellation-scheduled", niaMail.text("/template"));
        assertTrue(niaMail.text("/text").contains("up to and including Monday 6 April 2026") && niaMail.text("/text").contains("meal-plans 9(c)(1)"), niaMail.raw());

        api.advanceDays(3); // Mon 30 Mar 2026: a working day before the old-style deadline, but after the real one
        var oliId = me(oli).at("/subscriptions/0/id").asText();
        var preview = api.post("/v1/subscriptions/" + oliId + "/cancel", oli, "{\"preview\":true}");
        assertEquals(200, preview.status(), preview.raw());
        assertEquals("ACTIVE", api.get("/v1/subscriptions/" + oliId, oli).text("/state"), "a preview changes nothing");
        var late = api.post("/v1/subscriptions/" + oliId + "/cancel", oli, "{\"reason\":\"moving abroad\"}");
        assertEquals("CANCELS_AT_PERIOD_END", late.text("/outcome"));
        assertEquals("2026-05-05", late.text("/effectiveDate"));
        assertEquals("meal-plans 9(c)(1)", clauseOf(late, "NOTICE_TOO_LATE"));
        assertTrue(late.raw().contains("had to be given by Friday 27 March 2026"), late.raw());
        assertEquals(preview.body().get("effectiveDate"), late.body().get("effectiveDate"), "the preview said what the action did");
        assertEquals("2026-05-05", api.get("/v1/subscriptions/" + oliId, oli).text("/endsOn"));
        assertTrue(stripeRefunds().isEmpty(), "no money moves for a cancellation at period end");

        // what each decision announced is what happens: Nia's plan ends on 7 Apr; Oli's renews once more on 7 Apr
        // (the fourth month, paid, its boxes sent) and ends on 5 May
        api.advanceDays(9); // Wed 8 Apr
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + niaId, nia).text("/state"));
        assertEquals(3, paid(nia), me(nia).at("/payments").toString());
        var oliOn8Apr = api.get("/v1/subscriptions/" + oliId, oli);
        assertEquals("CANCELLING", oliOn8Apr.text("/state"), oliOn8Apr.raw());
        assertEquals("2026-04-07", oliOn8Apr.text("/currentPeriod/start"), oliOn8Apr.raw());
        assertEquals("2026-05-05", oliOn8Apr.text("/currentPeriod/end"), oliOn8Apr.raw());
        assertEquals(4, paid(oli), "the month the late notice left: " + me(oli).at("/payments"));
        var month4 = each(me(oli).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == 4).findFirst().orElseThrow();
        assertNotEquals("CANCELLED", month4.get("state").asText(), month4.toString());

        api.advanceDays(28); // Wed 6 May
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + oliId, oli).text("/state"));
        assertEquals(4, paid(oli), "nothing after the end it was told: " + me(oli).at("/payments"));
        month4 = each(me(oli).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == 4).findFirst().orElseThrow();
        assertEquals("UNCONFIRMED", month4.get("state").asText(), "sent, and never confirmed by the courier in this journey: " + month4);
        assertTrue(each(me(oli).at("/deliveries")).stream().noneMatch(d -> d.get("month").asInt() > 4 && !d.get("state").asText().equals("CANCELLED")),
                me(oli).at("/deliveries").toString());
        assertEquals("plan-ended", api.mailTo("oli").getFirst().text("/template"));
    }

    /**
     * meal-plans 8(b): the 14 days run from the day the box arrives, which the courier reports. A box the courier
     * never confirms is raised with an operator three working days after its date, and shown on the account.
     */
    @Test
    void a_box_the_courier_never_confirms_is_raised_with_an_operator_and_shown_on_the_account() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var meg = api.token("meg");
        buy(meg, mealPlan("3-month"));
        var first = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == 1).findFirst().orElseThrow();
        var date = java.time.LocalDate.parse(first.get("scheduledDate").asText());
        var dueBy = com.termwise.domain.rules.DeliverySchedule.confirmationDueBy(date);

        api.advanceDays((int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2026, 3, 2), dueBy) - 1);
        var dayBefore = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("id").asText().equals(first.get("id").asText())).findFirst().orElseThrow();
        assertEquals("DISPATCHED", dayBefore.get("state").asText(), "the courier has until " + dueBy);
        api.advanceDays(1); // through the confirmation day's 07:00 dispatch run
        var box = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("id").asText().equals(first.get("id").asText())).findFirst().orElseThrow();
        assertEquals("UNCONFIRMED", box.get("state").asText(), box.toString());
        var alert = each(api.get("/_local/events", null).body()).stream()
                .filter(e -> e.toString().contains("DeliveryUnconfirmed") && e.toString().contains(first.get("id").asText())).toList();
        assertEquals(1, alert.size(), api.get("/_local/events", null).raw());
        assertTrue(alert.getFirst().toString().contains(dueBy.toString()), alert.toString());

        api.advanceDays(3);
        assertEquals(1, each(api.get("/_local/events", null).body()).stream().filter(e -> e.toString().contains("DeliveryUnconfirmed")).count(),
                "raised once");
        var reported = api.post("/v1/deliveries/" + first.get("id").asText() + "/delivered", api.token("courier", "service"),
                "{\"deliveredOn\":\"" + date + "\"}");
        assertEquals(200, reported.status(), reported.raw());
        box = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("id").asText().equals(first.get("id").asText())).findFirst().orElseThrow();
        assertEquals("DELIVERED", box.get("state").asText(), "the courier's late report still counts, from the day it names");
    }

    long paid(String token) {
        return each(me(token).at("/payments")).stream().filter(p -> p.get("status").asText().equals("succeeded")).count();
    }

    /**
     * Month 2's boxes can be put back by up to 21 days with 5 working days' notice, and the month's
     * payment moves with them (meal-plans 7(b)); the first box cannot. An address change inside the
     * notice window costs £5 (7(h)); a 4 Month Plan moved to the 3 Month Plan re-prices the month
     * taken at the new plan's rate (8(f)).
     */
    @Test
    void a_meal_plan_delays_a_later_delivery_changes_address_late_and_downgrades_with_an_adjusting_payment() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var meg = api.token("meg");
        buy(meg, mealPlan("4-month"));
        var sub = me(meg).at("/subscriptions/0");
        var subId = sub.get("id").asText();
        assertTrue(each(sub.get("allowedActions")).stream().map(JsonNode::asText).toList().containsAll(List.of("cancel", "change-plan", "delivery-address", "delay-delivery")));
        var deliveries = each(me(meg).at("/deliveries"));
        var first = deliveries.stream().filter(d -> d.get("month").asInt() == 1).findFirst().orElseThrow();
        var second = deliveries.stream().filter(d -> d.get("month").asInt() == 2).findFirst().orElseThrow();
        var periodEnd = sub.at("/currentPeriod/end").asText();
        assertEquals("2026-03-30", periodEnd);

        var firstRefused = api.post("/v1/deliveries/" + first.get("id").asText() + "/delay", meg, "{\"days\":7}");
        assertEquals(422, firstRefused.status(), firstRefused.raw());
        assertEquals("FIRST_DELIVERY_NOT_DELAYABLE", firstRefused.text("/error/code"));
        assertEquals("meal-plans 7(b)", firstRefused.body().at("/decision/reasons/0/clause").asText());
        var tooLong = api.post("/v1/deliveries/" + second.get("id").asText() + "/delay", meg, "{\"days\":22}");
        assertEquals(422, tooLong.status(), tooLong.raw());
        assertEquals("DELAY_TOO_LONG", tooLong.text("/error/code"));

        var delayed = api.post("/v1/deliveries/" + second.get("id").asText() + "/delay", meg, "{\"days\":7}");
        assertEquals(200, delayed.status(), delayed.raw());
        assertEquals("DELAYED", delayed.text("/outcome"));
        var moved = java.time.LocalDate.parse(second.get("scheduledDate").asText()).plusDays(7).toString();
        assertEquals(moved, delayed.text("/effectiveDate"));
        var after = api.get("/v1/subscriptions/" + subId, meg);
        assertEquals("2026-04-06", after.text("/currentPeriod/end"), "the month's payment moves with its delivery");
        assertEquals("2026-04-06", after.text("/nextRenewalDate"));
        var delayMail = api.mailTo("meg").getFirst();
        assertEquals("delivery-delayed", delayMail.text("/template"));
        assertTrue(delayMail.text("/text").contains("Your next payment is now") && delayMail.text("/text").contains("on Monday 6 April 2026 (it was"),
                "the promise the delay moved, old and new: " + delayMail.text("/text"));

        var address = api.put("/v1/subscriptions/" + subId + "/delivery-address", meg,
                "{\"address\":{\"line1\":\"2 Croft Rd\",\"city\":\"Inverness\",\"postcode\":\"IV2 3AA\"}}");
        assertEquals(200, address.status(), address.raw());
        assertEquals("ADDRESS_CHANGED", address.text("/outcome"));
        assertEquals("ADMIN_FEE", address.text("/charges/0/kind"));
        assertEquals(500, address.number("/charges/0/amount/amount"));
        assertEquals("meal-plans 7(h)", clauseOf(address, "LATE_ADDRESS_CHANGE"));
        assertEquals("meal-plans 7(f)", clauseOf(address, "REGIONAL_SURCHARGE"));
        assertEquals(List.of("500"), ledger(meg, "CHARGE_DUE"));
        var rerouted = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == 2).findFirst().orElseThrow();
        assertTrue(rerouted.toString().contains("REGIONAL_SURCHARGE"), rerouted.toString());
        var badPostcode = api.put("/v1/subscriptions/" + subId + "/delivery-address", meg,
                "{\"address\":{\"line1\":\"2 Croft Rd\",\"city\":\"Nowhere\",\"postcode\":\"12345\"}}");
        assertEquals(400, badPostcode.status());
        assertEquals("address.postcode", badPostcode.text("/error/field"));

        var downgrade = api.post("/v1/subscriptions/" + subId + "/change-plan", meg, "{\"plan\":\"3-month\"}");
        assertEquals(200, downgrade.status(), downgrade.raw());
        assertEquals("CHANGED_WITH_ADJUSTMENT", downgrade.text("/outcome"));
        assertEquals("meal-plans 8(f)", clauseOf(downgrade, "DOWNGRADE_ADJUSTMENT"));
        var adjustment = downgrade.number("/charges/0/amount/amount");
        assertTrue(adjustment > 0, downgrade.raw());
        var switched = api.get("/v1/subscriptions/" + subId, meg);
        assertEquals("3-month", switched.text("/plan"));
        assertEquals(List.of("500", Long.toString(adjustment)), ledger(meg, "CHARGE_DUE").stream().sorted(java.util.Comparator.comparing(String::length).thenComparing(s -> s)).toList());
        var unknown = api.post("/v1/subscriptions/" + subId + "/change-plan", meg, "{\"plan\":\"6-month\"}");
        assertEquals(400, unknown.status());
        assertEquals("plan", unknown.text("/error/field"));

        // on the dates the delay announced: month 2 is paid on 6 Apr, not on its old date, and its boxes arrive on the new day
        api.advanceDays(39); // Fri 10 Apr
        var payments = each(me(meg).at("/payments"));
        assertTrue(payments.stream().anyMatch(p -> p.get("date").asText().equals("2026-04-06") && p.get("status").asText().equals("succeeded")),
                payments.toString());
        // the last promise before it (the downgrade's mail) is what was taken on 6 Apr, to the penny
        var lastPromise = api.mailTo("meg").stream().filter(m -> m.text("/template").equals("plan-change")).findFirst().orElseThrow().text("/text");
        var taken = payments.stream().filter(p -> p.get("date").asText().equals("2026-04-06")).findFirst().orElseThrow().at("/amount/amount").asLong();
        assertTrue(lastPromise.contains("Your next payment is now " + String.format("£%,.2f", taken / 100.0) + " on Monday 6 April 2026"), lastPromise);
        assertTrue(payments.stream().noneMatch(p -> p.get("date").asText().compareTo("2026-03-02") > 0 && p.get("date").asText().compareTo("2026-04-06") < 0),
                "nothing taken between the first payment and the delayed month's: " + payments);
        var month2 = each(me(meg).at("/deliveries")).stream().filter(d -> d.get("month").asInt() == 2).findFirst().orElseThrow();
        assertEquals(moved, month2.get("scheduledDate").asText(), month2.toString());
        assertTrue(each(api.get("/_local/events", null).body()).stream().anyMatch(e -> e.toString().contains("DeliveryDispatched")
                && e.toString().contains(month2.get("id").asText()) && e.toString().contains(moved)),
                "dispatched for the new day: " + month2 + " " + api.get("/_local/events", null).raw());
    }

    // ---- course-provider ----

    /**
     * A customer who asked to begin at once, a quarter of the way through the course, cancels within
     * the 14 days: they pay for the quarter supplied and get the rest back (course-provider
     * 19.4.3), to the card, once, by the deadline of 19.6.
     */
    @Test
    void a_course_cancelled_a_quarter_of_the_way_through_after_asking_to_begin_refunds_three_quarters() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var cara = api.token("cara");
        var platform = api.token("learning-platform", "service");
        var orderId = buy(cara, course("course-provider", "public-speaking", true));
        var enrolment = me(cara).at("/enrolments/0/id").asText();
        var progress = api.post("/v1/enrolments/" + enrolment + "/progress", platform, "{\"percent\":25}");
        assertEquals(200, progress.status(), progress.raw());
        api.advanceDays(3);

        var cancelled = api.post("/v1/orders/" + orderId + "/cancel", cara, "{}", Map.of("Idempotency-Key", "cancel-1"));
        assertEquals(200, cancelled.status(), cancelled.raw());
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"));
        assertEquals(22125, cancelled.number("/refund/amount"));
        assertEquals("PROPORTIONATE_PAYMENT", cancelled.text("/charges/0/kind"));
        assertEquals(7375, cancelled.number("/charges/0/amount/amount"));
        assertEquals("course-provider 19.4.3", clauseOf(cancelled, "PROPORTIONATE_PAYMENT"));
        assertEquals("2026-03-19", cancelled.text("/refundDueBy"));
        assertEquals("course-provider 19.6", clauseOf(cancelled, "REFUND_DEADLINE"));

        var replay = api.post("/v1/orders/" + orderId + "/cancel", cara, "{}", Map.of("Idempotency-Key", "cancel-1"));
        assertEquals(cancelled.raw(), replay.raw(), "the same key replays the first answer");
        var again = api.post("/v1/orders/" + orderId + "/cancel", cara, "{}");
        assertEquals(422, again.status());
        assertEquals("ALREADY_CANCELLED", again.text("/error/code"));
        var refundAfter = api.post("/v1/orders/" + orderId + "/refund", cara, "{}");
        assertEquals(422, refundAfter.status());

        var refunds = stripeRefunds();
        assertEquals(1, refunds.size(), "one refund in Stripe");
        assertEquals(22125L, ((Number) refunds.getFirst().get("amount")).longValue());
        var order = api.get("/v1/orders/" + orderId, cara);
        assertEquals("CANCELLED", order.text("/state"));
        assertEquals(22125, order.number("/refunded/amount"));
        assertEquals("CONFIRMED", order.text("/refunds/0/state"), "charge.refunded confirmed it");
        assertEquals(refunds.getFirst().get("id"), order.text("/refunds/0/stripeRefundId"));
        assertEquals(List.of("22125"), ledger(cara, "REFUND_ISSUED"));
        assertEquals(List.of("22125"), ledger(cara, "REFUND_CONFIRMED"));
        assertEquals("2026-03-05", me(cara).at("/enrolments/0/accessEndsOn").asText());
        var mails = api.mailTo("cara").stream().filter(m -> !m.text("/template").equals("order-accepted")).toList();
        assertEquals(1, mails.size(), "one mail for the cancellation and its refund");
        assertTrue(mails.getFirst().text("/text").contains("£221.25") && mails.getFirst().text("/text").contains("course-provider 19.4.3"));
    }

    /** The provider withdraws a course: everyone who bought it gets back the part not completed (course-provider 19.5). */
    @Test
    void a_provider_withdrawing_a_course_refunds_everyone_enrolled_pro_rata() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var wes = api.token("wes");
        var xan = api.token("xan");
        var platform = api.token("learning-platform", "service");
        var ops = api.token("ops-1", "admin");
        var wesOrder = buy(wes, course("course-provider", "leadership", true));
        var xanOrder = buy(xan, course("course-provider", "leadership", false));
        api.post("/v1/enrolments/" + me(wes).at("/enrolments/0/id").asText() + "/progress", platform, "{\"percent\":40}");
        api.advanceDays(30);

        assertEquals(403, api.post("/v1/admin/courses/leadership/withdraw", wes, "{}").status(), "customers cannot withdraw courses");
        var withdrawn = api.post("/v1/admin/courses/leadership/withdraw", ops, "{}");
        assertEquals(200, withdrawn.status(), withdrawn.raw());
        assertEquals(2, withdrawn.number("/reached"));
        assertEquals(20700, api.get("/v1/orders/" + wesOrder, wes).number("/refunded/amount"), "60% of £345.00");
        assertEquals(34500, api.get("/v1/orders/" + xanOrder, xan).number("/refunded/amount"));
        assertEquals(List.of(20700L, 34500L), stripeRefunds().stream().map(r -> ((Number) r.get("amount")).longValue()).sorted().toList());
        var mail = api.mailTo("wes").getFirst();
        assertEquals("course-withdrawn", mail.text("/template"));
        assertTrue(mail.text("/text").contains("course-provider 19.5"), mail.raw());

        var again = api.post("/v1/checkout", api.token("yan"), course("course-provider", "leadership", false));
        assertEquals(422, again.status(), "a withdrawn course is no longer sold");
        assertEquals("COURSE_UNAVAILABLE", again.text("/error/code"));
        var twice = api.post("/v1/admin/courses/leadership/withdraw", ops, "{}");
        assertEquals(200, twice.status());
        assertEquals(2, stripeRefunds().size(), "withdrawing again refunds nobody twice");
    }

    // ---- online-courses ----

    /**
     * A member who has completed more than half of two courses cannot have a refund outside the
     * cancellation period (online-courses 11.5); an operator can still refund for reasonable cause
     * with a recorded reason (14.17).
     */
    @Test
    void an_annual_membership_is_refused_a_refund_after_two_courses_past_half_way_but_an_operator_may_refund_for_cause() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ann = api.token("ann");
        var platform = api.token("learning-platform", "service");
        var ops = api.token("ops-1", "admin");
        var orderId = buy(ann, annual(true, false));
        for (var courseId : List.of("excel-essentials", "bookkeeping-basics")) {
            var enrolled = api.post("/v1/enrolments", ann, "{\"courseId\":\"" + courseId + "\"}");
            assertEquals(200, enrolled.status(), enrolled.raw());
            assertEquals("ENROLLED", enrolled.text("/outcome"));
            assertEquals("online-courses 11.2", clauseOf(enrolled, "WITHIN_COURSE_CAP"));
            assertEquals(200, api.post("/v1/enrolments/" + enrolled.text("/enrolmentId") + "/progress", platform, "{\"percent\":60}").status());
        }
        api.advanceDays(20);

        var refused = api.post("/v1/orders/" + orderId + "/refund", ann, "{\"reason\":\"not for me\"}");
        assertEquals(422, refused.status(), refused.raw());
        var decision = new Api.Response(422, refused.body().at("/decision"), refused.raw());
        assertEquals("REFUSED", decision.text("/outcome"));
        assertEquals("online-courses 11.5", clauseOf(decision, "COURSES_HALF_COMPLETED"));
        assertTrue(stripeRefunds().isEmpty());
        assertEquals("ACCEPTED", api.get("/v1/orders/" + orderId, ann).text("/state"));

        var noReason = api.post("/v1/admin/customers/ann/orders/" + orderId + "/refund", ops, "{}");
        assertEquals(422, noReason.status(), "an operator's refund needs a recorded reason");
        var forCause = api.post("/v1/admin/customers/ann/orders/" + orderId + "/refund", ops, "{\"reason\":\"course content was wrong\"}");
        assertEquals(200, forCause.status(), forCause.raw());
        assertEquals("REFUNDED", forCause.text("/outcome"));
        assertEquals("online-courses 14.17", clauseOf(forCause, "REASONABLE_CAUSE"));
        var paid = api.get("/v1/orders/" + orderId, ann).number("/paid/amount");
        assertEquals(paid, forCause.number("/refund/amount"));
        assertEquals(1, stripeRefunds().size());
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + me(ann).at("/subscriptions/0/id").asText(), ann).text("/state"));
    }

    /** Within 14 days and before any course is started, a membership is cancelled with everything back (online-courses 10.1). */
    @Test
    void an_annual_membership_cancelled_before_starting_is_refunded_in_full_and_a_paused_one_gets_its_days_back() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ida = api.token("ida");
        var jo = api.token("jo");
        var idaOrder = buy(ida, annual(false, false));
        buy(jo, annual(true, true));
        api.advanceDays(5);

        var idaSub = me(ida).at("/subscriptions/0/id").asText();
        var cancelled = api.post("/v1/subscriptions/" + idaSub + "/cancel", ida, "{}");
        assertEquals(200, cancelled.status(), cancelled.raw());
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"));
        var paid = api.get("/v1/orders/" + idaOrder, ida).number("/paid/amount");
        assertEquals(paid, cancelled.number("/refund/amount"));
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + idaSub, ida).text("/state"));
        assertEquals("REFUNDED", api.get("/v1/orders/" + idaOrder, ida).text("/state"));
        assertEquals(paid, ((Number) stripeRefunds().getFirst().get("amount")).longValue());
        var enrol = api.post("/v1/enrolments", ida, "{\"courseId\":\"excel-essentials\"}");
        assertEquals(422, enrol.status(), "a cancelled membership starts no course");
        assertEquals("MEMBERSHIP_CANCELLED", enrol.text("/error/code"));

        var joSub = me(jo).at("/subscriptions/0/id").asText();
        // online-courses 10.1 with CCR 2013 reg 37: the confirmation repeated jo's request and acknowledgement, with the time given,
        // so a course started inside the 14 days ends the right to cancel, and the decision says when that was confirmed
        var confirmation = api.mailTo("jo").stream().filter(m -> m.text("/template").equals("order-accepted")).findFirst().orElseThrow().text("/text");
        assertTrue(confirmation.contains("What you told us at checkout on Monday 2 March 2026 at 10:00 (UK time), confirmed by this email (CCR 2013 reg 37)")
                && confirmation.contains("I understand I lose my right to cancel once I start the content") && confirmation.contains("Your answer: yes."), confirmation);
        var started = api.post("/v1/enrolments", jo, "{\"courseId\":\"excel-essentials\"}");
        assertEquals(200, api.post("/v1/enrolments/" + started.text("/enrolmentId") + "/progress", api.token("platform", "service"), "{\"percent\":5}").status());
        var waived = api.post("/v1/subscriptions/" + joSub + "/cancel", jo, "{\"preview\":true}");
        assertEquals("CANCELS_AT_PERIOD_END", waived.text("/outcome"), waived.raw());
        assertEquals("CCR 2013 reg 37", clauseOf(waived, "WAIVER_CONFIRMED"));
        assertTrue(waived.raw().contains("by email on Monday 2 March 2026"), waived.raw());
        var end = api.get("/v1/subscriptions/" + joSub, jo).text("/currentPeriod/end");
        var paused = api.post("/v1/subscriptions/" + joSub + "/pause", jo, "{}");
        assertEquals("PAUSED", paused.text("/outcome"));
        assertEquals("online-courses 14.3", paused.text("/reasons/0/clause"));
        api.advanceDays(10);
        var resumed = api.post("/v1/subscriptions/" + joSub + "/resume", jo, "{}");
        assertEquals("RESUMED", resumed.text("/outcome"));
        assertEquals(java.time.LocalDate.parse(end).plusDays(10).toString(), api.get("/v1/subscriptions/" + joSub, jo).text("/currentPeriod/end"));
        var change = api.post("/v1/subscriptions/" + joSub + "/change-plan", jo, "{\"plan\":\"one-course\"}");
        assertEquals("CHANGES_AT_PERIOD_END", change.text("/outcome"));
        assertEquals("online-courses 14.10", change.text("/reasons/0/clause"));
        var scheduled = api.get("/v1/subscriptions/" + joSub, jo);
        assertEquals("PLAN_CHANGE", scheduled.text("/scheduledChanges/0/kind"));
        var newPrice = scheduled.number("/scheduledChanges/0/newPrice/amount");

        // on the dates the pause and the switch announced: the year, ten days longer, ends; the next is One Course at its price
        var renewsOn = java.time.LocalDate.parse(end).plusDays(10);
        api.advanceDays((int) java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2026, 3, 17), renewsOn) + 1);
        var after = api.get("/v1/subscriptions/" + joSub, jo);
        assertEquals("one-course", after.text("/plan"), after.raw());
        assertEquals(renewsOn.toString(), after.text("/currentPeriod/start"), after.raw());
        var renewal = each(me(jo).at("/payments")).stream().filter(p -> p.get("date").asText().equals(renewsOn.toString())).toList();
        assertEquals(1, renewal.size(), me(jo).at("/payments").toString());
        assertEquals(newPrice, renewal.getFirst().at("/amount/amount").asLong());
    }

    /**
     * meal-plans 8(c), course-provider 19.4.4: a notice sent by post counts from the day it was sent. A membership's notice
     * posted on day 12 and recorded by an operator on day 16 is inside the 14-day cancellation period: everything back.
     * A notice overtaken by a renewal taken before it arrived is refused, for the operator to decide that payment first.
     */
    @Test
    void a_notice_sent_by_post_counts_from_the_day_it_was_sent() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var pat = api.token("pat");
        var ops = api.token("ops-2", "admin");
        var orderId = buy(pat, annual(false, false));
        var subId = me(pat).at("/subscriptions/0/id").asText();
        api.advanceDays(16); // Wed 18 Mar
        var ownToday = api.post("/v1/subscriptions/" + subId + "/cancel", pat, "{\"preview\":true}");
        assertEquals("CANCELS_AT_PERIOD_END", ownToday.text("/outcome"), "given today, the 14 days are over: " + ownToday.raw());
        var route = "/v1/admin/customers/pat/subscriptions/" + subId + "/notice";
        assertEquals(403, api.post(route, pat, "{\"sentOn\":\"2026-03-14\",\"channel\":\"POST\"}").status(), "operators record notices");
        assertEquals("sentOn", api.post(route, ops, "{\"sentOn\":\"2026-03-19\",\"channel\":\"POST\"}").text("/error/field"), "not from the future");
        assertEquals("channel", api.post(route, ops, "{\"sentOn\":\"2026-03-14\",\"channel\":\"PIGEON\"}").text("/error/field"));
        var posted = api.post(route, ops, "{\"sentOn\":\"2026-03-14\",\"channel\":\"POST\"}");
        assertEquals(200, posted.status(), posted.raw());
        assertEquals("CANCELLED_WITH_REFUND", posted.text("/outcome"), posted.raw());
        assertEquals(api.get("/v1/orders/" + orderId, pat).number("/paid/amount"), posted.number("/refund/amount"));
        assertEquals(1, stripeRefunds().size());
        var recorded = each(api.get("/_local/events", null).body()).stream().filter(e -> e.get("detailType").asText().equals("NoticeRecorded")).toList();
        assertEquals(1, recorded.size());
        assertTrue(recorded.getFirst().get("detail").asText().contains("\"channel\":\"POST\"") && recorded.getFirst().get("detail").asText().contains("\"sentOn\":\"2026-03-14\"")
                && recorded.getFirst().get("detail").asText().contains("\"recordedBy\":\"ops-2\""), recorded.toString());

        // overtaken: a membership bought on 18 Mar 2026 renews on 18 Mar 2027; its notice, emailed on 10 Mar, is recorded on 20 Mar
        var quin = api.token("quin");
        buy(quin, annual(false, false));
        var quinSub = me(quin).at("/subscriptions/0/id").asText();
        api.advanceDays(367); // Sat 20 Mar 2027: renewed on 18 Mar
        var overtaken = api.post("/v1/admin/customers/quin/subscriptions/" + quinSub + "/notice", ops, "{\"sentOn\":\"2027-03-10\",\"channel\":\"EMAIL\"}");
        assertEquals(422, overtaken.status(), overtaken.raw());
        assertEquals("NOTICE_OVERTAKEN", overtaken.text("/error/code"));
        assertEquals("ACTIVE", api.get("/v1/subscriptions/" + quinSub, quin).text("/state"), "nothing written");
    }

    // ---- who may do what ----

    @Test
    void every_action_on_someone_elses_resource_is_a_404_without_a_token_a_401_and_systems_need_their_group() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var meg = api.token("meg");
        var eve = api.token("eve");
        var orderId = buy(meg, mealPlan("3-month"));
        var subId = me(meg).at("/subscriptions/0/id").asText();
        var deliveryId = me(meg).at("/deliveries/0/id").asText();
        var calls = List.of(
                new String[]{"POST", "/v1/subscriptions/" + subId + "/cancel", "{}"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/pause", "{}"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/resume", "{}"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/change-plan", "{\"plan\":\"1-month\"}"},
                new String[]{"PUT", "/v1/subscriptions/" + subId + "/delivery-address", "{\"address\":" + ADDRESS + "}"},
                new String[]{"POST", "/v1/orders/" + orderId + "/cancel", "{}"},
                new String[]{"POST", "/v1/orders/" + orderId + "/refund", "{}"},
                new String[]{"POST", "/v1/deliveries/" + deliveryId + "/delay", "{\"days\":3}"});
        for (var call : calls) {
            var asEve = call[0].equals("PUT") ? api.put(call[1], eve, call[2]) : api.post(call[1], eve, call[2]);
            assertEquals(404, asEve.status(), call[1] + " " + asEve.raw());
            var anonymous = call[0].equals("PUT") ? api.put(call[1], null, call[2]) : api.post(call[1], null, call[2]);
            assertEquals(401, anonymous.status(), call[1]);
        }
        assertEquals(403, api.post("/v1/deliveries/" + deliveryId + "/delivered", meg, "{\"deliveredOn\":\"2026-03-02\"}").status());
        assertEquals(403, api.post("/v1/admin/customers/meg/subscriptions/" + subId + "/cancel", meg, "{\"reason\":\"x\"}").status());
        assertEquals(403, api.post("/v1/admin/promotions", meg, "{\"catalog\":\"meal-plans\",\"code\":\"X10\",\"percentOff\":10}").status());
        assertEquals(404, api.post("/v1/enrolments/enr_nope/progress", api.token("platform", "service"), "{\"percent\":5}").status());
        assertEquals("ACTIVE", me(meg).at("/subscriptions/0/state").asText(), "nothing changed");
        assertTrue(stripeRefunds().isEmpty());

        // null is not "absent": {"preview": null} once refunded for real; every action refuses it, naming the field
        var nulls = List.of(
                new String[]{"POST", "/v1/subscriptions/" + subId + "/cancel", "{\"preview\":null}", "preview"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/pause", "{\"preview\":null}", "preview"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/resume", "{\"preview\":null}", "preview"},
                new String[]{"POST", "/v1/subscriptions/" + subId + "/change-plan", "{\"plan\":\"1-month\",\"preview\":null}", "preview"},
                new String[]{"PUT", "/v1/subscriptions/" + subId + "/delivery-address", "{\"address\":{\"line1\":\"1 High St\",\"line2\":null,\"city\":\"Town\",\"postcode\":\"SW1A 1AA\"}}", "address.line2"},
                new String[]{"POST", "/v1/orders/" + orderId + "/cancel", "{\"preview\":null}", "preview"},
                new String[]{"POST", "/v1/enrolments", "{\"courseId\":null}", "courseId"},
                new String[]{"POST", "/v1/deliveries/" + deliveryId + "/delay", "{\"days\":3,\"preview\":null}", "preview"});
        for (var call : nulls) {
            var answer = call[0].equals("PUT") ? api.put(call[1], meg, call[2]) : api.post(call[1], meg, call[2]);
            assertEquals(400, answer.status(), call[1] + " " + answer.raw());
            assertEquals("NULL_FIELD", answer.text("/error/code"), answer.raw());
            assertEquals(call[3], answer.text("/error/field"), answer.raw());
        }
        assertEquals("ACTIVE", me(meg).at("/subscriptions/0/state").asText(), "nothing changed");
        assertTrue(stripeRefunds().isEmpty(), "nothing refunded");
    }

    /** An operator's offer is checked like any input, then sold at its price; the price-change notice reaches each subscriber with their own date. */
    @Test
    void operators_create_offers_and_change_prices_with_each_subscribers_notice() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ops = api.token("ops-1", "admin");
        var bad = api.post("/v1/admin/promotions", ops, "{\"catalog\":\"online-courses\",\"code\":\"SPRING\",\"percentOff\":150}");
        assertEquals(400, bad.status());
        assertEquals("percentOff", bad.text("/error/field"));
        // 4294967297 days once wrapped to an offer valid for 1 day
        for (var days : List.of("4294967297", "0", "367", "99999999999999999999999")) {
            var wrapped = api.post("/v1/admin/promotions", ops, "{\"catalog\":\"online-courses\",\"code\":\"WRAP\",\"percentOff\":10,\"validDays\":" + days + "}");
            assertEquals(400, wrapped.status(), days + " -> " + wrapped.raw());
            assertEquals("validDays", wrapped.text("/error/field"), wrapped.raw());
        }
        assertEquals(201, api.post("/v1/admin/promotions", ops, "{\"catalog\":\"online-courses\",\"code\":\"WRAP\",\"percentOff\":10,\"validDays\":7}").status(),
                "none of the refused ones created the offer (a second one would be a 409)");
        var offer = api.post("/v1/admin/promotions", ops, "{\"catalog\":\"online-courses\",\"code\":\"SPRING25\",\"percentOff\":25}");
        assertEquals(201, offer.status(), offer.raw());
        assertEquals("2026-04-01", offer.text("/expiresOn"), "30 days unless the offer says otherwise (online-courses 3.4)");
        assertEquals(409, api.post("/v1/admin/promotions", ops, "{\"catalog\":\"online-courses\",\"code\":\"SPRING25\",\"percentOff\":10}").status());

        var meg = api.token("meg");
        buy(meg, mealPlan("3-month"));
        var wes = api.token("wes");
        buy(wes, mealPlan("3-month").replace("\"weekendsExcluded\":false", "\"weekendsExcluded\":true"));
        // "the price" of a plan with a weekdays-only price is two prices: a change that names one is refused
        var half = api.post("/v1/admin/price-changes", ops, "{\"catalog\":\"meal-plans\",\"plan\":\"3-month\",\"newPrice\":{\"amount\":16900,\"currency\":\"GBP\"}}");
        assertEquals(400, half.status(), half.raw());
        assertEquals("newWeekdaysOnlyPrice", half.text("/error/field"));
        assertEquals(0, me(wes).at("/subscriptions/0/scheduledChanges").size(), "nothing was scheduled");
        var change = api.post("/v1/admin/price-changes", ops, PRICE_CHANGE);
        assertEquals(200, change.status(), change.raw());
        assertEquals(2, change.number("/reached"));
        var wesScheduled = me(wes).at("/subscriptions/0/scheduledChanges/0");
        assertEquals(15900, wesScheduled.at("/newPrice/amount").asLong(), "a weekdays-only subscriber keeps their variant");
        var megDecision = each(change.body().at("/customers")).stream().filter(c -> c.get("customerId").asText().equals("meg")).findFirst().orElseThrow();
        var decision = new Api.Response(200, megDecision.get("decision"), change.raw());
        assertEquals("PRICE_CHANGE_SCHEDULED", decision.text("/outcome"));
        assertEquals("2026-05-25", decision.text("/effectiveDate"), "not inside the minimum term (meal-plans 6(c)(ii))");
        var scheduled = me(meg).at("/subscriptions/0/scheduledChanges/0");
        assertEquals("PRICE_CHANGE", scheduled.get("kind").asText());
        assertEquals(16900, scheduled.at("/newPrice/amount").asLong());
        var notice = api.mailTo("meg").getFirst();
        assertEquals("price-change-notice", notice.text("/template"));
        assertTrue(notice.text("/text").contains("Monday 25 May 2026") && notice.text("/text").contains("meal-plans 6(c)(ii)"), notice.raw());
        api.post("/v1/admin/price-changes", ops, PRICE_CHANGE);
        assertEquals(1, api.mailTo("meg").stream().filter(m -> m.text("/template").equals("price-change-notice")).count(), "told once");

        // on the day it applies, each renewal is charged its own variant's new price (and the month's delivery charge)
        api.advanceDays(84); // 25 May 2026
        for (var who : Map.of("meg", 16900L, "wes", 15900L).entrySet()) {
            var renewal = each(me(api.token(who.getKey())).at("/payments")).stream().filter(p -> p.get("date").asText().equals("2026-05-25"))
                    .findFirst().orElseThrow(() -> new AssertionError(who.getKey() + ": " + me(api.token(who.getKey())).at("/payments")));
            assertEquals(who.getValue() + 495, renewal.at("/amount/amount").asLong(), who.getKey() + " " + renewal);
        }
    }

    static final String PRICE_CHANGE = """
            {"catalog":"meal-plans","plan":"3-month","newPrice":{"amount":16900,"currency":"GBP"},
             "newWeekdaysOnlyPrice":{"amount":15900,"currency":"GBP"}}""";
}
