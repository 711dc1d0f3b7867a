package com.termwise.adapters;

import com.termwise.adapters.dynamo.DynamoStateStore;
import com.termwise.app.Changes;
import com.termwise.app.Changes.Write.*;
import com.termwise.app.CustomerProfile;
import com.termwise.app.LedgerEntry;
import com.termwise.app.StateStore;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;
import com.termwise.emulators.LocalDynamo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The DynamoDB adapter against DynamoDB Local, on the table template.yaml declares. */
class DynamoStateStoreTest {

    static LocalDynamo dynamo;
    static DynamoStateStore store;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        store = new DynamoStateStore(dynamo.client(), LocalDynamo.TABLE, Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    static Subscription subscription(String customer, String id, LocalDate start) {
        return Subscription.written(id, customer, "meal-plans", "3-month").state(SubscriptionState.ACTIVE).bought(start, start)
                .currentPeriod(Optional.of(new Period(start, start.plusDays(28)))).cycle(1).minimumTermEnd(Optional.of(start.plusDays(84)))
                .price(Money.gbp(15900), Money.gbp(15900)).build();
    }

    static LedgerEntry entry(String customer, String id) {
        return new LedgerEntry(id, customer, Instant.parse("2026-03-02T10:00:00Z"), LedgerEntry.Kind.PAYMENT_RECEIVED, Money.gbp(15900),
                "ord-1", Optional.empty(), "ch_1", "meal-plans 6(b)(i)");
    }

    @Test
    void the_table_has_the_due_index_and_ttl_template_yaml_declares() {
        var table = dynamo.client().describeTable(b -> b.tableName(LocalDynamo.TABLE)).table();
        assertEquals("due", table.globalSecondaryIndexes().getFirst().indexName());
        assertEquals("KEYS_ONLY", table.globalSecondaryIndexes().getFirst().projection().projectionTypeAsString());
        assertEquals("expiresAt", dynamo.client().describeTimeToLive(b -> b.tableName(LocalDynamo.TABLE)).timeToLiveDescription().attributeName());
    }

    @Test
    void a_write_from_a_stale_version_fails_and_writes_none_of_its_change() {
        var s = subscription("c-lock", "sub-lock", LocalDate.of(2026, 3, 2));
        store.commit(new Changes().add(new PutSubscription(s, 0, Optional.empty())));
        var read = store.subscription("c-lock", "sub-lock").orElseThrow();
        assertEquals(1, read.version());

        store.commit(new Changes().add(new PutSubscription(read, read.version(), Optional.empty())));
        var stale = new Changes().add(new PutSubscription(read, read.version(), Optional.empty())).add(new Ledger(entry("c-lock", "led-stale")));
        assertThrows(StateStore.ConcurrentChange.class, () -> store.commit(stale));
        assertEquals(2, store.subscription("c-lock", "sub-lock").orElseThrow().version());
        assertTrue(store.account("c-lock").ledger().isEmpty(), "the ledger entry of a failed change is not written");
    }

    @Test
    void a_claimed_stripe_event_cannot_be_applied_twice() {
        var profile = new CustomerProfile("c-evt", "c@example.test", "C", Optional.empty(), Optional.empty(), Optional.empty(), 0);
        var expires = Instant.parse("2026-04-01T00:00:00Z");
        store.commit(new Changes().add(new ClaimStripeEvent("evt_1", expires)).add(new PutProfile(profile, 0)));
        var again = new Changes().add(new ClaimStripeEvent("evt_1", expires)).add(new Ledger(entry("c-evt", "led-twice")));
        assertThrows(StateStore.AlreadyApplied.class, () -> store.commit(again));
        assertTrue(store.account("c-evt").ledger().isEmpty());
    }

    @Test
    void due_work_is_read_per_shard_up_to_a_date_and_only_what_is_due() {
        var day = LocalDate.of(2026, 6, 1);
        IntStream.range(0, 40).forEach(i -> store.commit(new Changes().add(new PutSubscription(subscription("c-due-" + i, "sub-due-" + i, day),
                0, Optional.of(Changes.Due.on(com.termwise.app.DueWork.RENEWAL, day.plusDays(i % 4)))))));
        store.commit(new Changes().add(new PutSubscription(subscription("c-none", "sub-none", day), 0, Optional.empty())));

        var dueBySecond = store.due(com.termwise.app.DueWork.RENEWAL, day.plusDays(1).toString(), 1000);
        assertEquals(20, dueBySecond.size()); // days 0 and 1 of the four
        assertTrue(dueBySecond.stream().allMatch(d -> d.sortKey().startsWith("SUB#sub-due-")));
        assertEquals(40, store.due(com.termwise.app.DueWork.RENEWAL, day.plusDays(3).toString(), 1000).size());
        assertEquals(10, store.due(com.termwise.app.DueWork.RENEWAL, day.plusDays(3).toString(), 10).size());
    }

    @Test
    void a_mail_that_keeps_failing_waits_longer_each_time_never_holds_up_the_others_and_is_parked_after_a_day() {
        var created = Instant.parse("2026-05-01T09:00:00Z");
        var changes = new Changes();
        for (var id : List.of("out_a", "out_b", "out_c")) {
            changes.add(new Changes.Write.Outbox(new com.termwise.app.OutboxRecord(id, "c-outbox", com.termwise.app.OutboxRecord.Channel.MAIL,
                    "test", Optional.of(id + "@example.test"), "Subject", "Body", Optional.empty(), created)));
        }
        store.commit(changes);
        var clock = new com.termwise.emulators.TestClock(created.plusSeconds(60));
        var attempts = new java.util.ArrayList<String>();
        var relay = new com.termwise.app.OutboxRelay(store, mail -> {
            attempts.add(mail.id());
            if (mail.id().equals("out_a")) throw new IllegalStateException("SES: MessageRejected");
        }, event -> fail("no events here"), clock);

        var first = relay.relay(100);
        assertEquals(2, first.sent(), "b and c go out although a failed before them");
        assertEquals(1, first.failed());
        assertEquals(0, relay.relay(100).sent() + relay.relay(100).failed(), "a waits before its next try");

        clock.advance(java.time.Duration.ofMinutes(6));
        assertEquals(1, relay.relay(100).failed(), "tried again after five minutes");
        clock.advance(java.time.Duration.ofMinutes(6));
        assertEquals(1, relay.relay(100).failed(), "and again five minutes later");
        clock.advance(java.time.Duration.ofMinutes(6));
        assertEquals(0, relay.relay(100).failed(), "the wait grows with the record's age: half of it, at most an hour");

        clock.set(created.plus(java.time.Duration.ofHours(25)));
        var parked = relay.relay(100);
        assertEquals(List.of("out_a"), parked.parked());
        clock.advance(java.time.Duration.ofDays(2));
        var later = relay.relay(100);
        assertEquals(0, later.sent() + later.failed() + later.parked().size(), "a parked record is left for a person");
        assertEquals(1, attempts.stream().filter("out_b"::equals).count(), "b was sent once");
    }
}
