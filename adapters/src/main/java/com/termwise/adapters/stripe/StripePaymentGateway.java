package com.termwise.adapters.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.termwise.app.PaymentGateway;

import java.time.Instant;
import java.util.Locale;

/**
 * {@link PaymentGateway} on Stripe, through one instance-scoped {@link StripeClient} (its API base
 * points at the sandbox locally). Every call carries the idempotency key the caller derived, so a
 * retried request never opens a second session or moves money twice.
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
        var params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(PriceData.builder()
                        .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                        .setUnitAmount(request.amount().amount())
                        .setProductData(PriceData.ProductData.builder().setName(request.description()).build()).build()).build())
                // the card is saved for the renewals Termwise charges off-session (DESIGN.md: Payments)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .putAllMetadata(request.metadata()).build())
                .setCustomerCreation(SessionCreateParams.CustomerCreation.ALWAYS)
                .putAllMetadata(request.metadata())
                .setClientReferenceId(orderId)
                .setExpiresAt(request.expiresAt().getEpochSecond())
                .setSuccessUrl(returnUrl.replace("{ORDER_ID}", orderId));
        request.customerEmail().ifPresent(params::setCustomerEmail);
        try {
            var session = stripe.v1().checkout().sessions().create(params.build(),
                    RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            return new CheckoutSession(session.getId(), session.getUrl(), Instant.ofEpochSecond(session.getExpiresAt()));
        } catch (ApiConnectionException e) {
            throw new Unavailable("Stripe could not be reached", e);
        } catch (StripeException e) {
            throw new Unavailable("Stripe refused the checkout session: " + e.getCode() + " " + e.getStripeError(), e);
        }
    }

    @Override
    public OffSessionCharge chargeOffSession(OffSessionRequest request) {
        var params = PaymentIntentCreateParams.builder().setAmount(request.amount().amount())
                .setCurrency(request.amount().currency().getCurrencyCode().toLowerCase(Locale.ROOT))
                .setCustomer(request.stripeCustomer()).setPaymentMethod(request.paymentMethod())
                .setOffSession(true).setConfirm(true).setDescription(request.description()).putAllMetadata(request.metadata()).build();
        try {
            var intent = stripe.v1().paymentIntents().create(params, RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            var result = "succeeded".equals(intent.getStatus()) ? OffSessionCharge.Result.SUCCEEDED
                    : "requires_action".equals(intent.getStatus()) ? OffSessionCharge.Result.AUTHENTICATION_REQUIRED : OffSessionCharge.Result.DECLINED;
            return new OffSessionCharge(intent.getId(), result, java.util.Optional.ofNullable(intent.getLatestCharge()), request.amount(),
                    result == OffSessionCharge.Result.SUCCEEDED ? "" : intent.getStatus(), "");
        } catch (CardException e) {
            // Stripe answers a declined off-session payment with 402 and the PaymentIntent it created
            var intent = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            if (intent == null) throw new Unavailable("Stripe declined " + request.idempotencyKey() + " without a PaymentIntent", e);
            var result = "authentication_required".equals(e.getCode()) ? OffSessionCharge.Result.AUTHENTICATION_REQUIRED : OffSessionCharge.Result.DECLINED;
            return new OffSessionCharge(intent.getId(), result, java.util.Optional.empty(), request.amount(), e.getCode(), e.getMessage());
        } catch (ApiConnectionException e) {
            throw new Unavailable("Stripe could not be reached", e);
        } catch (StripeException e) {
            throw new Unavailable("Stripe refused renewal " + request.idempotencyKey() + ": " + e.getCode() + " " + e.getMessage(), e);
        }
    }

    @Override
    public IssuedRefund refund(RefundRequest request) {
        var params = RefundCreateParams.builder().setPaymentIntent(request.paymentIntentId()).setAmount(request.amount().amount())
                .putAllMetadata(request.metadata()).build();
        try {
            var refund = stripe.v1().refunds().create(params, RequestOptions.builder().setIdempotencyKey(request.idempotencyKey()).build());
            return new IssuedRefund(refund.getId(), refund.getStatus());
        } catch (ApiConnectionException e) {
            throw new Unavailable("Stripe could not be reached", e);
        } catch (StripeException e) {
            throw new Unavailable("Stripe refused refund " + request.idempotencyKey() + ": " + e.getCode() + " " + e.getMessage(), e);
        }
    }
}
