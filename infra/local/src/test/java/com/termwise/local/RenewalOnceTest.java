package com.termwise.local;

import com.termwise.app.PaymentGateway;
import com.termwise.app.RenewalQueue;
import com.termwise.app.Renewals;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A renewal is charged once however the machinery misbehaves: a sweep that runs twice (two
 * messages), two workers given them at once, and a worker that dies after Stripe charged the card
 * but before anything was recorded, with the webhook lost. Checked in the Stripe sandbox (one
 * PaymentIntent for the cycle), the ledger and the mail.
 */
class RenewalOnceTest {

    LocalTermwise termwise;
    Api api;
    StripeSandbox stripe;

    @AfterEach
    void stop() {
        if (termwise != null) termwise.close();
    }

    String subscriptionOf(String sub) throws Exception {
        termwise = termwise != null ? termwise : LocalTermwise.start(0, Map.of("TERMWISE_CLOCK", "2026-01-05T10:00:00Z"));
        api = new Api(termwise.baseUri());
        stripe = termwise.sandbox().orElseThrow();
        var token = api.token(sub);
        api.pay(api.checkout(token, AccountActionsJourneyTest.mealPlan("3-month")), StripeSandbox.VISA);
        return api.get("/v1/me", token).body().at("/subscriptions/0/id").asText();
    }

    long renewalIntents(String subscriptionId) {
        return stripe.list("payment_intent").stream().filter(pi -> subscriptionId.equals(((Map<?, ?>) pi.get("metadata")).get("subscriptionId"))).count();
    }

    long received(String sub) {
        return AccountActionsJourneyTest.each(api.get("/v1/me", api.token(sub)).body().at("/ledger")).stream()
                .filter(e -> e.get("kind").asText().equals("PAYMENT_RECEIVED")).count();
    }

    @Test
    void a_sweep_run_twice_and_two_workers_at_once_charge_the_cycle_once() throws Exception {
        var subscription = subscriptionOf("tia");
        termwise.clock().set(Instant.parse("2026-02-02T06:00:00Z")); // the renewal day, schedules not run
        var queued = new ArrayList<RenewalQueue.DueRenewal>();
        var sweep = new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock());
        assertEquals(1, sweep.sweep(100));
        assertEquals(1, sweep.sweep(100), "the second run queues it again: the worker must make that harmless");
        var renewals = termwise.bean(com.termwise.app.Renewals.class);
        var start = new CountDownLatch(1);
        var results = new ArrayList<java.util.concurrent.Future<Renewals.Result>>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (var message : queued) results.add(pool.submit(() -> {
                start.await();
                return renewals.renew(message);
            }));
            start.countDown();
        }
        var outcomes = new ArrayList<Renewals.Result>();
        for (var r : results) outcomes.add(r.get());
        assertTrue(outcomes.contains(Renewals.Result.CHARGED), outcomes.toString());
        assertEquals(1, renewalIntents(subscription), "one PaymentIntent for cycle 2: " + outcomes);
        assertEquals(2, received("tia"), "the checkout payment and one renewal");
        assertEquals(1, api.mailTo("tia").stream().filter(m -> m.text("/template").equals("renewal-paid")).count());
        assertEquals("2026-03-02", api.get("/v1/subscriptions/" + subscription, api.token("tia")).text("/currentPeriod/end"));
    }

    @Test
    void a_worker_that_dies_after_stripe_charged_is_finished_by_the_next_sweep_with_the_same_key() throws Exception {
        var subscription = subscriptionOf("uma");
        termwise.clock().set(Instant.parse("2026-02-02T06:00:00Z"));
        // the card is charged, then the worker's container dies before it records anything, and the webhook is lost
        var dying = new ForwardingGateway(termwise.bean(com.termwise.app.PaymentGateway.class)) {
            @Override
            public OffSessionCharge chargeOffSession(OffSessionRequest r) {
                termwise.bean(com.termwise.app.PaymentGateway.class).chargeOffSession(r);
                throw new IllegalStateException("container stopped");
            }
        };
        stripe.holdWebhooks();
        var crashed = new com.termwise.app.Renewals(termwise.bean(com.termwise.app.ActionRunner.class), dying, termwise.bean(com.termwise.app.PaymentOutcomes.class));
        var queued = new ArrayList<RenewalQueue.DueRenewal>();
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        assertThrows(IllegalStateException.class, () -> crashed.renew(queued.getFirst()));
        assertEquals(1, renewalIntents(subscription));
        assertEquals(1, received("uma"), "nothing recorded yet");

        queued.clear();
        assertEquals(0, new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100), "leased: the next sweep leaves it alone for 30 minutes");
        termwise.clock().set(Instant.parse("2026-02-02T06:31:00Z"));
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        assertEquals(List.of(new RenewalQueue.DueRenewal("uma", subscription)), queued);
        assertEquals(Renewals.Result.CHARGED, termwise.bean(com.termwise.app.Renewals.class).renew(queued.getFirst()));
        assertEquals(1, renewalIntents(subscription), "Stripe answered the same key with the first PaymentIntent");
        assertEquals(2, received("uma"));
        stripe.release(false); // the lost webhook turns up late: nothing changes
        assertEquals(2, received("uma"));
        assertEquals(1, api.mailTo("uma").stream().filter(m -> m.text("/template").equals("renewal-paid")).count());
    }

    /**
     * The bank has not answered (Stripe's {@code processing}): nothing is declined, no dunning starts, and a re-offer
     * after the lease sends the same key, so the renewal cannot be charged twice; the webhook settles it.
     */
    @Test
    void a_payment_still_processing_is_neither_declined_nor_charged_again() throws Exception {
        var subscription = subscriptionOf("pru");
        termwise.clock().set(Instant.parse("2026-02-02T06:00:00Z"));
        var keys = new ArrayList<String>();
        var slowBank = new ForwardingGateway(termwise.bean(com.termwise.app.PaymentGateway.class)) {
            @Override
            public OffSessionCharge chargeOffSession(OffSessionRequest r) {
                keys.add(r.idempotencyKey());
                var charged = termwise.bean(com.termwise.app.PaymentGateway.class).chargeOffSession(r); // Stripe has it; its answer says the bank is still deciding
                return new OffSessionCharge(charged.paymentIntentId(), OffSessionCharge.Result.PROCESSING, java.util.Optional.empty(),
                        charged.amount(), "processing", "");
            }
        };
        stripe.holdWebhooks();
        var renewals = new Renewals(termwise.bean(com.termwise.app.ActionRunner.class), slowBank, termwise.bean(com.termwise.app.PaymentOutcomes.class));
        var queued = new ArrayList<RenewalQueue.DueRenewal>();
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        assertEquals(Renewals.Result.PROCESSING, renewals.renew(queued.getFirst()));
        var token = api.token("pru");
        assertEquals("ACTIVE", api.get("/v1/subscriptions/" + subscription, token).text("/state"), "not past due");
        termwise.clock().set(Instant.parse("2026-02-02T06:31:00Z"));
        queued.clear();
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        assertEquals(Renewals.Result.PROCESSING, renewals.renew(queued.getFirst()));
        assertEquals(List.of(keys.getFirst(), keys.getFirst()), keys, "the same attempt's key: Stripe replays, nothing new is charged");
        assertEquals(1, renewalIntents(subscription));
        stripe.release(false); // the bank answered: payment_intent.succeeded
        assertEquals("2026-03-02", api.get("/v1/subscriptions/" + subscription, token).text("/currentPeriod/end"));
        assertEquals(0, api.mailTo("pru").stream().filter(m -> m.text("/template").equals("payment-failed")).count());
    }

    /**
     * Stripe refuses the renewal itself (here the saved card belongs to another customer, an invalid request): it is
     * parked and an operator alerted, not retried every few minutes under new keys.
     */
    @Test
    void a_renewal_stripe_refuses_is_parked_and_alerted() throws Exception {
        var subscription = subscriptionOf("pat");
        subscriptionOf("oth");
        var pat = termwise.bean(com.termwise.app.StateStore.class).account("pat").profile().orElseThrow();
        var other = termwise.bean(com.termwise.app.StateStore.class).account("oth").profile().orElseThrow();
        termwise.bean(com.termwise.app.StateStore.class).commit(new com.termwise.app.Changes().add(new com.termwise.app.Changes.Write.PutProfile(
                pat.withCard(pat.stripeCustomer().orElseThrow(), other.paymentMethod().orElseThrow()), pat.version())));
        termwise.clock().set(Instant.parse("2026-02-02T06:00:00Z"));
        var queued = new ArrayList<RenewalQueue.DueRenewal>();
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        var renewal = queued.stream().filter(q -> q.subscriptionId().equals(subscription)).findFirst().orElseThrow();
        assertEquals(Renewals.Result.PARKED, termwise.bean(com.termwise.app.Renewals.class).renew(renewal));
        termwise.clock().set(Instant.parse("2026-02-09T06:00:00Z"));
        queued.clear();
        new com.termwise.app.RenewalSweep(termwise.bean(com.termwise.app.StateStore.class), queued::addAll, termwise.clock()).sweep(100);
        assertTrue(queued.stream().noneMatch(q -> q.subscriptionId().equals(subscription)), "parked: not offered again");
        assertEquals(0, renewalIntents(subscription));
        api.get("/v1/me", api.token("pat")); // the runner relays the outbox after each request
        var parked = AccountActionsJourneyTest.each(api.get("/_local/events", null).body()).stream()
                .filter(e -> e.get("detailType").asText().equals("RenewalParked")).toList();
        assertEquals(1, parked.size());
        assertTrue(parked.getFirst().get("detail").asText().contains("parameter_invalid"), parked.toString());
    }
}
