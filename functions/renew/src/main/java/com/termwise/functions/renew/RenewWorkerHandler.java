package com.termwise.functions.renew;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.adapters.http.Log;
import com.termwise.adapters.stripe.StripePaymentGateway;
import com.termwise.adapters.runtime.Invocation;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.Renewals;

import java.util.ArrayList;
import java.util.Optional;

/**
 * The renewal worker on the renewal queue (SQS event source with ReportBatchItemFailures): each
 * message is one due subscription; a message that fails is reported alone and redelivered, and
 * after five tries goes to the dead-letter queue, where an alarm waits for it.
 */
public class RenewWorkerHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    /**
     * The longest one renewal can take: Stripe's worst call (its client's tries, each timing out) and 5 s for the
     * table. A message is started only with this much time left; the rest of the batch is reported for redelivery
     * uncharged rather than cut off by the function's timeout in the middle of a charge.
     */
    static final long WORST_CASE_MS = StripePaymentGateway.WORST_CALL_MS + 5_000;

    @Inject Renewals renewals;

    public RenewWorkerHandler() {
    }

    public RenewWorkerHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        var context = Invocation.current(getApplicationContext());
        var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
        for (var message : event.getRecords()) {
            if (context != null && context.getRemainingTimeInMillis() < WORST_CASE_MS) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                continue;
            }
            long started = System.nanoTime();
            try {
                var result = renewals.renew(SqsRenewalQueue.parse(message.getBody()));
                Log.work("renew", message.getMessageId(), "renewal", result.name(), (System.nanoTime() - started) / 1_000_000, Optional.empty());
            } catch (RuntimeException e) {
                Log.work("renew", message.getMessageId(), "renewal", "FAILED", (System.nanoTime() - started) / 1_000_000, Optional.of(e));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
