package com.termwise.adapters.runtime;

import com.termwise.app.PaymentGateway;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment gateway every use case is given, built on its first call: a function reads its Stripe secret once per
 * container, on its first Stripe call, so SnapStart's snapshot never holds it; and the sweep and dispatch, whose use
 * cases are given a gateway they never call, never build one.
 */
record PaymentsOnFirstUse(FirstUse<PaymentGateway> gateway) implements PaymentGateway {

    @Override
    public CheckoutSession openCheckout(CheckoutSessionRequest request) {
        return gateway.get().openCheckout(request);
    }

    @Override
    public CheckoutSession openPaymentPage(PaymentPageRequest request) {
        return gateway.get().openPaymentPage(request);
    }

    @Override
    public String closeCheckout(String sessionId) {
        return gateway.get().closeCheckout(sessionId);
    }

    @Override
    public CheckoutSession openCardSetup(CardSetupRequest request) {
        return gateway.get().openCardSetup(request);
    }

    @Override
    public IssuedRefund refund(RefundRequest request) {
        return gateway.get().refund(request);
    }

    @Override
    public OffSessionCharge chargeOffSession(OffSessionRequest request) {
        return gateway.get().chargeOffSession(request);
    }

    @Override
    public Optional<Card> card(String paymentMethodId) {
        return gateway.get().card(paymentMethodId);
    }

    @Override
    public List<Movement> movements(Instant from, Instant to) {
        return gateway.get().movements(from, to);
    }

    @Override
    public Optional<Movement> movement(String id) {
        return gateway.get().movement(id);
    }

    @Override
    public List<Movement> refundsOf(String chargeId) {
        return gateway.get().refundsOf(chargeId);
    }
}
