package com.termwise.local;

import com.stripe.param.RefundCreateParams;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.termwise.local.AccountActionsJourneyTest.annual;
import static com.termwise.local.AccountActionsJourneyTest.course;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stripe delivers a webhook at least once, in no promised order, and retries for days: every webhook of a set of journeys
 * (purchases of each catalog, renewals, a declined renewal mended by a new card, a cancellation with its refund, a
 * Dashboard refund, a chargeback won, an expired checkout) is sent again three times over, each round shuffled, through
 * {@code /_local/stripe/webhooks/replay} as an outside tool would, and nothing changes: every customer's account (states,
 * ledger, payments, refunds), the mail, the events, and what Stripe holds.
 */
class WebhookReplayTest extends SandboxJourney {

    @Test
    void every_journeys_webhooks_sent_three_times_shuffled_change_nothing() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var customers = new LinkedHashMap<String, String>();
        for (var who : List.of("meg", "ann", "cara", "dee", "eve", "fay")) customers.put(who, api.token(who));
        var platform = api.token("learning-platform", "service");

        buy(customers.get("meg"), mealPlan("3-month"), StripeSandbox.VISA);
        buy(customers.get("ann"), annual(false, false), StripeSandbox.VISA);
        var caraOrder = buy(customers.get("cara"), course("course-provider", "public-speaking", true), StripeSandbox.VISA);
        buy(customers.get("dee"), mealPlan("3-month"), StripeSandbox.VISA);
        saveCard(customers.get("dee"), me(customers.get("dee")).at("/subscriptions/0/id").asText(), StripeSandbox.CUSTOMER_FAIL);
        var eveCharge = chargeOf(buy(customers.get("eve"), course("course-provider", "teamwork", false), StripeSandbox.VISA), "eve");
        api.checkout(customers.get("fay"), annual(false, false)); // never paid: it expires

        // a quarter through, Cara cancels: a proportionate refund (course-provider 19.4.3)
        var enrolment = me(customers.get("cara")).at("/enrolments/0/id").asText();
        assertEquals(200, api.post("/v1/enrolments/" + enrolment + "/progress", platform, "{\"percent\":25}").status());
        assertEquals(200, api.post("/v1/orders/" + caraOrder + "/cancel", customers.get("cara"), "{}").status());
        // a chargeback on Eve's payment, won
        var dispute = api.post("/_local/stripe/charges/" + eveCharge + "/dispute", null, "{}").text("/disputeId");
        assertEquals(200, api.post("/_local/stripe/disputes/" + dispute + "/close", null, "{\"won\":true}").status());

        api.advanceDays(29); // renewals: Meg's and Dee's (declined); Fay's checkout page expires
        saveCard(customers.get("dee"), me(customers.get("dee")).at("/subscriptions/0/id").asText(), StripeSandbox.VISA); // paid at once
        var megRenewal = me(customers.get("meg")).at("/payments/0/chargeId").asText();
        StripePaymentGateway.client(stripe.apiKey(), stripe.apiBase()).v1().refunds()
                .create(RefundCreateParams.builder().setCharge(megRenewal).setAmount(500L).build()); // in the Dashboard
        api.get("/v1/health", null); // the recovery sweep and the outbox run after a request, as their schedules do in AWS

        var before = snapshot(customers);
        assertTrue(before.get("stripe").contains("refund=2"), "the journeys made their two refunds (Cara's, the Dashboard's): " + before.get("stripe"));
        var sent = stripe.deliveries().stream().map(StripeSandbox.Delivery::eventId).distinct().count();
        var types = stripe.deliveries().stream().map(StripeSandbox.Delivery::type).collect(java.util.stream.Collectors.toSet());
        assertTrue(types.containsAll(List.of("checkout.session.completed", "payment_intent.succeeded", "payment_intent.payment_failed",
                "setup_intent.succeeded", "charge.refunded", "charge.dispute.created", "charge.dispute.closed", "checkout.session.expired")),
                "every kind of event Termwise acts on is among those replayed: " + types);

        var replay = api.post("/_local/stripe/webhooks/replay", null, "{\"times\":3,\"seed\":20261130}");
        assertEquals(200, replay.status(), replay.raw());
        assertEquals(3 * sent, replay.number("/delivered"), replay.raw());
        assertEquals(3 * sent, replay.number("/statuses/200"), "every replay is acknowledged: " + replay.raw());
        api.get("/v1/health", null);

        var after = snapshot(customers);
        for (var key : before.keySet()) assertEquals(before.get(key), after.get(key), key + " changed when the webhooks came again");
    }

    /** Everything a replay could wrongly change, as text: each account, each customer's mail, the events, Stripe's objects. */
    private Map<String, String> snapshot(Map<String, String> customers) {
        var out = new LinkedHashMap<String, String>();
        customers.forEach((who, token) -> {
            out.put(who, me(token).toString());
            out.put(who + " mail", api.mailTo(who).stream().map(m -> m.text("/template") + " " + m.text("/text")).toList().toString());
        });
        out.put("events", api.get("/_local/events", null).body().toString());
        var counts = new java.util.TreeMap<String, Integer>();
        for (var type : List.of("payment_intent", "refund", "charge", "dispute", "checkout.session", "customer")) counts.put(type, stripe.list(type).size());
        out.put("stripe", counts.toString());
        return out;
    }

    private String chargeOf(String orderId, String who) {
        return api.get("/v1/orders/" + orderId, api.token(who)).text("/payments/0/chargeId");
    }
}
