package com.termwise.domain.order;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Rule.ContractFormedOn;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Every change of an order's state, in one place. A purchase is confirmed only once it is paid,
 * and the confirmation mail goes out with the acceptance (online-courses 3.1, course-provider
 * 19.1.1, meal-plans 6(b)(i)). Repeating an event that already took effect changes nothing, so a
 * webhook delivered twice or out of order cannot move an order twice.
 */
public final class OrderStateMachine {

    public static final String ACCEPTANCE_MAIL = "order-accepted";
    public static final String REFUND_MAIL = "refund-issued";

    public record Transition(Order order, List<OutboxMessage> outbox) {
        static Transition unchanged(Order order) {
            return new Transition(order, List.of());
        }
    }

    public sealed interface Event {
        record PaymentSucceeded(Money amount, LocalDate on, Optional<LocalDate> dispatchedOn) implements Event {}
        /** A later payment under the contract (a renewal period): added to what the order has paid. */
        record PaymentReceived(Money amount) implements Event {}
        record CheckoutExpired(LocalDate on) implements Event {}
        record Cancelled(LocalDate on) implements Event {}
        record Refunded(Money amount, LocalDate on) implements Event {}
    }

    private final Catalog catalog;

    public OrderStateMachine(Catalog catalog) {
        this.catalog = catalog;
    }

    public Transition apply(Order order, Event event) {
        return switch (event) {
            case Event.PaymentSucceeded paid -> switch (order.state()) {
                case PENDING_PAYMENT, EXPIRED -> accept(order, paid);
                case ACCEPTED, CANCELLED, REFUNDED -> Transition.unchanged(order);
            };
            case Event.PaymentReceived received -> switch (order.state()) {
                case ACCEPTED, CANCELLED, REFUNDED -> new Transition(order.received(received.amount()), List.of());
                case PENDING_PAYMENT, EXPIRED -> throw new IllegalStateException("order " + order.id() + " is not accepted: its first payment accepts it");
            };
            case Event.CheckoutExpired expired -> order.state() == OrderState.PENDING_PAYMENT
                    ? new Transition(order.withState(OrderState.EXPIRED), List.of())
                    : Transition.unchanged(order);
            case Event.Cancelled cancelled -> switch (order.state()) {
                case ACCEPTED -> new Transition(order.withState(OrderState.CANCELLED), List.of());
                case PENDING_PAYMENT -> new Transition(order.withState(OrderState.EXPIRED), List.of());
                case CANCELLED, REFUNDED, EXPIRED -> Transition.unchanged(order);
            };
            case Event.Refunded refunded -> {
                if (order.state() == OrderState.PENDING_PAYMENT || order.state() == OrderState.EXPIRED) {
                    throw new IllegalStateException("order " + order.id() + " has no payment to refund");
                }
                if (refunded.amount().compareTo(order.refundable()) > 0) {
                    throw new IllegalStateException("refund " + refunded.amount() + " exceeds what is refundable " + order.refundable());
                }
                yield new Transition(order.refunded(refunded.amount()),
                        List.of(new OutboxMessage(REFUND_MAIL, order.customerId(), order.id(), catalog.rules().payment().clause())));
            }
        };
    }

    private Transition accept(Order order, Event.PaymentSucceeded paid) {
        var formation = catalog.rules().contract();
        // meal-plans 5(d): formed when the acceptance mail is sent or, if earlier, on dispatch
        LocalDate contract = formation.formedOn() == ContractFormedOn.ACCEPTANCE_EMAIL_OR_DISPATCH
                ? paid.dispatchedOn().filter(d -> d.isBefore(paid.on())).orElse(paid.on())
                : paid.on();
        var accepted = order.paid(paid.amount(), paid.on(), contract);
        return new Transition(accepted,
                List.of(new OutboxMessage(ACCEPTANCE_MAIL, order.customerId(), order.id(), catalog.rules().payment().clause())));
    }
}
