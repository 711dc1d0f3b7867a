package com.termwise.adapters.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.termwise.app.PaymentEvent;
import com.termwise.app.PaymentEvent.Ref;
import com.termwise.domain.money.Money;

import java.time.Clock;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe's webhooks, verified before they are read (the {@code Stripe-Signature} HMAC over the
 * raw body, 5 minutes' tolerance) and translated into {@link PaymentEvent}s. An event written for
 * another API version than the client's is still read (Stripe would otherwise hand back nothing).
 */
public final class StripeEvents {

    public static final long TOLERANCE_SECONDS = 300;

    private final String signingSecret;
    private final Clock clock;

    /** {@code clock}: wall time, for the signature's freshness (not the business clock). */
    public StripeEvents(String signingSecret, Clock clock) {
        this.signingSecret = signingSecret;
        this.clock = clock;
    }

    /** Thrown when the signature is missing, wrong or stale: nothing in the body may be trusted or stored. */
    public static final class NotFromStripe extends Exception {
        NotFromStripe(String message) {
            super(message);
        }
    }

    public PaymentEvent verify(String payload, String signatureHeader) throws NotFromStripe {
        if (signatureHeader == null || signatureHeader.isBlank()) throw new NotFromStripe("missing Stripe-Signature header");
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, signingSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            throw new NotFromStripe(e.getMessage());
        } catch (RuntimeException malformed) { // a correctly signed body that is not an event cannot come from Stripe
            throw new NotFromStripe("signed body is not a Stripe event");
        }
        return translate(event);
    }

    /** The event types Termwise acts on (README.md lists them for the webhook endpoint); any other is acknowledged and ignored. */
    public static final java.util.List<String> HANDLED = java.util.List.of("checkout.session.completed", "checkout.session.async_payment_succeeded",
            "checkout.session.async_payment_failed", "checkout.session.expired", "payment_intent.succeeded", "payment_intent.payment_failed",
            "charge.refunded", "charge.refund.updated", "refund.failed", "charge.dispute.created", "charge.dispute.funds_withdrawn",
            "charge.dispute.funds_reinstated", "charge.dispute.closed", "setup_intent.succeeded");

    private static PaymentEvent translate(Event event) {
        var id = event.getId();
        var type = event.getType();
        var ignored = new PaymentEvent.Ignored(id, type);
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                // a card payment is paid when the session completes; a setup-mode session is settled by setup_intent.succeeded
                var s = (Session) object(event);
                if (!"payment".equals(s.getMode()) || !"paid".equals(s.getPaymentStatus())) yield ignored;
                yield new PaymentEvent.Paid(id, ref(s.getMetadata(), s.getPaymentIntent()), Optional.empty(),
                        money(s.getAmountTotal(), s.getCurrency()), Optional.ofNullable(s.getCustomer()), Optional.empty());
            }
            case "checkout.session.async_payment_failed" -> {
                var s = (Session) object(event);
                yield new PaymentEvent.Failed(id, ref(s.getMetadata(), s.getPaymentIntent()), money(s.getAmountTotal(), s.getCurrency()),
                        "async_payment_failed", "The payment did not go through.");
            }
            case "checkout.session.expired" -> {
                var s = (Session) object(event);
                var metadata = metadata(s.getMetadata());
                if (!"payment".equals(s.getMode()) || metadata.get("customerId") == null || metadata.get("orderId") == null
                        || metadata.containsKey("cycle")) yield ignored; // a pay-now page left unused changes nothing
                yield new PaymentEvent.CheckoutExpired(id, metadata.get("customerId"), metadata.get("orderId"), s.getId());
            }
            case "payment_intent.succeeded" -> {
                var pi = (PaymentIntent) object(event);
                yield new PaymentEvent.Paid(id, ref(pi.getMetadata(), pi.getId()), Optional.ofNullable(pi.getLatestCharge()),
                        money(pi.getAmountReceived(), pi.getCurrency()), Optional.ofNullable(pi.getCustomer()), Optional.ofNullable(pi.getPaymentMethod()));
            }
            case "payment_intent.payment_failed" -> {
                var pi = (PaymentIntent) object(event);
                var error = Optional.ofNullable(pi.getLastPaymentError());
                yield new PaymentEvent.Failed(id, ref(pi.getMetadata(), pi.getId()), money(pi.getAmount(), pi.getCurrency()),
                        error.map(e -> e.getCode()).orElse("payment_failed"), error.map(e -> e.getMessage()).orElse("The payment failed."));
            }
            case "charge.refunded" -> {
                var charge = (Charge) object(event);
                yield new PaymentEvent.Refunded(id, ref(charge.getMetadata(), charge.getPaymentIntent()), charge.getId(),
                        money(charge.getAmountRefunded(), charge.getCurrency()));
            }
            case "charge.refund.updated", "refund.failed" -> {
                var refund = (Refund) object(event);
                if (!"failed".equals(refund.getStatus())) yield ignored;
                var metadata = metadata(refund.getMetadata());
                yield new PaymentEvent.RefundFailed(id, ref(metadata, refund.getPaymentIntent()), refund.getId(),
                        Optional.ofNullable(metadata.get("refundId")), money(refund.getAmount(), refund.getCurrency()),
                        Optional.ofNullable(refund.getFailureReason()).orElse("unknown"));
            }
            case "charge.dispute.created", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated", "charge.dispute.closed" -> {
                var dispute = (Dispute) object(event);
                var stage = stage(type, dispute.getStatus());
                if (stage.isEmpty()) yield ignored;
                yield new PaymentEvent.Disputed(id, new Ref(Optional.empty(), Optional.empty(), dispute.getPaymentIntent()),
                        dispute.getCharge(), dispute.getId(), money(dispute.getAmount(), dispute.getCurrency()), stage.get());
            }
            case "setup_intent.succeeded" -> {
                var intent = (SetupIntent) object(event);
                var metadata = metadata(intent.getMetadata());
                if (metadata.get("customerId") == null || intent.getCustomer() == null || intent.getPaymentMethod() == null) yield ignored;
                yield new PaymentEvent.CardSaved(id, metadata.get("customerId"), intent.getCustomer(), intent.getPaymentMethod(),
                        Optional.ofNullable(metadata.get("subscriptionId")));
            }
            default -> ignored;
        };
    }

    /**
     * Stripe's dispute statuses: an inquiry is {@code warning_needs_response} / {@code warning_under_review} and closes as
     * {@code warning_closed}; a chargeback withdraws the funds and closes {@code won} (funds reinstated) or {@code lost}.
     */
    static Optional<PaymentEvent.Disputed.Stage> stage(String type, String status) {
        var inquiry = status != null && status.startsWith("warning_");
        return Optional.ofNullable(switch (type) {
            case "charge.dispute.created" -> inquiry ? PaymentEvent.Disputed.Stage.INQUIRY : PaymentEvent.Disputed.Stage.CHARGEBACK;
            case "charge.dispute.funds_withdrawn" -> PaymentEvent.Disputed.Stage.CHARGEBACK;
            case "charge.dispute.funds_reinstated" -> PaymentEvent.Disputed.Stage.WON;
            case "charge.dispute.closed" -> switch (String.valueOf(status)) {
                case "won" -> PaymentEvent.Disputed.Stage.WON;
                case "lost" -> PaymentEvent.Disputed.Stage.LOST;
                case "warning_closed" -> PaymentEvent.Disputed.Stage.INQUIRY_CLOSED;
                default -> null;
            };
            default -> null;
        });
    }

    private static StripeObject object(Event event) {
        var data = event.getDataObjectDeserializer();
        return data.getObject().orElseGet(() -> {
            try {
                return data.deserializeUnsafe(); // api_version differs from the client's: read it anyway
            } catch (EventDataObjectDeserializationException e) {
                throw new IllegalArgumentException("event " + event.getId() + " carries an unreadable " + event.getType(), e);
            }
        });
    }

    /** Stripe sends {@code metadata: {}} or leaves it out; either way, no links. */
    private static Map<String, String> metadata(Map<String, String> metadata) {
        return metadata == null ? Map.of() : metadata;
    }

    private static Ref ref(Map<String, String> metadata, String paymentIntentId) {
        return Ref.fromMetadata(metadata, paymentIntentId);
    }

    private static Money money(Long amount, String currency) {
        return Money.of(amount == null ? 0 : amount, Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
    }
}
