package com.termwise.app;

import com.termwise.domain.calendar.Period;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.order.Order;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as Termwise keeps it: the domain {@link Order} plus what checkout arranged around it
 * (the Stripe Checkout Session, where and how boxes are delivered, the price's parts) and what
 * acceptance created from it (the subscription).
 *
 * @param consentsShown the wording the customer was shown beside the consents they gave (CCR 2013 regs 36, 37)
 */
public record Purchase(Order order, Optional<String> sessionId, Optional<String> checkoutUrl, Optional<Instant> expiresAt,
                       Optional<DeliveryAddress> delivery, List<Charge> charges, List<String> consentsShown,
                       Optional<String> subscriptionId, List<Refund> refunds, Optional<Period> serviceSuspension) {

    public Purchase {
        charges = List.copyOf(charges);
        consentsShown = List.copyOf(consentsShown);
        refunds = List.copyOf(refunds);
    }

    public String id() {
        return order.id();
    }

    public String customerId() {
        return order.customerId();
    }

    public Purchase with(Order next) {
        return new Purchase(next, sessionId, checkoutUrl, expiresAt, delivery, charges, consentsShown, subscriptionId, refunds, serviceSuspension);
    }

    public Purchase withSession(String id, String url, Instant expires) {
        return new Purchase(order, Optional.of(id), Optional.of(url), Optional.of(expires), delivery, charges, consentsShown, subscriptionId, refunds, serviceSuspension);
    }

    public Purchase withSubscription(String id) {
        return new Purchase(order, sessionId, checkoutUrl, expiresAt, delivery, charges, consentsShown, Optional.of(id), refunds, serviceSuspension);
    }

    public Purchase withDelivery(DeliveryAddress address) {
        return new Purchase(order, sessionId, checkoutUrl, expiresAt, Optional.of(address), charges, consentsShown, subscriptionId, refunds, serviceSuspension);
    }

    /** course-provider 5.1: the days the business has announced the service is suspended on this order (the end is the day it comes back). */
    public Purchase withServiceSuspension(Period window) {
        return new Purchase(order, sessionId, checkoutUrl, expiresAt, delivery, charges, consentsShown, subscriptionId, refunds, Optional.of(window));
    }

    /** The same purchase with {@code refund} added, or replacing the one with its id. */
    public Purchase withRefund(Refund refund) {
        var next = new java.util.ArrayList<>(refunds.stream().map(r -> r.id().equals(refund.id()) ? refund : r).toList());
        if (next.stream().noneMatch(r -> r.id().equals(refund.id()))) next.add(refund);
        return new Purchase(order, sessionId, checkoutUrl, expiresAt, delivery, charges, consentsShown, subscriptionId, next, serviceSuspension);
    }

    /**
     * The plan variant the customer bought (meal-plans 3(a): food for weekdays only, at the weekdays-only price). Every
     * amount charged on this purchase is the price of this variant: renewals, price changes, plan changes, goodwill charges.
     */
    public boolean weekendsExcluded() {
        return delivery.map(DeliveryAddress::weekendsExcluded).orElse(false);
    }

    /** course-provider 4.3: an anonymised account keeps its orders, not where they went. */
    public Purchase withoutAddress() {
        return delivery.isEmpty() ? this : withDelivery(new DeliveryAddress("(removed)", Optional.empty(), "(removed)", "(removed)",
                delivery.get().weekendsExcluded(), Optional.empty()));
    }

    /** The id of the next refund decided on this order: the key Stripe sees, so a decision retried is the same refund. */
    public String nextRefundId() {
        return "rf-" + order.id() + "-" + (refunds.size() + 1);
    }

    /** Where meal boxes go (meal-plans 7), and the customer's weekday-only and preferred-day choices (3(a), 7(c)). */
    public record DeliveryAddress(String line1, Optional<String> line2, String city, String postcode,
                                  boolean weekendsExcluded, Optional<DayOfWeek> preferredDay) {}
}
