package com.termwise.adapters.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
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

    private static PaymentEvent translate(Event event) {
        var id = event.getId();
        return switch (event.getType()) {
            case "checkout.session.completed" -> {
                var s = (Session) object(event);
                if (!"paid".equals(s.getPaymentStatus())) yield new PaymentEvent.Ignored(id, event.getType());
                yield new PaymentEvent.Paid(id, ref(s.getMetadata(), s.getPaymentIntent()), Optional.empty(),
                        money(s.getAmountTotal(), s.getCurrency()), Optional.ofNullable(s.getCustomer()), Optional.empty());
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
            case "charge.dispute.created" -> {
                var dispute = (Dispute) object(event);
                yield new PaymentEvent.Disputed(id, new Ref(Optional.empty(), Optional.empty(), dispute.getPaymentIntent()),
                        dispute.getCharge(), dispute.getId(), money(dispute.getAmount(), dispute.getCurrency()));
            }
            default -> new PaymentEvent.Ignored(id, event.getType());
        };
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

    private static Ref ref(Map<String, String> metadata, String paymentIntentId) {
        return Ref.fromMetadata(metadata, paymentIntentId);
    }

    private static Money money(Long amount, String currency) {
        return Money.of(amount == null ? 0 : amount, Currency.getInstance(currency.toUpperCase(Locale.ROOT)));
    }
}
