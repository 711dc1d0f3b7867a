package com.termwise.functions.renew;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.termwise.adapters.aws.SqsRenewalQueue;
import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Wiring;
import com.termwise.app.RenewalQueue;
import com.termwise.app.RenewalSweep;

import java.util.Map;

/**
 * The renewal sweep, run by EventBridge Scheduler schedules (template.yaml): each morning one message on
 * the renewal queue per subscription due (a renewal, a retry, a plan ending), and every five minutes one
 * per renewal a customer's new card is to pay at once.
 */
public class RenewSweepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** More than a day's renewals at any size Termwise expects; what is left is swept the next run. */
    static final int LIMIT = 200_000;

    private final RenewalSweep sweep;

    public RenewSweepHandler() {
        this(Wiring.fromEnvironment(), SqsRenewalQueue.fromEnvironment(System.getenv()));
    }

    public RenewSweepHandler(Wiring wiring, RenewalQueue queue) {
        this.sweep = wiring.renewalSweep(queue);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
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
