package com.termwise.app;

import com.termwise.app.Changes.Write.ClaimIdempotencyKey;
import com.termwise.app.IdempotencyRecord.StoredResponse;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs every customer, system and operator action of docs/api.md the same way: read the account, let
 * the terms decide, and unless the request is a preview or the decision a refusal, commit the
 * decision's changes in one transaction with the request's Idempotency-Key. A change that raced
 * another (both read the same version) is decided again on what the other left, so two actions
 * at once end in one consistent state. Refunds go to Stripe after the commit that records them.
 */
public final class ActionRunner {

    private static final int ATTEMPTS = 6;
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    /** Who the action is for, and how it was asked. */
    public record Request(String customerId, boolean preview, Optional<IdempotencyRecord.Key> idempotencyKey) {}

    /** What an action decided, and the ids of anything it created. */
    public record Result(Decision decision, Map<String, String> created) {}

    /** A decision and the changes that carry it out, recorded on the {@link Action}. */
    public interface Decide {
        Decision decide(Action action);
    }

    private final Catalogs catalogs;
    private final StateStore store;
    private final RefundSender refunds;
    private final BusinessCalendar calendar;
    private final Ids ids;

    public ActionRunner(Catalogs catalogs, StateStore store, RefundSender refunds, BusinessCalendar calendar, Ids ids) {
        this.catalogs = catalogs;
        this.store = store;
        this.refunds = refunds;
        this.calendar = calendar;
        this.ids = ids;
    }

    /** @param render the response body for a result; a replay returns the first one verbatim */
    public StoredResponse run(Request request, Decide decide, Function<Result, String> render) {
        var previous = request.idempotencyKey().flatMap(k -> store.idempotencyKey(request.customerId(), k.key()));
        if (previous.isPresent()) return replay(previous.get(), request.idempotencyKey().get());
        for (int attempt = 1; ; attempt++) {
            var action = new Action(store.account(request.customerId()), catalogs, calendar.today(), calendar.now(), ids, store::isWithdrawn);
            var decision = decide.decide(action);
            var result = new Result(decision, Map.copyOf(action.created()));
            if (!request.preview() && decision.outcome() == Outcome.REFUSED) throw RequestRefused.byRule(null, decision);
            var response = new StoredResponse(200, render.apply(result));
            if (request.preview()) return response;
            var changes = action.finish();
            request.idempotencyKey().ifPresent(k -> changes.add(new ClaimIdempotencyKey(new IdempotencyRecord(request.customerId(), k.key(),
                    k.requestHash(), decision.outcome().name(), Optional.of(response), calendar.now().plus(KEY_LIFETIME)))));
            try {
                store.commit(changes);
            } catch (StateStore.ConcurrentChange raced) {
                if (attempt == ATTEMPTS) throw raced;
                continue;
            } catch (StateStore.AlreadyApplied sameKey) {
                // the same key arrived twice at once: the other request's response is the answer
                var winner = store.idempotencyKey(request.customerId(), request.idempotencyKey().orElseThrow().key()).orElseThrow(() -> sameKey);
                return replay(winner, request.idempotencyKey().get());
            }
            action.refundsToSend().forEach(refunds::send);
            return response;
        }
    }

    /** Work a schedule does on one customer's account: it records its changes on the {@link Action}, or none. */
    public interface Work {
        void run(Action action);
    }

    /**
     * Runs scheduled work on one account (a renewal ending, a delivery dispatched): read, decide,
     * commit all of it or none, decided again if another change won the race. No Idempotency-Key:
     * the work is a function of the state it finds, so running it twice changes nothing the second time.
     * @return whether anything was written
     */
    public boolean perform(String customerId, Work work) {
        for (int attempt = 1; ; attempt++) {
            var action = new Action(store.account(customerId), catalogs, calendar.today(), calendar.now(), ids, store::isWithdrawn);
            work.run(action);
            var changes = action.finish();
            if (changes.isEmpty()) return false;
            try {
                store.commit(changes);
            } catch (StateStore.ConcurrentChange raced) {
                if (attempt == ATTEMPTS) throw raced;
                continue;
            }
            action.refundsToSend().forEach(refunds::send);
            return true;
        }
    }

    private static StoredResponse replay(IdempotencyRecord record, IdempotencyRecord.Key key) {
        return record.sameRequestAs(key).response()
                .orElseThrow(() -> new StateStore.ConcurrentChange("the first request with this key is still running"));
    }
}
