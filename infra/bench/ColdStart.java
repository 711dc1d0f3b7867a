/** A fresh JVM builds the checkout handler (Lambda init) and serves one catalog request; run by infra/bench/coldstart-checkout. */
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.termwise.functions.checkout.CheckoutHandler;
import java.util.Map;
public class ColdStart {
    public static void main(String[] a) {
        long t0 = System.nanoTime();
        var handler = new CheckoutHandler();                 // Lambda init: catalogs loaded and validated, DynamoDB and Stripe clients built
        long t1 = System.nanoTime();
        var r = handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /v1/catalogs/{catalog}")
                .withPathParameters(Map.of("catalog", "meal-plans")).build(), null);
        long t2 = System.nanoTime();
        System.out.printf("init_ms=%.1f first_ms=%.1f status=%d%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, r.getStatusCode());
    }
}
