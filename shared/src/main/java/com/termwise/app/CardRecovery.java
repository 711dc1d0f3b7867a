package com.termwise.app;

import com.termwise.app.Changes.Write.PutProfile;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionState;

/**
 * A card the customer saved on Stripe's hosted page (meal-plans 6(b)(i): the payment method they
 * authorised) becomes the one every later payment uses, and a renewal the old card left unpaid
 * is charged again at once with it, under a new attempt's idempotency key.
 */
final class CardRecovery {

    private CardRecovery() {}

    static void saved(Action a, PaymentEvent.CardSaved saved) {
        var profile = a.account().profile().orElseThrow();
        if (profile.stripeCustomer().equals(java.util.Optional.of(saved.stripeCustomer()))
                && profile.paymentMethod().equals(java.util.Optional.of(saved.paymentMethod()))) return;
        a.changes().add(new PutProfile(profile.withCard(saved.stripeCustomer(), saved.paymentMethod()), profile.version()));
        int retried = 0;
        for (var s : a.account().subscriptions()) {
            if (s.state() == SubscriptionState.PAST_DUE && s.renewalCharge().map(c -> c.unpaid()).orElse(false)) {
                a.apply(s, new SubscriptionEvent.CardReplaced(a.today()));
                retried++;
            }
        }
        a.event(profile.id(), "PaymentMethodReplaced", "customerId", profile.id(), "paymentMethod", saved.paymentMethod(),
                "renewalsRetried", Integer.toString(retried));
    }
}
