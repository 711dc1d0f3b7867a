package com.termwise.app;

import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.Subscription;

import java.util.List;
import java.util.Optional;

/** Everything kept under one customer (one DynamoDB partition, read with one query). */
public record CustomerAccount(Optional<CustomerProfile> profile, List<Purchase> purchases, List<Subscription> subscriptions,
                              List<Enrolment> enrolments, List<Delivery> deliveries, List<Payment> payments,
                              List<LedgerEntry> ledger) {

    public Optional<Purchase> purchase(String orderId) {
        return purchases.stream().filter(p -> p.id().equals(orderId)).findFirst();
    }

    /** What the customer owes (course-provider 19.3.7): amounts recorded as owed, less what was paid against them. */
    public com.termwise.domain.money.Money balanceOwed(java.util.Currency currency) {
        var owed = com.termwise.domain.money.Money.zero(currency);
        for (var e : ledger) {
            if (e.kind() == LedgerEntry.Kind.AMOUNT_OWED) owed = owed.plus(e.amount());
            if (e.kind() == LedgerEntry.Kind.OWED_PAID) owed = owed.minus(e.amount());
        }
        return owed;
    }

    public List<Payment> paymentsFor(String orderId) {
        return payments.stream().filter(p -> p.orderId().equals(orderId)).toList();
    }
}
