package com.termwise.domain.rules;

import com.termwise.domain.catalog.Plan;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.SubscriptionEvent;

import java.time.LocalDate;
import java.util.List;

/**
 * online-courses 5.1/5.2: an account in breach of the terms may be suspended; 15.5: lifetime
 * access may be revoked. An operator's decision, with the reason recorded.
 */
public final class BreachDecision {

    private BreachDecision() {}

    public static Decision decide(Plan plan, LocalDate today, Requester requester) {
        var zero = Money.zero(plan.price().currency());
        var rule = plan.terms().breach();
        if (rule.isEmpty() || !(requester instanceof Requester.Operator) || requester.reason().filter(r -> !r.isBlank()).isEmpty()) {
            var clause = rule.map(r -> r.clause()).orElse(plan.terms().billing().clause());
            return Decision.refused(today, zero, List.of(new Reason("OPERATOR_DECISION_REQUIRED", clause,
                    "Suspending or revoking access is an operator's decision with a recorded reason.")));
        }
        var why = requester.reason().get().strip();
        return switch (rule.get().action()) {
            case SUSPEND -> Decision.of(Outcome.SUSPENDED, today, zero, List.of(), List.of(new Reason("BREACH_SUSPENSION",
                    rule.get().clause(), "Your account is suspended for a breach of the terms: " + why + ".")));
            case REVOKE -> Decision.of(Outcome.REVOKED, today, zero, List.of(), List.of(new Reason("BREACH_REVOCATION",
                    rule.get().clause(), "Your lifetime access is revoked for a breach of the terms: " + why + ".")));
        };
    }

    /** The state change a breach decision makes. */
    public static SubscriptionEvent event(Decision decision) {
        return switch (decision.outcome()) {
            case SUSPENDED -> new SubscriptionEvent.Suspended(decision.effectiveDate());
            case REVOKED -> new SubscriptionEvent.Revoked(decision.effectiveDate());
            default -> throw new IllegalArgumentException("not a breach decision: " + decision.outcome());
        };
    }
}
