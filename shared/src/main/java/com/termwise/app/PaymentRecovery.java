package com.termwise.app;

import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;

/**
 * What a customer does from "Your Account" when a renewal was not paid (meal-plans 6(b)(i), 6(c)):
 * pay it on Stripe's hosted page, where their bank's 3-D Secure challenge runs and the card is
 * saved for later renewals ({@code POST /v1/subscriptions/{id}/pay-now}), or save a new card on a
 * hosted page in setup mode, which renewals then use and which pays an unpaid renewal at once
 * ({@code POST /v1/subscriptions/{id}/payment-method}). Nothing is written here: each page's
 * Stripe idempotency key is derived from what it is for and sent with the same parameters, so a
 * double click opens one page, and the webhooks settle what the customer did there.
 */
public final class PaymentRecovery {

    /** A hosted page to send the customer to; {@code amount} when it takes a payment. */
    public record HostedPage(String subscriptionId, String url, Instant expiresAt, Optional<Money> amount) {}

    private final StateStore store;
    private final PaymentGateway payments;
    private final String accountPageUrl;

    public PaymentRecovery(StateStore store, PaymentGateway payments, String accountPageUrl) {
        this.store = store;
        this.payments = payments;
        this.accountPageUrl = accountPageUrl;
    }

    public HostedPage payNow(Caller caller, String subscriptionId) {
        var account = store.account(caller.customerId());
        var s = subscription(account, subscriptionId);
        var charge = s.renewalCharge().filter(c -> s.state() == SubscriptionState.PAST_DUE && c.unpaid())
                .orElseThrow(() -> new RequestRefused(409, "NOTHING_DUE", "No payment is waiting on this subscription.", Optional.empty(), Optional.empty()));
        // the amount the failed attempt asked for: the one the decision and its mail announced
        var amount = charge.paymentIntentId().flatMap(account::payment).map(Payment::amount)
                .orElseThrow(() -> new RequestRefused(409, "NOTHING_DUE", "This renewal is being charged just now.", Optional.empty(), Optional.empty()));
        var chargesDue = account.chargesDue(s.id(), amount.currency()).min(amount);
        var renewal = new PaymentEvent.Renewal(s.id(), charge.cycle(), chargesDue.amount());
        var metadata = new HashMap<>(renewal.metadata());
        metadata.put("customerId", s.customerId());
        metadata.put("orderId", account.purchaseOf(s).id());
        var page = payments.openPaymentPage(new PaymentGateway.PaymentPageRequest(charge.idempotencyKey(s.id()).replaceFirst("^renewal-", "pay-now-"),
                stripeCustomer(account), "Payment for period " + charge.cycle(), amount, metadata, accountPageUrl));
        return new HostedPage(s.id(), page.url(), page.expiresAt(), Optional.of(amount));
    }

    public HostedPage replaceCard(Caller caller, String subscriptionId) {
        var account = store.account(caller.customerId());
        var s = subscription(account, subscriptionId);
        if (!s.state().running()) {
            throw new RequestRefused(409, "SUBSCRIPTION_ENDED", "This subscription has ended; there is nothing to pay with a new card.", Optional.empty(), Optional.empty());
        }
        var profile = account.profile().orElseThrow();
        var metadata = new HashMap<String, String>();
        metadata.put("customerId", s.customerId());
        metadata.put("subscriptionId", s.id());
        // one page per card on file: once a new card is saved the profile's version moves on, and so does the key
        var page = payments.openCardSetup(new PaymentGateway.CardSetupRequest("card-" + s.customerId() + "-" + profile.version(),
                stripeCustomer(account), metadata, accountPageUrl));
        return new HostedPage(s.id(), page.url(), page.expiresAt(), Optional.empty());
    }

    private static Subscription subscription(CustomerAccount account, String id) {
        return account.subscription(id).orElseThrow(() -> RequestRefused.notFound("SUBSCRIPTION_NOT_FOUND", "You have no subscription " + id + "."));
    }

    private static String stripeCustomer(CustomerAccount account) {
        return account.profile().flatMap(CustomerProfile::stripeCustomer)
                .orElseThrow(() -> new RequestRefused(409, "NO_CARD_ON_FILE", "Pay for a plan first: there is no card on file.", Optional.empty(), Optional.empty()));
    }
}
