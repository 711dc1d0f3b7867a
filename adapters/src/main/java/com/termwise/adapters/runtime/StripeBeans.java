package com.termwise.adapters.runtime;

import com.stripe.StripeClient;
import com.termwise.adapters.stripe.StripeEvents;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.app.PaymentGateway;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Stripe, in the artifacts that carry stripe-java (checkout, webhook, cancel, refund, the renewal worker). The sweep's
 * and dispatch's artifacts do not, so these beans do not exist there and nothing asks for a Stripe key.
 */
@Factory
@Requires(classes = StripeClient.class)
public class StripeBeans {

    @Singleton
    @Named("stripe")
    PaymentGateway stripe(StripeConfiguration stripe, CustomerPages pages) {
        return new StripePaymentGateway(StripePaymentGateway.client(stripe.key(), stripe.apiBase()), pages.checkoutReturnUrl());
    }

    /** Webhooks are verified with the signing secret, read on the first webhook. */
    @Singleton
    StripeEvents events(StripeConfiguration stripe) {
        return new StripeEvents(stripe.signingSecret(), Clock.systemUTC());
    }
}
