package com.termwise.adapters.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.termwise.app.PaymentGateway;
import com.termwise.domain.money.Money;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link PaymentGateway} on Stripe, through one instance-scoped {@link StripeClient} (its API base
 * points at the sandbox locally). Every call carries the idempotency key the caller derived, and a
 * key is only ever sent with the same parameters, so a retried request never opens a second page
 * or moves money twice. Only cards are offered (course-provider 19.3.2: "debit and credit cards
 * only"): a payment is then settled or declined at once, never left processing for days.
 */
public final class StripePaymentGateway implements PaymentGateway {

    private final StripeClient stripe;
    private final String returnUrl;

    /** {@code returnUrl}: where the hosted page sends the customer afterwards; {@code {ORDER_ID}} is replaced. */
    public StripePaymentGateway(StripeClient stripe, String returnUrl) {
        this.stripe = stripe;
        this.returnUrl = returnUrl;
    }

    static final int RETRIES = 2, CONNECT_TIMEOUT_MS = 5_000, READ_TIMEOUT_MS = 20_000;
    /** The longest one Stripe call can take with the client's retries: every try timing out (template.yaml sizes the worker's timeout by it). */
    public static final long WORST_CALL_MS = (RETRIES + 1L) * (CONNECT_TIMEOUT_MS + READ_TIMEOUT_MS);

    public static StripeClient client(String apiKey, String apiBase) {
        var builder = StripeClient.builder().setApiKey(apiKey).setMaxNetworkRetries(RETRIES).setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS);
        if (apiBase != null && !apiBase.isBlank()) builder.setApiBase(apiBase);
        return builder.build();
    }

    @Override
    public CheckoutSession openCheckout(CheckoutSessionRequest request) {
        var orderId = request.metadata().getOrDefault("orderId", "");
        var params = paymentSession(request.description(), request.amount(), request.metadata())
                .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                .setClientReferenceId(orderId)
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .setSuccessUrl(returnUrl.replace("{ORDER_ID}", orderId));
        request.customerEmail().ifPresent(params::setCustomerEmail);
        return session(params.build(), request.idempotencyKey(), "the checkout page");
    }

    @Override
    public CheckoutSession openPaymentPage(PaymentPageRequest request) {
        var params = paymentSession(request.description(), request.amount(), request.metadata())
                .setCustomer(request.stripeCustomer()).setSuccessUrl(request.returnUrl()).setCancelUrl(request.returnUrl());
        return session(params.build(), request.idempotencyKey(), "the payment page");
    }

    @Override
    public String closeCheckout(String sessionId) {
        try {
            var session = stripe.v1().checkout().sessions().retrieve(sessionId);
            if (!"open".equals(session.getStatus())) return session.getStatus();
            return stripe.v1().checkout().sessions().expire(sessionId).getStatus();
        } catch (StripeException e) {
            throw failure("Stripe did not close checkout page " + sessionId, e);
        }
    }

    @Override
    public CheckoutSession openCardSetup(CardSetupRequest request) {
        var params = SessionCreateParams.builder().setMode(SessionCreateParams.Mode.SETUP)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setCustomer(request.stripeCustomer()).setCurrency("gbp")
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder().putAllMetadata(request.metadata()).build())
                .putAllMetadata(request.metadata()).setSuccessUrl(request.returnUrl()).setCancelUrl(request.returnUrl());
        return session(params.build(), request.idempotencyKey(), "the card page");
    }

    /** A card payment on the hosted page, saving the card for the renewals Termwise charges off-session (docs/design.md: Payments). */
    private static SessionCreateParams.Builder paymentSession(String description, Money amount, java.util.Map<String, String> metadata) {
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(PriceData.builder()
                        .setCurrency(currency(amount)).setUnitAmount(amount.amount())
                        .setProductData(PriceData.ProductData.builder().setName(description).build()).build()).build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .putAllMetadata(metadata).build())
                .putAllMetadata(metadata);
    }

    private CheckoutSession session(SessionCreateParams params, String key, String what) {
        try {
            var session = stripe.v1().checkout().sessions().create(params, RequestOptions.builder().setIdempotencyKey(key).build());
            return new CheckoutSession(session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
        } catch (StripeException e) {
            throw failure("Stripe did not open " + what + " (" + key + ")", e);
        }
    }

    @Override
    public OffSessionCharge chargeOffSession(OffSessionRequest request) {
        var params = PaymentIntentCreateParams.builder().setAmount(request.amount().amount()).setCurrency(currency(request.amount()))
                .addPaymentMethodType("card")
                .setCustomer(request.stripeCustomer()).setPaymentMethod(request.paymentMethod())
                .setOffSession(true).setConfirm(true).setDescription(request.description()).putAllMetadata(request.metadata()).build();
        try {
            var intent = stripe.v1().paymentIntents().create(params, RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            var result = switch (intent.getStatus()) {
                case "succeeded" -> OffSessionCharge.Result.SUCCEEDED;
                case "processing" -> OffSessionCharge.Result.PROCESSING;
                case "requires_action" -> OffSessionCharge.Result.AUTHENTICATION_REQUIRED;
                default -> OffSessionCharge.Result.DECLINED;
            };
            var error = Optional.ofNullable(intent.getLastPaymentError());
            return new OffSessionCharge(intent.getId(), result, Optional.ofNullable(intent.getLatestCharge()), request.amount(),
                    error.map(e -> e.getCode()).orElse(result == OffSessionCharge.Result.SUCCEEDED ? "" : intent.getStatus()),
                    error.map(e -> e.getMessage()).orElse(""));
        } catch (CardException e) {
            // Stripe answers a declined off-session payment with 402 and the PaymentIntent it created
            var intent = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            if (intent == null) throw new Unavailable("Stripe declined " + request.idempotencyKey() + " without a PaymentIntent", e);
            var result = "authentication_required".equals(e.getCode()) ? OffSessionCharge.Result.AUTHENTICATION_REQUIRED : OffSessionCharge.Result.DECLINED;
            return new OffSessionCharge(intent.getId(), result, Optional.empty(), request.amount(), e.getCode(), customerMessage(e));
        } catch (StripeException e) {
            throw failure("Stripe did not charge renewal " + request.idempotencyKey(), e);
        }
    }

    @Override
    public IssuedRefund refund(RefundRequest request) {
        var params = RefundCreateParams.builder().setPaymentIntent(request.paymentIntentId()).setAmount(request.amount().amount())
                .putAllMetadata(request.metadata()).build();
        try {
            var refund = stripe.v1().refunds().create(params, RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            return new IssuedRefund(refund.getId(), refund.getStatus());
        } catch (StripeException e) {
            throw failure("Stripe did not refund " + request.idempotencyKey(), e);
        }
    }

    @Override
    public Optional<Card> card(String paymentMethodId) {
        try {
            var card = stripe.v1().paymentMethods().retrieve(paymentMethodId).getCard();
            return Optional.ofNullable(card).map(c -> new Card(c.getBrand(), c.getLast4(), Math.toIntExact(c.getExpMonth()), Math.toIntExact(c.getExpYear())));
        } catch (StripeException e) {
            // the account page shows everything else and says the card cannot be shown now; nothing depends on it
            return Optional.empty();
        }
    }

    @Override
    public java.util.List<Movement> movements(Instant from, Instant to) {
        var out = new java.util.ArrayList<Movement>();
        try {
            var charges = stripe.v1().charges().list(com.stripe.param.ChargeListParams.builder().setLimit(100L)
                    .setCreated(com.stripe.param.ChargeListParams.Created.builder().setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build()).build());
            for (var c : charges.autoPagingIterable()) payment(c).ifPresent(out::add);
            var refunds = stripe.v1().refunds().list(com.stripe.param.RefundListParams.builder().setLimit(100L)
                    .setCreated(com.stripe.param.RefundListParams.Created.builder().setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build()).build());
            for (var r : refunds.autoPagingIterable()) refund(r).ifPresent(out::add);
            var disputes = stripe.v1().disputes().list(com.stripe.param.DisputeListParams.builder().setLimit(100L)
                    .setCreated(com.stripe.param.DisputeListParams.Created.builder().setGte(from.getEpochSecond()).setLt(to.getEpochSecond()).build()).build());
            for (var d : disputes.autoPagingIterable()) dispute(d).ifPresent(out::add);
        } catch (StripeException e) {
            throw failure("Stripe did not list the day's money", e);
        }
        return out;
    }

    @Override
    public Optional<Movement> movement(String id) {
        try {
            if (id.startsWith("ch_")) return payment(stripe.v1().charges().retrieve(id));
            if (id.startsWith("pi_")) {
                var intent = stripe.v1().paymentIntents().retrieve(id);
                return intent.getLatestCharge() == null ? Optional.empty() : payment(stripe.v1().charges().retrieve(intent.getLatestCharge()));
            }
            if (id.startsWith("re_")) return refund(stripe.v1().refunds().retrieve(id));
            if (id.startsWith("dp_")) return dispute(stripe.v1().disputes().retrieve(id));
            return Optional.empty(); // not an id of money at Stripe
        } catch (com.stripe.exception.InvalidRequestException e) {
            if ("resource_missing".equals(e.getCode())) return Optional.empty();
            throw failure("Stripe did not answer for " + id, e);
        } catch (StripeException e) {
            throw failure("Stripe did not answer for " + id, e);
        }
    }

    @Override
    public java.util.List<Movement> refundsOf(String chargeId) {
        var out = new java.util.ArrayList<Movement>();
        try {
            var refunds = stripe.v1().refunds().list(com.stripe.param.RefundListParams.builder().setCharge(chargeId).setLimit(100L).build());
            for (var r : refunds.autoPagingIterable()) refund(r).ifPresent(out::add);
        } catch (StripeException e) {
            throw failure("Stripe did not list the refunds of " + chargeId, e);
        }
        return out;
    }

    private static Optional<Movement> payment(com.stripe.model.Charge c) {
        if (!"succeeded".equals(c.getStatus())) return Optional.empty();
        return Optional.of(new Movement(Movement.Kind.PAYMENT, c.getId(), c.getId(), Optional.ofNullable(c.getPaymentIntent()),
                money(c.getAmount(), c.getCurrency()), Instant.ofEpochSecond(c.getCreated()), Optional.empty()));
    }

    private static Optional<Movement> refund(com.stripe.model.Refund r) {
        if ("failed".equals(r.getStatus()) || "canceled".equals(r.getStatus())) return Optional.empty();
        return Optional.of(new Movement(Movement.Kind.REFUND, r.getId(), r.getCharge(), Optional.ofNullable(r.getPaymentIntent()),
                money(r.getAmount(), r.getCurrency()), Instant.ofEpochSecond(r.getCreated()),
                Optional.ofNullable(r.getMetadata()).map(m -> m.get("refundId"))));
    }

    /** A dispute that took the funds; an inquiry ({@code warning_*}) took none. */
    private static Optional<Movement> dispute(com.stripe.model.Dispute d) {
        if (d.getStatus() != null && d.getStatus().startsWith("warning_")) return Optional.empty();
        return Optional.of(new Movement(Movement.Kind.DISPUTE, d.getId(), d.getCharge(), Optional.ofNullable(d.getPaymentIntent()),
                money(d.getAmount(), d.getCurrency()), Instant.ofEpochSecond(d.getCreated()), Optional.empty()));
    }

    private static Money money(Long amount, String currency) {
        return Money.of(amount, java.util.Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
    }

    /**
     * Stripe's own classification: no connection, a timeout, a 5xx or a 429 (which stripe-java does not retry) may succeed
     * later; anything else Stripe refused on its merits, and the same request will be refused again.
     */
    static RuntimeException failure(String what, StripeException e) {
        var status = e.getStatusCode();
        if (e instanceof ApiConnectionException || e instanceof RateLimitException || status == null || status >= 500 || status == 429) {
            return new Unavailable(what + ": " + e.getMessage(), e);
        }
        return new Refused(what + ": " + e.getMessage(), e.getCode() == null ? "refused" : e.getCode(), e);
    }

    /** Stripe's sentence for the cardholder, without stripe-java's "; code: …; request-id: …" (that goes to the log). */
    static String customerMessage(StripeException e) {
        return e.getStripeError() != null && e.getStripeError().getMessage() != null ? e.getStripeError().getMessage() : "Your card was declined.";
    }

    private static String currency(Money amount) {
        return amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }
}
