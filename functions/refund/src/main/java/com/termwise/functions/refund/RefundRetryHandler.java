package com.termwise.functions.refund;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Wiring;
import com.termwise.app.RefundSender;

import java.util.Map;

/**
 * Refunds Stripe has not accepted yet, sent again with their own idempotency key (their refund id), on an
 * EventBridge Scheduler schedule (template.yaml: every 15 minutes). The refund function is the one that holds
 * the Stripe key; dispatch flags the refunds near their deadline (CCR 2013 reg 34) but never calls Stripe.
 */
public class RefundRetryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int LIMIT = 1_000;

    private final RefundSender refunds;

    public RefundRetryHandler() {
        this(Wiring.fromEnvironment());
    }

    public RefundRetryHandler(Wiring wiring) {
        this.refunds = wiring.refunds();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Log.counted("refund-retry", context, "refunds", "refundsSent", () -> refunds.sendDue(LIMIT));
    }
}
