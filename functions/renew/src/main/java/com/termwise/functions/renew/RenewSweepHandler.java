package com.termwise.functions.renew;

import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Invocation;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.RenewalSweep;

import java.util.Map;

/**
 * The renewal sweep, run by EventBridge Scheduler schedules (template.yaml): each morning one message on
 * the renewal queue per subscription due (a renewal, a retry, a plan ending), and every five minutes one
 * per renewal a customer's new card is to pay at once.
 */
public class RenewSweepHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    /** More than a day's renewals at any size Termwise expects; what is left is swept the next run. */
    static final int LIMIT = 200_000;

    /** Sends to the queue RENEWAL_QUEUE_URL names; its context holds no Stripe client and no use case but this. */
    @Inject RenewalSweep sweep;

    public RenewSweepHandler() {
    }

    public RenewSweepHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        var context = Invocation.current(getApplicationContext());
        // {"run": "renew"} each morning; {"run": "recover"} every few minutes, for renewals a new card pays at once
        var run = String.valueOf(input == null ? "renew" : input.getOrDefault("run", "renew"));
        var work = switch (run) {
            case "renew" -> com.termwise.app.DueWork.RENEWAL;
            case "recover" -> com.termwise.app.DueWork.RECOVERY;
            default -> throw new IllegalArgumentException("unknown sweep '" + run + "': renew or recover");
        };
        return Log.counted("renew-sweep", context, "sweep " + run, "queued", () -> sweep.sweep(work, LIMIT));
    }
}
