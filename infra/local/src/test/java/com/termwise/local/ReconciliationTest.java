package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.param.RefundCreateParams;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.app.Changes;
import com.termwise.app.LedgerEntry;
import com.termwise.domain.money.Money;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.termwise.local.AccountActionsJourneyTest.course;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily reconciliation of the ledger with Stripe (Reconciliation, on the refund function's 07:30 schedule): a
 * month of ordinary money (payments, renewals, a cancellation's refund, Dashboard refunds, a chargeback) finds nothing;
 * a refund made in Stripe's Dashboard whose webhook was lost, and a payment the ledger holds that Stripe does not, are
 * each found the next morning, sent as an event with the customer and amounts, and listed for operators.
 */
class ReconciliationTest extends SandboxJourney {

    @Test
    void a_month_of_ordinary_money_reconciles_and_a_lost_dashboard_refund_and_a_payment_stripe_lacks_are_found() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ops = api.token("ops", "admin");
        var meg = api.token("meg");
        var cara = api.token("cara");
        var eve = api.token("eve");
        buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        var caraOrder = buy(cara, course("course-provider", "public-speaking", false), StripeSandbox.VISA);
        var eveOrder = buy(eve, course("course-provider", "teamwork", false), StripeSandbox.VISA);
        assertEquals(200, api.post("/v1/orders/" + caraOrder + "/cancel", cara, "{}").status());
        api.post("/_local/stripe/charges/" + chargeOf(eve, eveOrder) + "/dispute", null, "{}");
        api.advanceDays(29); // Meg's renewal; every morning's reconciliation runs
        var dashboard = StripePaymentGateway.client(stripe.apiKey(), stripe.apiBase());
        var renewalCharge = me(meg).at("/payments/0/chargeId").asText();
        dashboard.v1().refunds().create(RefundCreateParams.builder().setCharge(renewalCharge).setAmount(300L).build()); // webhook delivered
        api.advanceDays(2);
        assertEquals(List.of(), mismatches(ops), "ordinary money reconciles: nothing is reported");

        // a Dashboard refund whose webhook never arrives
        stripe.holdWebhooks();
        var lost = dashboard.v1().refunds().create(RefundCreateParams.builder().setCharge(renewalCharge).setAmount(500L).build());
        stripe.takeHeld(); // lost
        // a payment the ledger holds that Stripe never took (a bug, or a hand-made entry)
        var megId = "meg";
        var orderId = me(meg).at("/orders/0/orderId").asText();
        var phantom = new LedgerEntry("led_phantom", megId, termwise.clock().instant(), LedgerEntry.Kind.PAYMENT_RECEIVED, Money.gbp(1234), orderId,
                Optional.empty(), "ch_neverCharged", "meal-plans 6(b)(i)");
        termwise.bean(com.termwise.app.StateStore.class).commit(new Changes().add(new Changes.Write.Ledger(phantom)));
        api.advanceDays(1); // the next morning at 07:30

        var found = mismatches(ops);
        assertEquals(2, found.size(), found.toString());
        var notRecorded = found.stream().filter(m -> m.get("kind").asText().equals("NOT_RECORDED")).findFirst().orElseThrow();
        assertEquals(lost.getId(), notRecorded.get("stripeId").asText());
        assertEquals("meg", notRecorded.get("customerId").asText());
        assertEquals(500, notRecorded.at("/stripeAmount/amount").asLong());
        var notAtStripe = found.stream().filter(m -> m.get("kind").asText().equals("NOT_AT_STRIPE")).findFirst().orElseThrow();
        assertEquals("led_phantom", notAtStripe.get("key").asText());
        assertEquals(1234, notAtStripe.at("/termwiseAmount/amount").asLong());
        assertEquals(orderId, notAtStripe.get("orderId").asText());
        var events = events("ReconciliationMismatch");
        assertEquals(2, events.size(), "one event each, for the alarm");
        assertTrue(events.stream().anyMatch(e -> e.get("detail").asText().contains(lost.getId()) && e.get("detail").asText().contains("\"stripeAmount\":\"500\"")));

        api.advanceDays(3);
        assertEquals(2, mismatches(ops).size(), "each is reported once, however many mornings pass");
        assertEquals(403, api.get("/v1/admin/reconciliation", meg).status(), "operators only");
    }

    private List<JsonNode> mismatches(String token) {
        var answer = api.get("/v1/admin/reconciliation", token);
        assertEquals(200, answer.status(), answer.raw());
        return each(answer.body().get("mismatches"));
    }

    private String chargeOf(String who, String orderId) {
        return api.get("/v1/orders/" + orderId, api.token(who)).text("/payments/0/chargeId");
    }
}
