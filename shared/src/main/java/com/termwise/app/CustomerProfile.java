package com.termwise.app;

import java.util.Optional;

/**
 * Who the customer is, for mail, and the card Stripe saved for off-session renewals. Personal
 * fields are replaced when the account is anonymised (course-provider 4.3); the ledger stays.
 */
public record CustomerProfile(String id, String email, String name, Optional<String> stripeCustomer,
                              Optional<String> paymentMethod, long version) {

    public CustomerProfile withCard(String customer, String method) {
        return new CustomerProfile(id, email, name, Optional.of(customer), Optional.of(method), version);
    }
}
