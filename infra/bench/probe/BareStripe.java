import com.stripe.StripeClient;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import java.util.Map;

/** The baseline's Stripe calls (checkout, webhook, cancel, refund, the renewal worker), on a client built as those functions build theirs. */
public final class BareStripe implements BareHandler.OtherClient {

    private final StripeClient stripe = com.termwise.adapters.stripe.StripePaymentGateway.client(System.getenv("STRIPE_API_KEY"),
            System.getenv("STRIPE_API_BASE"));

    @Override
    public void call(String object, int size, Object event) throws Exception {
        for (int i = 0; i < size; i++) {
            switch (object) {
                // a webhook is read with stripe-java as the webhook function must: signature checked, event and its object parsed
                case "webhook" -> {
                    var request = (Map<?, ?>) event;
                    var signature = String.valueOf(((Map<?, ?>) request.get("headers")).get("stripe-signature"));
                    com.stripe.net.Webhook.constructEvent(String.valueOf(request.get("body")), signature, System.getenv("STRIPE_WEBHOOK_SECRET"))
                            .getDataObjectDeserializer().getObject().orElseThrow();
                }
                case "checkout_session" -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT).setSuccessUrl("https://termwise.example/done")
                        .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L).setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency("gbp").setUnitAmount(1000L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder().setName("baseline").build()).build()).build())
                        .build());
                case "payment_intent" -> stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder().setAmount(1000L).setCurrency("gbp")
                        .setCustomer(System.getenv("BENCH_STRIPE_CUSTOMER")).setPaymentMethod("pm_card_visa").setOffSession(true).setConfirm(true).build());
                case "refund" -> stripe.v1().refunds().create(RefundCreateParams.builder()
                        .setPaymentIntent(System.getenv("BENCH_STRIPE_PAYMENT_INTENT")).setAmount(1L).build());
                default -> throw new IllegalArgumentException("no baseline for stripe." + object);
            }
        }
    }
}
