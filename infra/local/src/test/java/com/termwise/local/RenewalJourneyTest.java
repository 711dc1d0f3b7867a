package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.termwise.local.AccountActionsJourneyTest.annual;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The business running while nobody looks: the test clock's advance runs the renewal sweep (06:00),
 * the renewal queue's worker and the daily dispatch run (07:00) for every day in between, as
 * EventBridge Scheduler would. Each journey asserts the charges in the Stripe sandbox, the mails,
 * the events for the courier, the states and the dates.
 */
class RenewalJourneyTest extends SandboxJourney {

    /**
     * A 3 Month Plan bought on Mon 5 Jan 2026 (Visa): three instalments of the minimum term
     * (meal-plans 9(c)), then rolling monthly renewals (9(a)), each 28 days after the last
     * (6(b)(i)) and each with the month's delivery charge (7(f)); a box to the courier each month.
     */
    @Test
    void a_meal_plan_runs_a_year_through_its_minimum_term_into_rolling_renewals() throws Exception {
        startOn("2026-01-05T10:00:00Z");
        var meg = api.token("meg");
        buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        api.advanceDays(365); // to Tue 5 Jan 2027

        var s = me(meg).at("/subscriptions/0");
        assertEquals("ACTIVE", s.get("state").asText());
        // payments on day 0, 28, ..., 364: the first and 13 more
        var payments = each(me(meg).at("/payments"));
        assertEquals(14, payments.size(), payments.toString());
        assertTrue(payments.stream().allMatch(p -> p.get("status").asText().equals("succeeded")), payments.toString());
        assertEquals(14, intentsOf("meg@example.test").stream().filter(pi -> "succeeded".equals(pi.get("status"))).count());
        assertEquals("2027-01-04", s.at("/currentPeriod/start").asText(), "5 Jan 2026 + 13 x 28 days");
        assertEquals("2027-02-01", s.at("/currentPeriod/end").asText());
        assertEquals("2027-02-01", s.get("nextRenewalDate").asText());
        // every payment: £159 and that month's delivery charges (7(f): £4.95 to Leeds, £5 more for a box on a bank holiday)
        var byDate = payments.stream().sorted(java.util.Comparator.comparing(p -> p.get("date").asText())).toList();
        for (int month = 1; month <= 14; month++) {
            long charges = each(delivery(meg, month).at("/charges")).stream().mapToLong(c -> c.at("/amount/amount").asLong()).sum();
            assertEquals(15900 + charges, byDate.get(month - 1).at("/amount/amount").asLong(), "month " + month);
        }
        assertEquals(16895, byDate.get(3).at("/amount/amount").asLong(), "month 4's box arrives on Good Friday, 3 Apr 2026");
        var received = each(me(meg).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals("PAYMENT_RECEIVED")).toList();
        assertEquals(14, received.size());
        assertTrue(received.stream().map(e -> e.get("clause").asText()).toList().containsAll(List.of("meal-plans 9(c)", "meal-plans 9(a)")), received.toString());
        assertEquals(13, templates("meg").stream().filter("renewal-paid"::equals).count());
        // each mail itemises what was taken, and the next payment it promises is the one then taken, to the penny and the day
        var mails = api.mailTo("meg").stream().filter(m -> List.of("order-accepted", "renewal-paid").contains(m.text("/template")))
                .sorted(java.util.Comparator.comparing(m -> m.text("/sentAt"))).toList();
        assertEquals(14, mails.size());
        for (int i = 0; i < 14; i++) {
            var text = mails.get(i).text("/text");
            assertItemised(text, byDate.get(i).at("/amount/amount").asLong());
            if (i == 13) continue;
            var promise = promised(text).orElseThrow(() -> new AssertionError("no promise in " + text));
            assertEquals(byDate.get(i + 1).at("/amount/amount").asLong(), promise.getKey(), text);
            assertEquals(byDate.get(i + 1).get("date").asText(), promise.getValue().toString(), text);
        }
        assertTrue(mails.getFirst().text("/text").contains("Price of 3 Month Plan: £159.00 (meal-plans 6(b)(i))"), mails.getFirst().text("/text"));
        assertTrue(mails.getFirst().text("/text").contains("Delivery charge: £4.95 (meal-plans 7(f))"), mails.getFirst().text("/text"));
        assertTrue(mails.get(5).text("/text").contains("The first payment you can still stop is the one due on"), mails.get(5).text("/text"));
        // boxes go out the working day before they arrive, only for paid months; the 14th month's is scheduled ahead
        var dispatched = events("DeliveryDispatched");
        assertEquals(13, dispatched.size(), "months 1-13; month 14's box arrives on 8 Jan 2027");
        var month2 = delivery(meg, 2);
        assertEquals("UNCONFIRMED", month2.get("state").asText(), "sent; no courier reports in this journey, so it was raised with an operator");
        var detail = Api.JSON.readTree(dispatched.stream().filter(e -> e.get("detail").asText().contains("\"month\":\"2\"")).findFirst().orElseThrow()
                .get("detail").asText());
        assertEquals("LS1 4AP", detail.get("postcode").asText());
        assertEquals(com.termwise.domain.calendar.BusinessCalendar.workingDaysBefore(java.time.LocalDate.parse(month2.get("scheduledDate").asText()), 1).toString(),
                detail.get("dispatchedOn").asText());
        assertEquals("SCHEDULED", delivery(meg, 14).get("state").asText(), "paid on 4 Jan 2027, out on 7 Jan");
        assertEquals("SCHEDULED", delivery(meg, 15).get("state").asText(), "next month's box is scheduled ahead of its payment");
    }

    /**
     * A card whose bank wants 3-D Secure off-session: the renewal is not retried blindly; the
     * customer is mailed a way to pay from "Your Account", the month's box is held (meal-plans
     * 6(c)(v)), and they pay on Stripe's hosted page, where the bank's challenge runs: the plan is
     * paid, the card saved, and the box goes out on the next working day. A double click opens one page.
     */
    @Test
    void a_renewal_that_needs_authentication_is_paid_on_the_hosted_page() throws Exception {
        startOn("2026-01-05T10:00:00Z");
        var ava = api.token("ava");
        buy(ava, mealPlan("3-month"), StripeSandbox.AUTHENTICATION_REQUIRED);
        api.advanceDays(28); // Mon 2 Feb: the renewal
        var s = me(ava).at("/subscriptions/0");
        assertEquals("PAST_DUE", s.get("state").asText());
        var failed = each(me(ava).at("/payments")).stream().filter(p -> p.get("status").asText().equals("requires_action")).toList();
        assertEquals(1, failed.size(), me(ava).at("/payments").toString());
        var mail = api.mailTo("ava").getFirst();
        assertEquals("authentication-needed", mail.text("/template"));
        assertTrue(mail.text("/text").contains(termwise.baseUri() + AccountPage.PATH), "the mail sends the customer to Your Account: " + mail.text("/text"));
        assertTrue(mail.text("/text").contains("meal-plans 6(c)(iii)"), mail.text("/text"));
        assertFalse(mail.text("/text").contains("code:") || mail.text("/text").contains("request-id"), "no stripe-java suffix: " + mail.text("/text"));

        api.advanceDays(7); // past the month-2 dispatch day and the first retry day: nothing is charged blindly
        assertEquals(2, intentsOf("ava@example.test").size(), "the checkout payment and the one renewal attempt");
        assertEquals("WITHHELD", delivery(ava, 2).get("state").asText());
        var withheld = delivery(ava, 2);
        var misreport = api.post("/v1/deliveries/" + withheld.get("id").asText() + "/delivered", api.token("courier", "service"),
                "{\"deliveredOn\":\"" + termwise.clock().instant().atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON).toLocalDate() + "\"}");
        assertEquals(409, misreport.status(), "a withheld box was never sent (DeliveryStateMachine): " + misreport.raw());
        assertEquals("DELIVERY_NOT_SENT", misreport.text("/error/code"));
        assertEquals("WITHHELD", delivery(ava, 2).get("state").asText(), "nothing changed");

        var subscriptionId = s.get("id").asText();
        var page = api.post("/v1/subscriptions/" + subscriptionId + "/pay-now", ava, "");
        assertEquals(201, page.status(), page.raw());
        assertEquals(failed.getFirst().at("/amount/amount").asLong(), page.number("/amount/amount"), "the amount the failed attempt announced");
        assertEquals(page.text("/url"), api.post("/v1/subscriptions/" + subscriptionId + "/pay-now", ava, "").text("/url"), "a double click opens one page");
        assertEquals(404, api.post("/v1/subscriptions/" + subscriptionId + "/pay-now", api.token("eve"), "").status(), "nobody else's");
        complete(page.text("/url"), StripeSandbox.AUTHENTICATION_REQUIRED); // on session: the challenge is completed there

        s = me(ava).at("/subscriptions/0");
        assertEquals("ACTIVE", s.get("state").asText());
        assertEquals("2026-03-02", s.at("/currentPeriod/end").asText(), "the billing dates keep their 28-day rhythm");
        assertEquals("SCHEDULED", delivery(ava, 2).get("state").asText());
        api.advanceDays(2);
        assertEquals("DISPATCHED", delivery(ava, 2).get("state").asText());
        assertEquals(3, intentsOf("ava@example.test").size(), "checkout, the held attempt, the hosted payment");
        assertEquals(409, api.post("/v1/subscriptions/" + subscriptionId + "/pay-now", ava, "").status(), "nothing is due any more");
    }

    /**
     * Bought with a good card, which the customer later replaces on the hosted card page with one
     * that every charge declines (as one would in Stripe test mode): retried 3 and then 7 days after
     * the first failure (meal-plans 6(c)(iii)), each attempt with its own idempotency key, then the
     * plan ends and the unpaid month's box is cancelled.
     */
    @Test
    void a_declined_renewal_is_retried_on_the_schedule_then_the_plan_ends() throws Exception {
        startOn("2026-01-05T10:00:00Z");
        var dan = api.token("dan");
        buy(dan, mealPlan("3-month"), StripeSandbox.VISA);
        saveCard(dan, me(dan).at("/subscriptions/0/id").asText(), StripeSandbox.CUSTOMER_FAIL);
        api.advanceDays(28);
        assertEquals("PAST_DUE", me(dan).at("/subscriptions/0/state").asText());
        var mail = api.mailTo("dan").getFirst();
        assertEquals("payment-failed", mail.text("/template"));
        assertTrue(mail.text("/text").contains("Thursday 5 February 2026"), mail.text("/text"));
        api.advanceDays(3);
        assertEquals(3, intentsOf("dan@example.test").size(), "checkout, then two attempts");
        api.advanceDays(7); // 12 Feb: the last retry
        var s = me(dan).at("/subscriptions/0");
        assertEquals("CANCELLED", s.get("state").asText());
        assertEquals(4, intentsOf("dan@example.test").size());
        var ended = api.mailTo("dan").getFirst();
        assertEquals("plan-ended-unpaid", ended.text("/template"));
        assertTrue(ended.text("/text").contains("meal-plans 6(c)(iii)"), ended.text("/text"));
        // 6(c)(iv): the month never collected stays owed, without the delivery charge of the box that was cancelled
        assertTrue(ended.text("/text").contains("meal-plans 6(c)(iv)") && ended.text("/text").contains("£159.00"), ended.text("/text"));
        assertEquals(15900, me(dan).at("/balanceOwed/amount").asLong(), me(dan).toString());
        assertEquals("CANCELLED", delivery(dan, 2).get("state").asText());
        api.advanceDays(60);
        assertEquals(4, intentsOf("dan@example.test").size(), "nothing is charged after the plan ended");
        assertEquals(1, events("SubscriptionEnded").size());
    }

    /**
     * After a decline the customer opens the pay-now page but leaves it, then saves a new card: the
     * renewal is charged to it at once (the recovery sweep), not on the schedule's next day. When they
     * later pay on the page they left open, the period is already paid: that second payment is
     * refunded in full, so the customer pays once.
     */
    @Test
    void a_new_card_pays_a_declined_renewal_at_once_and_a_second_payment_is_refunded() throws Exception {
        startOn("2026-01-05T10:00:00Z");
        var dee = api.token("dee");
        buy(dee, mealPlan("3-month"), StripeSandbox.VISA);
        var subscriptionId = me(dee).at("/subscriptions/0/id").asText();
        saveCard(dee, subscriptionId, StripeSandbox.CUSTOMER_FAIL);
        api.advanceDays(28); // Mon 2 Feb: declined
        assertEquals("PAST_DUE", me(dee).at("/subscriptions/0/state").asText());
        var left = api.post("/v1/subscriptions/" + subscriptionId + "/pay-now", dee, "");
        assertEquals(201, left.status(), left.raw());

        saveCard(dee, subscriptionId, StripeSandbox.VISA); // the recovery sweep (every five minutes in AWS) charges it at once
        assertTrue(events("PaymentMethodReplaced").size() >= 2);
        var s = me(dee).at("/subscriptions/0");
        assertEquals("ACTIVE", s.get("state").asText(), s.toString());
        var renewals = intentsOf("dee@example.test").stream().filter(pi -> "succeeded".equals(pi.get("status"))).toList();
        assertEquals(2, renewals.size(), "checkout and the renewal on the new card");

        complete(left.text("/url"), StripeSandbox.VISA); // the page left open (it lasts 24 hours): a second payment for period 2
        var refunds = stripe.list("refund");
        assertEquals(1, refunds.size(), "the second payment is refunded");
        var second = intentsOf("dee@example.test").stream().filter(pi -> "succeeded".equals(pi.get("status"))).toList().getLast();
        assertEquals(second.get("amount"), refunds.getFirst().get("amount"));
        assertEquals("duplicate-payment-refunded", api.mailTo("dee").getFirst().text("/template"));
        assertEquals("2026-03-02", me(dee).at("/subscriptions/0/currentPeriod/end").asText(), "one period 2, not two");
    }

    /**
     * An annual membership bought on Mon 2 Mar 2026: reminded 30 days before it renews
     * (online-courses 13.1), renewed on 2 Mar 2027 for £149 to 2 Mar 2028, and no longer
     * refundable once renewed (10.2).
     */
    @Test
    void an_annual_membership_is_reminded_then_renewed_and_a_cancelled_one_ends_at_period_end() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ann = api.token("ann");
        var bea = api.token("bea");
        var annOrder = buy(ann, annual(false, false), StripeSandbox.VISA);
        buy(bea, annual(false, false), StripeSandbox.VISA);
        api.advanceDays(20);
        var beaSub = me(bea).at("/subscriptions/0/id").asText();
        var cancel = api.post("/v1/subscriptions/" + beaSub + "/cancel", bea, "{}");
        assertEquals("CANCELS_AT_PERIOD_END", cancel.text("/outcome"), cancel.raw());
        assertEquals("2027-03-02", cancel.text("/effectiveDate"));

        api.advanceDays(315); // Sun 31 Jan 2027
        var reminder = api.mailTo("ann").getFirst();
        assertEquals("renewal-reminder", reminder.text("/template"));
        assertEquals("2027-01-31T07:00:00Z", reminder.text("/sentAt"));
        assertTrue(reminder.text("/text").contains("Tuesday 2 March 2027") && reminder.text("/text").contains("£149.00"), reminder.text("/text"));
        assertTrue(reminder.text("/text").contains("online-courses 13.1"), reminder.text("/text"));
        assertFalse(templates("bea").contains("renewal-reminder"), "a cancelled membership is not reminded");

        api.advanceDays(30); // Tue 2 Mar 2027
        var annSub = me(ann).at("/subscriptions/0");
        assertEquals("ACTIVE", annSub.get("state").asText());
        assertEquals("2028-03-02", annSub.at("/currentPeriod/end").asText());
        assertEquals(2, intentsOf("ann@example.test").size());
        assertEquals(14900L, ((Number) intentsOf("ann@example.test").getLast().get("amount")).longValue());
        var refund = api.post("/v1/orders/" + annOrder + "/refund", ann, "{}");
        assertEquals(422, refund.status(), refund.raw());
        assertTrue(refund.raw().contains("online-courses 10.2"), refund.raw());

        var beaAfter = me(bea).at("/subscriptions/0");
        assertEquals("CANCELLED", beaAfter.get("state").asText());
        assertEquals(1, intentsOf("bea@example.test").size(), "no charge for a plan that ended");
        assertEquals("plan-ended", api.mailTo("bea").getFirst().text("/template"));
        var enrol = api.post("/v1/enrolments", bea, "{\"courseId\":\"excel-essentials\"}");
        assertEquals(422, enrol.status(), enrol.raw());
    }
}
