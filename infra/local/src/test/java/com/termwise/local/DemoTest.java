package com.termwise.local;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** {@code infra/local/run --demo}: each customer is at the stage the runner says they are at. */
class DemoTest extends SandboxJourney {

    @Test
    void the_demo_customers_are_at_the_stages_it_names() throws Exception {
        var now = Instant.parse("2026-06-15T10:00:00Z"); // a Monday
        startOn(now.minus(Demo.BACK).toString());
        var demo = new Demo(termwise.baseUri());
        var customers = demo.seed(now);
        assertEquals(5, customers.size());
        assertEquals(now, termwise.clock().instant(), "the clock ends at now, the schedules run on the way");

        var dan = me(demo.token("demo-dan"));
        assertEquals("PAST_DUE", dan.at("/subscriptions/0/state").asText(), dan.toString());
        assertTrue(dan.at("/payments").toString().contains("card_declined"), dan.toString());
        var ava = me(demo.token("demo-ava"));
        assertEquals("PAST_DUE", ava.at("/subscriptions/0/state").asText(), ava.toString());
        assertTrue(ava.at("/payments").toString().contains("requires_action"), ava.toString());
        var meg = me(demo.token("demo-meg")).at("/subscriptions/0");
        assertTrue(meg.get("nextRenewalDate").asText().compareTo(meg.get("cancellationNoticeProtects").asText()) < 0,
                "the next renewal is past stopping, the deadline shown protects a later one: " + meg);
        assertTrue(meg.get("cancellationNoticeDeadline").asText().compareTo("2026-06-15") >= 0, meg.toString());
        var cara = me(demo.token("demo-cara"));
        assertTrue(cara.at("/balanceOwed/amount").asLong() > 2500, cara.toString());
        var ann = demo.token("demo-ann");
        var preview = api.post("/v1/subscriptions/" + me(ann).at("/subscriptions/0/id").asText() + "/cancel", ann, "{\"preview\":true}");
        assertEquals("CANCELLED_WITH_REFUND", preview.text("/outcome"), preview.raw());
    }
}
