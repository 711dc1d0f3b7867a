package com.termwise.functions.dispatch;

import com.termwise.adapters.http.Log;
import com.termwise.adapters.runtime.Invocation;
import io.micronaut.context.ApplicationContext;
import com.termwise.adapters.runtime.FunctionContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import com.termwise.app.Dispatcher;
import com.termwise.app.OutboxRelay;

import java.util.Map;
import java.util.Optional;

/**
 * Dispatch, on two EventBridge Scheduler schedules (template.yaml): {@code {"run": "outbox"}}
 * every minute sends the outbox (mail through SES, events to the bus) exactly once per record;
 * {@code {"run": "daily"}} each morning sends the day's meal boxes to the courier, the scheduled
 * notices, the access and anonymisation sweeps and the refunds at risk of their deadline, then the outbox.
 */
public class DispatchHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    static final int LIMIT = 10_000;

    @Inject Dispatcher dispatcher;
    /** Mail through SES and events to the bus MAIL_FROM, SES_CONFIGURATION_SET and EVENT_BUS_NAME name, each client built on first send. */
    @Inject OutboxRelay relay;

    public DispatchHandler() {
    }

    public DispatchHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContext.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        long started = System.nanoTime();
        var context = Invocation.current(getApplicationContext());
        var run = String.valueOf(input == null ? "outbox" : input.getOrDefault("run", "outbox"));
        var correlation = context == null ? "-" : context.getAwsRequestId();
        Map<String, Object> result = switch (run) {
            case "daily" -> {
                var report = dispatcher.daily(LIMIT);
                // one line per box the courier has not confirmed: template.yaml's UnconfirmedDeliveryMetric counts them
                for (var id : report.unconfirmed()) Log.work("dispatch", id, "delivery", "UNCONFIRMED", 0, Optional.empty());
                yield Map.of("dispatched", report.dispatched(), "withheld", report.withheld(), "notices", report.notices(),
                        "accessEnded", report.accessEnded(), "anonymised", report.anonymised(),
                        "refundsAtRisk", report.refundsAtRisk(), "unconfirmed", report.unconfirmed().size(), "relayed", relayed());
            }
            case "outbox" -> Map.of("relayed", relayed());
            default -> throw new IllegalArgumentException("unknown run '" + run + "': expected outbox or daily");
        };
        Log.work("dispatch", correlation, run, result.toString(), (System.nanoTime() - started) / 1_000_000, Optional.empty());
        return result;
    }

    /** Sends the outbox; each record given up on is logged on its own line, which template.yaml's OutboxParkedMetric counts. */
    private int relayed() {
        var result = relay.relay(LIMIT);
        for (var id : result.parked()) Log.work("dispatch", id, "outbox", "PARKED", 0, Optional.empty());
        return result.sent();
    }
}
