package com.termwise.domain.rules;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.Rule.RefundExclusion;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Apportionment;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a refund request gets (docs/api.md {@code POST /v1/orders/{id}/refund}).
 *
 * <ol>
 *   <li>Inside the cancellation period the {@link CoolingOffPeriod} decides, and the statutory
 *       right is not taken away by a discount or promotion (CCR 2013 reg 29).</li>
 *   <li>Outside it, the plan's refund exclusions apply: after an automatic renewal
 *       (online-courses 10.2), a discounted or promotional purchase (11.4, 15.1, 15.3), 50% or
 *       more of two or more courses completed (11.5, 15.4), a partial period (14.16).</li>
 *   <li>Otherwise a refund is only for reasonable cause, decided by an operator who records the
 *       reason (14.17).</li>
 * </ol>
 */
public final class RefundQuote {

    private RefundQuote() {}

    public static Decision quote(Catalog catalog, Plan plan, PurchaseFacts facts, LocalDate today, Requester requester) {
        var terms = plan.terms();
        var cooling = CoolingOffPeriod.assess(terms, facts, today, requester.reason());
        var zero = Money.zero(facts.paid().currency());
        if (cooling instanceof CoolingOffPeriod.Status.Open open) {
            var reasons = new ArrayList<>(open.reasons());
            for (var exclusion : exclusionsThatWouldApply(terms.refundExclusions(), facts)) {
                if (exclusion.when() == Rule.ExclusionKind.DISCOUNTED_PURCHASE || exclusion.when() == Rule.ExclusionKind.PROMOTIONAL_PURCHASE) {
                    reasons.add(new Reason("STATUTORY_RIGHT_OVERRIDES_EXCLUSION", Clause.ccr(29),
                            "Clause " + exclusion.clause() + " does not take away your legal right to cancel within the cancellation period."));
                }
            }
            return refundDecision(catalog, open.refund(), open.charges(), reasons, today);
        }
        var reasons = new ArrayList<>(cooling.reasons());
        reasons.addAll(exclusionReasons(terms.refundExclusions(), facts));
        if (requester instanceof Requester.Operator operator) {
            var cause = terms.reasonableCauseRefund();
            if (cause.isPresent() && operator.reason().filter(r -> !r.isBlank()).isPresent()) {
                return refundDecision(catalog, Apportionment.fullRefund(facts.paid()), List.of(), List.of(
                        new Reason("REASONABLE_CAUSE", cause.get().clause(),
                                "Refunded for reasonable cause, recorded by our team: " + operator.reason().get().strip())), today);
            }
            cause.ifPresent(c -> reasons.add(new Reason("RECORDED_REASON_REQUIRED", c.clause(),
                    "A refund for reasonable cause needs the operator's recorded reason.")));
        } else {
            terms.reasonableCauseRefund().ifPresent(c -> reasons.add(new Reason("REFUND_ONLY_FOR_REASONABLE_CAUSE", c.clause(),
                    "Outside the cancellation period a refund is only given for a reasonable cause, such as incorrect content or pricing; contact us and we will review it.")));
        }
        return Decision.refused(today, zero, reasons);
    }

    static Decision refundDecision(Catalog catalog, Apportionment money, List<com.termwise.domain.decision.Charge> charges,
                                   List<Reason> reasons, LocalDate today) {
        var outcome = money.deduction().isZero() ? Outcome.REFUNDED : Outcome.PARTIALLY_REFUNDED;
        return RefundDue.attach(catalog, Decision.of(outcome, today, money.refund(), charges, reasons), today);
    }

    private static List<RefundExclusion> exclusionsThatWouldApply(List<RefundExclusion> exclusions, PurchaseFacts f) {
        return exclusions.stream().filter(e -> switch (e.when()) {
            case AFTER_AUTO_RENEWAL -> f.renewals() > 0;
            case DISCOUNTED_PURCHASE -> f.discounted();
            case PROMOTIONAL_PURCHASE -> f.promotional();
            case COURSES_HALF_COMPLETED -> f.coursesAtLeast(e.percent()) >= e.minCourses();
            case PARTIAL_PERIOD -> true;
        }).toList();
    }

    /** The reasons the plan's exclusions give against a refund outside the cancellation period. */
    static List<Reason> exclusionReasons(List<RefundExclusion> exclusions, PurchaseFacts f) {
        return exclusionsThatWouldApply(exclusions, f).stream().map(e -> switch (e.when()) {
            case AFTER_AUTO_RENEWAL -> new Reason("RENEWED_NOT_REFUNDABLE", e.clause(),
                    "Your subscription renewed automatically, and a renewed subscription is not refundable.");
            case DISCOUNTED_PURCHASE -> new Reason("DISCOUNTED_NOT_REFUNDABLE", e.clause(),
                    "It was bought at a discounted price, which is not refundable.");
            case PROMOTIONAL_PURCHASE -> new Reason("PROMOTIONAL_NOT_REFUNDABLE", e.clause(),
                    "It was bought in a promotional campaign, which is not refundable.");
            case COURSES_HALF_COMPLETED -> new Reason("COURSES_HALF_COMPLETED", e.clause(),
                    "You have completed " + e.percent() + "% or more of " + f.coursesAtLeast(e.percent()) + " courses, which ends the right to a refund.");
            case PARTIAL_PERIOD -> new Reason("NO_PARTIAL_PERIOD_REFUND", e.clause(),
                    "Refunds are not given for part of a membership period.");
        }).toList();
    }
}
