package com.termwise.app;

import com.termwise.app.Delivery.State;
import com.termwise.app.DeliveryStateMachine.Event;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every move of a month's boxes from every state: the allowed ones land where the terms say, the rest are refused. */
class DeliveryStateMachineTest {

    static Delivery in(State state) {
        return new Delivery("del-1", "cust-1", "sub-1", 2, LocalDate.parse("2026-04-06"), state, List.of(), 3);
    }

    @Test
    void each_event_moves_only_from_the_states_the_terms_allow() {
        var events = List.of(new Event.Dispatched(), new Event.Withheld(), new Event.Released(LocalDate.parse("2026-04-08")),
                new Event.Unconfirmed(), new Event.Delivered(), new Event.Cancelled());
        int allowed = 0;
        for (var e : events) {
            for (var s : State.values()) {
                if (DeliveryStateMachine.allows(in(s), e)) {
                    DeliveryStateMachine.apply(in(s), e);
                    allowed++;
                } else {
                    assertThrows(DeliveryStateMachine.IllegalMove.class, () -> DeliveryStateMachine.apply(in(s), e), s + " " + e);
                }
            }
        }
        assertEquals(9, allowed, "dispatch, withhold, release, unconfirm: one state each; delivered: three; cancelled: two");
    }

    @Test
    void a_released_box_goes_out_on_its_new_day_and_the_rest_keep_theirs() {
        var released = DeliveryStateMachine.apply(in(State.WITHHELD), new Event.Released(LocalDate.parse("2026-04-08")));
        assertEquals(State.SCHEDULED, released.state());
        assertEquals(LocalDate.parse("2026-04-08"), released.scheduledDate());
        assertEquals(3, released.version(), "the version it was read at: the store checks it");
        var delivered = DeliveryStateMachine.apply(in(State.UNCONFIRMED), new Event.Delivered());
        assertEquals(State.DELIVERED, delivered.state());
        assertEquals(LocalDate.parse("2026-04-06"), delivered.scheduledDate());
        assertEquals(State.CANCELLED, DeliveryStateMachine.apply(in(State.WITHHELD), new Event.Cancelled()).state());
        assertThrows(DeliveryStateMachine.IllegalMove.class, () -> DeliveryStateMachine.apply(in(State.DELIVERED), new Event.Cancelled()));
    }
}
