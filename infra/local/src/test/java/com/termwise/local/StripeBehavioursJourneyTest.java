package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.param.RefundCreateParams;
import com.termwise.adapters.http.CheckoutJson;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.app.Caller;
import com.termwise.app.CheckoutService;
import com.termwise.app.IdempotencyRecord;
import com.termwise.app.PaymentGateway;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.termwise.local.AccountActionsJourneyTest.annual;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Stripe as it really behaves, through the local runner: refunds made outside Termwise, a checkout
 * resumed after a lost answer, the stages of a dispute, pages that expire, refunds that fail, and
 * requests Stripe refuses on their merits. Each asserts the money in the sandbox and the ledger,
 * the state, and the mail.
 */
class StripeBehavioursJourneyTest extends SandboxJourney {

    static final String COURSE = """
            {"catalog":"course-provider","plan":"course:public-speaking","customer":{"name":"Chu","birthDate":"1990-01-01"},
             "consents":{"beginDuringCancellationPeriod":true,"acknowledgeLossOfCancellationRight":true}}""";

    List<JsonNode> ledger(String token, String kind) {
        return each(me(token).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals(kind)).toList();
    }

    String chargeOf(String token, String orderId) {
        return api.get("/v1/orders/" + orderId, token).text("/payments/0/chargeId");
    }

    /** A refund made in Stripe's Dashboard on a renewal's charge: accounted on that charge, recorded, mailed; the webhook answers 200. */
    @Test
    void a_dashboard_refund_on_a_renewal_charge_is_accounted_on_that_charge() throws Exception {
        startOn("2026-01-05T10:00:00Z");
        var rae = api.token("rae");
        var orderId = buy(rae, mealPlan("3-month"), StripeSandbox.VISA);
        api.advanceDays(28);
        var payments = api.get("/v1/orders/" + orderId, rae).body().at("/payments");
        assertEquals(2, payments.size(), payments.toString());
        long first = payments.get(0).at("/amount/amount").asLong(), second = payments.get(1).at("/amount/amount").asLong();
        assertEquals(first + second, api.get("/v1/orders/" + orderId, rae).number("/paid/amount"), "an order's paid adds up its payments");
        var renewalCharge = each(payments).stream().filter(p -> p.get("cycle").asInt() == 2).findFirst().orElseThrow().get("chargeId").asText();

        var dashboard = StripePaymentGateway.client(stripe.apiKey(), stripe.apiBase()); // another client of the same account
        dashboard.v1().refunds().create(RefundCreateParams.builder().setCharge(renewalCharge).setAmount(500L).build());
        dashboard.v1().refunds().create(RefundCreateParams.builder().setCharge(renewalCharge).setAmount(300L).build());

        assertTrue(stripe.deliveries().stream().filter(d -> d.type().equals("charge.refunded")).allMatch(d -> d.status() == 200), stripe.deliveries().toString());
        var order = api.get("/v1/orders/" + orderId, rae);
        assertEquals(800, order.number("/refunded/amount"));
        assertEquals(List.of(300L, 500L), ledger(rae, "REFUND_CONFIRMED").stream().map(e -> e.at("/amount/amount").asLong()).sorted().toList());
        assertEquals(2, api.mailTo("rae").stream().filter(m -> m.text("/template").equals("refund-issued")).count());
        stripe.redeliver(stripe.deliveries().stream().filter(d -> d.type().equals("charge.refunded")).toList().getLast().eventId());
        assertEquals(800, api.get("/v1/orders/" + orderId, rae).number("/refunded/amount"), "a resent event changes nothing");
    }

    /**
     * The answer to the session's creation is lost (a timeout after Stripe made it); the customer retries with the same
     * Idempotency-Key later: Termwise sends Stripe exactly the first parameters under the same key and gets the same page.
     */
    @Test
    void a_resumed_checkout_sends_the_first_parameters_and_gets_the_first_page() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var losing = new ForwardingGateway(termwise.bean(com.termwise.app.PaymentGateway.class)) {
            boolean lose = true;

            @Override
            public CheckoutSession openCheckout(CheckoutSessionRequest r) {
                var session = stripe.openCheckout(r);
                if (lose) throw new Unavailable("read timed out", null);
                return session;
            }
        };
        var checkout = new CheckoutService(termwise.bean(com.termwise.domain.catalog.Catalogs.class), termwise.bean(com.termwise.app.StateStore.class), losing, termwise.bean(com.termwise.domain.calendar.BusinessCalendar.class), termwise.bean(com.termwise.app.Ids.class));
        var caller = new Caller("kim", "kim@example.test", Set.of());
        var key = Optional.of(new IdempotencyRecord.Key("k-resume", "hash-1"));
        var body = annual(false, false);
        assertThrows(PaymentGateway.Unavailable.class, () -> checkout.start(caller, CheckoutJson.request(body), key, s -> s.sessionId()));
        termwise.clock().set(Instant.parse("2026-03-02T10:20:00Z"));
        losing.lose = false;
        var resumed = checkout.start(caller, CheckoutJson.request(body), key, s -> s.sessionId());
        assertEquals(201, resumed.status());
        var sessions = stripe.list("checkout.session");
        assertEquals(1, sessions.size(), "one page, not an idempotency_error");
        assertEquals(sessions.getFirst().get("id"), resumed.body());
    }

    /** An unpaid page expires after two hours: Stripe says so and the order is EXPIRED, not pending for ever. */
    @Test
    void an_unpaid_checkout_expires() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var eli = api.token("eli");
        var started = api.checkout(eli, annual(false, false));
        api.post("/_local/clock/advance", null, "{\"hours\":3}");
        assertEquals("EXPIRED", api.get("/v1/orders/" + started.text("/orderId"), eli).text("/state"));
        assertEquals("expired", stripe.list("checkout.session").getFirst().get("status"));
        assertEquals(List.of("card"), stripe.list("checkout.session").getFirst().get("payment_method_types"), "cards only (course-provider 19.3.2)");
        assertEquals(1, events("OrderExpired").size());
    }

    /**
     * Notice is accepted in every state: an order not yet paid is cancelled, and its checkout page closed at Stripe first, so
     * no payment can follow. Paid a moment before (its webhook still on the way), the cancellation waits for the payment.
     */
    @Test
    void an_unpaid_order_is_cancelled_and_its_page_closed() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var una = api.token("una");
        var started = api.checkout(una, annual(false, false));
        var cancelled = api.post("/v1/orders/" + started.text("/orderId") + "/cancel", una, "{}");
        assertEquals(200, cancelled.status(), cancelled.raw());
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"));
        assertEquals(0, cancelled.number("/refund/amount"));
        assertEquals("EXPIRED", api.get("/v1/orders/" + started.text("/orderId"), una).text("/state"));
        assertEquals("expired", stripe.list("checkout.session").getFirst().get("status"), "the page can take no payment now");
        assertEquals(400, api.post("/_local/stripe/checkout-sessions/" + started.text("/sessionId") + "/complete", null, "{}").status());

        var vic = api.token("vic");
        var paying = api.checkout(vic, annual(false, false));
        stripe.holdWebhooks();
        api.pay(paying, StripeSandbox.VISA); // paid; the webhooks have not arrived
        var tooLate = api.post("/v1/orders/" + paying.text("/orderId") + "/cancel", vic, "{}");
        assertEquals(409, tooLate.status(), tooLate.raw());
        assertEquals("PAYMENT_IN_FLIGHT", tooLate.text("/error/code"));
        stripe.release(false);
        assertEquals("ACCEPTED", api.get("/v1/orders/" + paying.text("/orderId"), vic).text("/state"), "the payment stands; it can be cancelled as a paid order");
    }

    /** An inquiry moves no money and suspends nothing; it closes and the payment stands. */
    @Test
    void a_dispute_inquiry_suspends_nothing_and_closes() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ina = api.token("ina");
        var orderId = buy(ina, COURSE, StripeSandbox.VISA);
        var dispute = api.post("/_local/stripe/charges/" + chargeOf(ina, orderId) + "/dispute", null, "{\"inquiry\":true}");
        assertEquals("warning_needs_response", dispute.text("/status"));
        assertEquals("dispute_inquiry", me(ina).at("/payments/0/status").asText());
        assertEquals(0, me(ina).at("/balanceOwed/amount").asLong());
        assertEquals(1, events("DisputeInquiry").size(), "an operator answers it");
        api.post("/_local/stripe/disputes/" + dispute.text("/disputeId") + "/close", null, "{\"won\":true}");
        assertEquals("succeeded", me(ina).at("/payments/0/status").asText());
        assertTrue(ledger(ina, "CHARGEBACK").isEmpty());
    }

    /**
     * A chargeback on a course-provider purchase: the amount and 19.3.7's £25 are owed, the account is suspended
     * (19.3.8). Won: the money is back, the £25 stays owed and the suspension with it. Another, lost: the claim is
     * withdrawn and nothing is owed.
     */
    @Test
    void a_chargeback_is_claimed_under_19_3_7_and_settles_when_the_dispute_closes() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var chu = api.token("chu");
        var orderId = buy(chu, COURSE, StripeSandbox.VISA);
        long price = api.get("/v1/orders/" + orderId, chu).number("/paid/amount");
        var dispute = api.post("/_local/stripe/charges/" + chargeOf(chu, orderId) + "/dispute", null, "");
        assertEquals(price + 2500, me(chu).at("/balanceOwed/amount").asLong());
        assertEquals("disputed", me(chu).at("/payments/0/status").asText());
        var mail = api.mailTo("chu").stream().filter(m -> m.text("/template").equals("chargeback-owed")).toList();
        assertEquals(1, mail.size());
        assertTrue(mail.getFirst().text("/text").contains("course-provider 19.3.7"), mail.getFirst().raw());
        var another = api.post("/v1/checkout", chu, COURSE);
        assertEquals("BALANCE_OWED", another.text("/error/code"));
        assertEquals("course-provider 19.3.8", another.text("/decision/reasons/0/clause"));

        api.post("/_local/stripe/disputes/" + dispute.text("/disputeId") + "/close", null, "{\"won\":true}");
        assertEquals(2500, me(chu).at("/balanceOwed/amount").asLong(), "the unjustified charge-back's fee stays owed (19.3.7)");
        assertEquals(price, ledger(chu, "CHARGEBACK_REVERSED").getFirst().at("/amount/amount").asLong());
        var closed = api.mailTo("chu").getFirst();
        assertEquals("dispute-closed", closed.text("/template"));
        assertTrue(closed.text("/text").contains("course-provider 19.3.7") && closed.text("/text").contains("£25.00"), closed.raw());

        var lou = api.token("lou");
        var louOrder = buy(lou, COURSE, StripeSandbox.VISA);
        var lost = api.post("/_local/stripe/charges/" + chargeOf(lou, louOrder) + "/dispute", null, "");
        api.post("/_local/stripe/disputes/" + lost.text("/disputeId") + "/close", null, "{\"won\":false}");
        assertEquals(0, me(lou).at("/balanceOwed/amount").asLong(), "found for the cardholder: nothing claimed");
        assertEquals(1, events("DisputeLost").size());
        assertEquals(201, api.post("/v1/checkout", lou, COURSE).status(), "no longer owed, so no longer refused");
    }

    /**
     * An online-courses membership's terms claim no fee and suspend nothing for a chargeback: the amount is owed under the
     * payment clause, new courses wait for it, and a won dispute returns everything.
     */
    @Test
    void a_chargeback_on_a_membership_suspends_nothing_its_terms_do_not() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var sue = api.token("sue");
        var orderId = buy(sue, annual(true, true), StripeSandbox.VISA);
        var dispute = api.post("/_local/stripe/charges/" + chargeOf(sue, orderId) + "/dispute", null, "");
        assertEquals("ACTIVE", me(sue).at("/subscriptions/0/state").asText());
        assertEquals(14900, me(sue).at("/balanceOwed/amount").asLong());
        assertEquals(1, events("ChargebackReceived").size());
        assertEquals("MONEY_OWED", api.post("/v1/enrolments", sue, "{\"courseId\":\"excel-essentials\"}").text("/error/code"));
        api.post("/_local/stripe/disputes/" + dispute.text("/disputeId") + "/close", null, "{\"won\":true}");
        assertEquals(0, me(sue).at("/balanceOwed/amount").asLong());
    }

    /**
     * A refund to a card the network returns: pending, then failed a day later. The refund shows as failed with its
     * deadline (CCR 2013 reg 34), the ledger says so, the customer is told, an operator alerted.
     */
    @Test
    void a_refund_that_fails_later_is_recorded_told_and_alerted() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var fay = api.token("fay");
        var orderId = buy(fay, annual(false, false), StripeSandbox.REFUND_FAIL);
        var cancelled = api.post("/v1/subscriptions/" + me(fay).at("/subscriptions/0/id").asText() + "/cancel", fay, "{}");
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"), cancelled.raw());
        assertEquals("pending", stripe.list("refund").getFirst().get("status"));
        api.advanceDays(1);
        assertEquals("failed", stripe.list("refund").getFirst().get("status"));
        var refund = api.get("/v1/orders/" + orderId, fay).body().at("/refunds/0");
        assertEquals("FAILED", refund.get("state").asText(), refund.toString());
        assertEquals(cancelled.text("/refundDueBy"), refund.get("dueBy").asText());
        assertEquals(14900, ledger(fay, "REFUND_FAILED").getFirst().at("/amount/amount").asLong());
        var mail = api.mailTo("fay").getFirst();
        assertEquals("refund-failed", mail.text("/template"));
        assertTrue(mail.text("/text").contains("by " + com.termwise.domain.calendar.CustomerDates.day(java.time.LocalDate.parse(refund.get("dueBy").asText()))), mail.raw());
        assertTrue(mail.text("/text").contains("Monday 16 March 2026"), "14 days from the cancellation on 2 March: " + mail.raw());
        assertEquals(1, events("RefundFailed").size());
    }

    /** Stripe refuses a refund on a charged-back payment (charge_disputed): not retried for ever, but parked as failed and alerted. */
    @Test
    void a_refund_stripe_refuses_is_parked_not_retried() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var pia = api.token("pia");
        var orderId = buy(pia, annual(false, false), StripeSandbox.VISA);
        api.post("/_local/stripe/charges/" + chargeOf(pia, orderId) + "/dispute", null, "");
        var cancelled = api.post("/v1/subscriptions/" + me(pia).at("/subscriptions/0/id").asText() + "/cancel", pia, "{}");
        assertEquals("CANCELLED_WITH_REFUND", cancelled.text("/outcome"), cancelled.raw());
        api.advanceDays(2);
        assertTrue(stripe.list("refund").isEmpty());
        assertEquals("FAILED", api.get("/v1/orders/" + orderId, pia).text("/refunds/0/state"));
        var alert = events("RefundFailed");
        assertEquals(1, alert.size());
        assertTrue(alert.getFirst().get("detail").asText().contains("charge_disputed"), alert.toString());
        assertFalse(api.mailTo("pia").getFirst().text("/text").contains("request-id"));
    }
}
