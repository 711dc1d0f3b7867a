package com.termwise.app;

import com.termwise.domain.decision.Charge;

import java.time.LocalDate;
import java.util.List;

/** One month's meal boxes (meal-plans 7): when they arrive, what delivering them costs, and how far they got. */
public record Delivery(String id, String customerId, String subscriptionId, int month, LocalDate scheduledDate, State state,
                       List<Charge> charges, long version) {

    public Delivery {
        charges = List.copyOf(charges);
    }

    /** Only {@link DeliveryStateMachine} moves a delivery. */
    Delivery moved(State next) {
        return new Delivery(id, customerId, subscriptionId, month, scheduledDate, next, charges, version);
    }

    /** The same boxes on another day or to another address: the 7(f) charges follow. */
    public Delivery rescheduled(LocalDate date, List<Charge> newCharges) {
        return new Delivery(id, customerId, subscriptionId, month, date, state, newCharges, version);
    }

    /** UNCONFIRMED: dispatched, and the courier has not confirmed it by {@code DeliverySchedule.confirmationDueBy}. */
    public enum State { SCHEDULED, DISPATCHED, UNCONFIRMED, DELIVERED, WITHHELD, CANCELLED }
}
