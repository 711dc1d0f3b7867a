package com.termwise.app;

import com.termwise.app.Delivery.State;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every move of a month's boxes, and only the moves the terms allow (the one place a delivery changes state):
 * dispatched on its dispatch day (meal-plans 7(c)); withheld while its month is unpaid and released, no sooner than the
 * next working day, once it is paid (6(c)(v)); raised as unconfirmed when the courier has not reported it by its
 * confirmation day (8(b)); delivered when the courier reports it; brought back by the courier and sent again (7(d), 7(e));
 * cancelled with the plan while it has not gone out.
 */
public final class DeliveryStateMachine {

    public sealed interface Event {
        record Dispatched() implements Event {}

        record Withheld() implements Event {}

        /** The month was paid: the boxes go out on {@code on}. */
        record Released(LocalDate on) implements Event {}

        record Unconfirmed() implements Event {}

        record Delivered() implements Event {}

        /** The courier brought it back (missed and not collected, or refused): it goes out again to arrive on {@code redeliverOn}. */
        record Returned(LocalDate redeliverOn) implements Event {}

        record Cancelled() implements Event {}
    }

    /** A move the delivery's state does not allow: a defect in the caller, never a customer's input. */
    public static final class IllegalMove extends IllegalStateException {
        IllegalMove(Delivery d, Event e) {
            super("delivery " + d.id() + " is " + d.state() + ": it cannot be " + e.getClass().getSimpleName().toLowerCase());
        }
    }

    private DeliveryStateMachine() {}

    /** The states each event may leave. */
    static Set<State> from(Event e) {
        return switch (e) {
            case Event.Dispatched x -> EnumSet.of(State.SCHEDULED);
            case Event.Withheld x -> EnumSet.of(State.SCHEDULED);
            case Event.Released x -> EnumSet.of(State.WITHHELD);
            case Event.Unconfirmed x -> EnumSet.of(State.DISPATCHED);
            // the courier may report a box before the dispatch run has marked it, or after it was raised as unconfirmed
            case Event.Delivered x -> EnumSet.of(State.SCHEDULED, State.DISPATCHED, State.UNCONFIRMED);
            case Event.Cancelled x -> EnumSet.of(State.SCHEDULED, State.WITHHELD);
            case Event.Returned x -> EnumSet.of(State.DISPATCHED, State.UNCONFIRMED);
        };
    }

    public static boolean allows(Delivery d, Event e) {
        return from(e).contains(d.state());
    }

    public static Delivery apply(Delivery d, Event e) {
        if (!allows(d, e)) throw new IllegalMove(d, e);
        return switch (e) {
            case Event.Dispatched x -> d.moved(State.DISPATCHED);
            case Event.Withheld x -> d.moved(State.WITHHELD);
            case Event.Released r -> d.rescheduled(r.on(), d.charges()).moved(State.SCHEDULED);
            case Event.Unconfirmed x -> d.moved(State.UNCONFIRMED);
            case Event.Delivered x -> d.moved(State.DELIVERED);
            case Event.Cancelled x -> d.moved(State.CANCELLED);
            case Event.Returned r -> d.rescheduled(r.redeliverOn(), d.charges()).moved(State.SCHEDULED);
        };
    }
}
