package com.termwise.functions.refund;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Wiring;
import com.termwise.app.Reconciliation;
import com.termwise.app.RefundSender;

import java.util.Map;

/**
 * The refund function's two schedules (template.yaml), both needing the Stripe key that dispatch never holds:
 * {@code {"run":"refunds"}} every 15 minutes sends again the refunds Stripe has not accepted yet, with their own
 * idempotency key (their refund id), and {@code {"run":"reconcile"}} each morning compares yesterday's ledger with
 * Stripe ({@link Reconciliation}). Dispatch flags refunds near their deadline (CCR 2013 reg 34) but never calls Stripe.
 */
public class RefundRetryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int LIMIT = 1_000;

    private final RefundSender refunds;
    private final Reconciliation reconciliation;

    public RefundRetryHandler() {
        this(Wiring.fromEnvironment());
    }

    public RefundRetryHandler(Wiring wiring) {
        this.refunds = wiring.refunds();
        this.reconciliation = wiring.reconciliation();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
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
