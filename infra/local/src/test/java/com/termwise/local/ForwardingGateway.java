package com.termwise.local;

import com.termwise.app.PaymentGateway;

/** Stripe (the sandbox) as the runner reaches it, for a test that changes what one call does: override that one. */
class ForwardingGateway implements PaymentGateway {

    final PaymentGateway stripe;

    ForwardingGateway(PaymentGateway stripe) {
        this.stripe = stripe;
    }

    public CheckoutSession openCheckout(CheckoutSessionRequest r) { return stripe.openCheckout(r); }
    public CheckoutSession openPaymentPage(PaymentPageRequest r) { return stripe.openPaymentPage(r); }
    public CheckoutSession openCardSetup(CardSetupRequest r) { return stripe.openCardSetup(r); }
    public String closeCheckout(String sessionId) { return stripe.closeCheckout(sessionId); }
    public IssuedRefund refund(RefundRequest r) { return stripe.refund(r); }
    public OffSessionCharge chargeOffSession(OffSessionRequest r) { return stripe.chargeOffSession(r); }
    public java.util.Optional<Card> card(String paymentMethodId) { return stripe.card(paymentMethodId); }
    public java.util.List<Movement> movements(java.time.Instant from, java.time.Instant to) { return stripe.movements(from, to); }
    public java.util.Optional<Movement> movement(String id) { return stripe.movement(id); }
    public java.util.List<Movement> refundsOf(String chargeId) { return stripe.refundsOf(chargeId); }
}
