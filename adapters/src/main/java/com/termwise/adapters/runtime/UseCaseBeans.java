package com.termwise.adapters.runtime;

import com.termwise.app.ActionRunner;
import com.termwise.app.CheckoutService;
import com.termwise.app.Dispatcher;
import com.termwise.app.Ids;
import com.termwise.app.Operations;
import com.termwise.app.OutboxRelay;
import com.termwise.app.PaymentGateway;
import com.termwise.app.PaymentOutcomes;
import com.termwise.app.PaymentRecovery;
import com.termwise.app.Reconciliation;
import com.termwise.app.RefundSender;
import com.termwise.app.RenewalQueue;
import com.termwise.app.RenewalSweep;
import com.termwise.app.Renewals;
import com.termwise.app.StateStore;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The application's use cases (the framework-free {@code com.termwise.app}), each built once per container and only
 * in a function that asks for it: the renewal sweep's context holds a store, a clock and a queue, not a checkout.
 */
@Factory
public class UseCaseBeans {

    /**
     * Stripe, behind a gateway that builds it on first call ({@link PaymentsOnFirstUse}). {@code decorator}: the local
     * runner's fault injection wraps the gateway here; no function has one.
     */
    @Singleton
    @Primary
    PaymentGateway payments(@Named("stripe") BeanProvider<PaymentGateway> stripe, @Nullable PaymentGatewayDecorator decorator) {
        // looked up once: every later Stripe call goes straight to the gateway, not through the context
        PaymentGateway gateway = new PaymentsOnFirstUse(FirstUse.of(() -> stripe.find(null).orElseThrow(() -> new IllegalStateException(
                "this function's artifact carries no Stripe client (template.yaml): it may not call Stripe"))));
        return decorator == null ? gateway : decorator.apply(gateway);
    }

    @Singleton
    CheckoutService checkout(StateStore store, Catalogs catalogs, PaymentGateway payments, BusinessCalendar calendar, Ids ids) {
        return new CheckoutService(catalogs, store, payments, calendar, ids);
    }

    @Singleton
    PaymentRecovery paymentRecovery(StateStore store, PaymentGateway payments, CustomerPages pages) {
        return new PaymentRecovery(store, payments, pages.accountPageUrl());
    }

    @Singleton
    PaymentOutcomes paymentOutcomes(StateStore store, Catalogs catalogs, BusinessCalendar calendar, Ids ids, CustomerPages pages) {
        return new PaymentOutcomes(catalogs, store, calendar, ids, pages.accountPageUrl());
    }

    @Singleton
    RefundSender refunds(StateStore store, PaymentGateway payments, BusinessCalendar calendar, PaymentOutcomes outcomes) {
        return new RefundSender(store, payments, calendar, outcomes);
    }

    /** The store is asked for before the catalogs, so the DynamoDB client is built while they are parsed. */
    @Singleton
    ActionRunner actions(StateStore store, RefundSender refunds, Catalogs catalogs, BusinessCalendar calendar, Ids ids) {
        return new ActionRunner(catalogs, store, refunds, calendar, ids);
    }

    @Singleton
    Operations operations(StateStore store, ActionRunner actions, Catalogs catalogs, BusinessCalendar calendar) {
        return new Operations(catalogs, store, actions, calendar);
    }

    @Singleton
    RenewalSweep renewalSweep(StateStore store, RenewalQueue queue, Clock clock) {
        return new RenewalSweep(store, queue, clock);
    }

    @Singleton
    Renewals renewals(ActionRunner actions, PaymentGateway payments, PaymentOutcomes outcomes) {
        return new Renewals(actions, payments, outcomes);
    }

    @Singleton
    Reconciliation reconciliation(StateStore store, PaymentGateway payments, Ids ids, BusinessCalendar calendar) {
        return new Reconciliation(store, payments, ids, calendar);
    }

    @Singleton
    Dispatcher dispatcher(StateStore store, ActionRunner actions, BusinessCalendar calendar) {
        return new Dispatcher(store, actions, calendar);
    }

    @Singleton
    OutboxRelay relay(StateStore store, OutboxRelay.Mailer mailer, OutboxRelay.EventPublisher events, Clock clock) {
        return new OutboxRelay(store, mailer, events, clock);
    }
}
