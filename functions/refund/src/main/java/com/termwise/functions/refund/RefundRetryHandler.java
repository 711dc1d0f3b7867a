package com.termwise.functions.refund;

import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Invocation;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.Reconciliation;
import com.termwise.app.RefundSender;

import java.util.Map;

/**
 * The refund function's two schedules (template.yaml), both needing the Stripe key that dispatch never holds:
 * {@code {"run":"refunds"}} every 15 minutes sends again the refunds Stripe has not accepted yet, with their own
 * idempotency key (their refund id), and {@code {"run":"reconcile"}} each morning compares yesterday's ledger with
 * Stripe ({@link Reconciliation}). Dispatch flags refunds near their deadline (CCR 2013 reg 34) but never calls Stripe.
 */
public class RefundRetryHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int LIMIT = 1_000;

    @Inject RefundSender refunds;
    @Inject Reconciliation reconciliation;

    public RefundRetryHandler() {
    }

    public RefundRetryHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        var context = Invocation.current(getApplicationContext());
        if ("reconcile".equals(input == null ? null : input.get("run"))) {
            long started = System.nanoTime();
            var result = reconciliation.yesterday();
            Log.work("refund-retry", context == null ? "-" : context.getAwsRequestId(), "reconcile " + result.day(),
                    "mismatches " + result.found().size(), (System.nanoTime() - started) / 1_000_000, java.util.Optional.empty());
            return Map.of("day", result.day().toString(), "atStripe", result.atStripe(), "inLedger", result.inLedger(),
                    "mismatches", result.found().size());
        }
        return Log.counted("refund-retry", context, "refunds", "refundsSent", () -> refunds.sendDue(LIMIT));
    }
}
