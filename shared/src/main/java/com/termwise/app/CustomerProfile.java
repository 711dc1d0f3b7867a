package com.termwise.app;

import java.util.Optional;

/**
 * Who the customer is, for mail, and the card Stripe saved for off-session renewals. Personal
 * fields are replaced when the account is anonymised (course-provider 4.3); the ledger stays.
 */
public record CustomerProfile(String id, String email, String name, Optional<String> stripeCustomer,
                              Optional<String> paymentMethod, Optional<java.time.LocalDate> marketingRefusedOn, long version) {

    static final String ANONYMISED_NAME = "Anonymised customer";

    /** course-provider 4.3: the same account with its personal fields replaced (the Stripe ids stay: they name payments, not a person). */
    public CustomerProfile anonymisedCopy() {
        return new CustomerProfile(id, "anonymised+" + id + "@invalid", ANONYMISED_NAME, stripeCustomer, paymentMethod, marketingRefusedOn, version);
    }

    public boolean anonymised() {
        return ANONYMISED_NAME.equals(name) && email.endsWith("@invalid");
    }

    public CustomerProfile withCard(String customer, String method) {
        return new CustomerProfile(id, email, name, Optional.of(customer), Optional.of(method), marketingRefusedOn, version);
    }

    /** online-courses 2.5: offers are emailed unless the customer refused them, from the day they did. */
    public CustomerProfile withMarketingRefused(Optional<java.time.LocalDate> since) {
        return new CustomerProfile(id, email, name, stripeCustomer, paymentMethod, since, version);
    }
}
