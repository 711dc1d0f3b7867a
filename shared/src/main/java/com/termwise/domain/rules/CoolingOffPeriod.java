package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.Rule.CancellationPeriod;
import com.termwise.domain.catalog.Rule.PeriodStartsOn;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Apportionment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The right to cancel a purchase within a short period and be refunded: online-courses 10.1/10.2
 * and 12.1, course-provider 19.4.2/19.4.3/19.4.5, meal-plans 8(b)/8(d).
 *
 * <p>Statute is the floor (CCR 2013): where a plan's terms would take away more than the
 * regulations allow, the statutory right applies and the reason cites both. Starting digital
 * content only ends the right after an express request and an acknowledgement (reg 37); a
 * service begun at the customer's request costs a proportionate amount, and a fully performed one
 * ends the right only with that acknowledgement (reg 36); no reason is needed in the first 14 days
 * after the contract (reg 29).
 */
public final class CoolingOffPeriod {

    /** Where a catalog is silent, the statutory period applies: 14 days after the contract day (reg 30). */
    static final CancellationPeriod STATUTORY = new CancellationPeriod(14, PeriodStartsOn.CONTRACT, false, Clause.ccr(30));

    public sealed interface Status {
        List<Reason> reasons();

        /** Cancellable now, with this refund. */
        record Open(Optional<LocalDate> lastDay, Apportionment refund, List<Charge> charges, List<Reason> reasons) implements Status {}

        /** Not cancellable under this right: it ended, or was lost. */
        record Closed(List<Reason> reasons) implements Status {}
    }

    private CoolingOffPeriod() {}

    /** The last day of the period, if it has started running (a first delivery not yet received has not started it). */
    public static Optional<LocalDate> lastDay(PlanTerms terms, PurchaseFacts facts) {
        var period = terms.cancellationPeriod().orElse(STATUTORY);
        return anchor(period.startsOn(), facts).map(start -> start.plusDays(period.days()));
    }

    private static Optional<LocalDate> anchor(PeriodStartsOn startsOn, PurchaseFacts f) {
        return switch (startsOn) {
            case PURCHASE -> Optional.of(f.purchasedOn());
            case CONTRACT -> Optional.of(f.contractDate());
            case DELIVERY -> Optional.of(f.deliveredOn().orElse(f.contractDate()));
            case FIRST_DELIVERY_RECEIVED -> f.firstDeliveryReceivedOn();
        };
    }

    public static Status assess(PlanTerms terms, PurchaseFacts f, LocalDate today, Optional<String> reason) {
        var period = terms.cancellationPeriod().orElse(STATUTORY);
        var lastDay = lastDay(terms, f);
        var reasons = new ArrayList<Reason>();
        if (lastDay.isPresent() && today.isAfter(lastDay.get())) {
            return closed(new Reason("CANCELLATION_PERIOD_ENDED", period.clause(),
                    "The " + period.days() + "-day cancellation period ran up to and including " + CustomerDates.day(lastDay.get()) + "."));
        }
        var statutoryLastDay = f.contractDate().plusDays(STATUTORY.days());
        boolean noReason = reason.map(String::isBlank).orElse(true);
        if (period.reasonRequired() && noReason) {
            if (today.isAfter(statutoryLastDay)) {
                return closed(new Reason("REASON_REQUIRED", period.clause(),
                        "Cancelling this course after " + CustomerDates.day(statutoryLastDay) + " needs a reason."));
            }
            reasons.add(new Reason("NO_REASON_NEEDED", Clause.ccr(29),
                    "Within 14 days of your purchase you can cancel without giving a reason."));
        }

        var refundRule = terms.cancellationRefund();
        var paid = f.paid();
        Apportionment refund = switch (refundRule.map(Rule.CancellationRefund::amount).orElse(Rule.RefundAmount.FULL)) {
            case FULL -> Apportionment.fullRefund(paid);
            // meal-plans 8(d): the price and the standard delivery charge; not a dearer delivery option
            case PAID_LESS_NON_STANDARD_DELIVERY -> Apportionment.deduct(paid, f.deliveryCharge().minus(f.standardDeliveryCharge()));
        };
        var charges = new ArrayList<Charge>();

        var begun = terms.serviceBegun();
        if (begun.isPresent() && f.contentStarted()) {
            var rule = begun.get();
            var statute = Clause.ccr(rule.statuteRegulation());
            var consents = f.consents();
            switch (rule.effect()) {
                case LOSES_RIGHT -> {
                    boolean waived = consents.beginDuringCancellationPeriod() && consents.acknowledgeLossOfCancellationRight();
                    if (waived && consents.confirmedOn().isPresent()) {
                        return new Status.Closed(List.of(new Reason("CONTENT_STARTED", rule.clause(),
                                "You started a course within the cancellation period, so the right to cancel has ended."),
                                new Reason("WAIVER_CONFIRMED", statute, "You asked at checkout for the course to start at once and acknowledged"
                                        + " losing the right to cancel; our confirmation of your order repeated both, by email on "
                                        + CustomerDates.day(consents.confirmedOn().get()) + ".")));
                    }
                    // reg 37(1)(c): the request and the acknowledgement count only once confirmed on a durable medium
                    reasons.add(new Reason("STATUTORY_RIGHT_KEPT", statute, waived
                            ? "You started a course, but we never confirmed to you by email that starting it ends your right to cancel, so the right remains."
                            : "You started a course, but you did not confirm at checkout that starting it ends your right to cancel, so the right remains."));
                }
                case PROPORTIONATE_PAYMENT -> {
                    if (!consents.beginDuringCancellationPeriod()) {
                        reasons.add(new Reason("NOT_REQUESTED_EARLY_START", statute,
                                "You did not ask us to begin within the cancellation period, so nothing is deducted for what was supplied."));
                    } else if (f.fullyPerformed() && consents.acknowledgeLossOfCancellationRight()) {
                        return closed(new Reason("FULLY_PERFORMED", rule.clause(),
                                "The course has been fully provided at your request, so the right to cancel has ended."));
                    } else {
                        int supplied = f.fullyPerformed() ? 100 : f.percentSupplied();
                        // the share supplied is taken from what would otherwise be refunded
                        var share = Apportionment.customerBears(refund.refund(), supplied, 100).deduction();
                        refund = Apportionment.deduct(paid, refund.deduction().plus(share));
                        charges.add(new Charge(Charge.Kind.PROPORTIONATE_PAYMENT, share));
                        reasons.add(new Reason("PROPORTIONATE_PAYMENT", rule.clause(),
                                "You asked us to begin within the cancellation period; " + supplied + "% of the course was supplied, so "
                                        + share.display() + " is deducted."));
                    }
                }
            }
        }
        reasons.addFirst(new Reason("WITHIN_CANCELLATION_PERIOD", period.clause(), lastDay
                .map(d -> "You can cancel up to and including " + CustomerDates.day(d) + " (" + period.days() + " days).")
                .orElse("You can cancel until " + period.days() + " days after your first delivery arrives.")));
        refundRule.ifPresent(r -> reasons.add(new Reason(switch (r.amount()) {
            case FULL -> "FULL_REFUND";
            case PAID_LESS_NON_STANDARD_DELIVERY -> "REFUND_WITH_STANDARD_DELIVERY";
        }, r.clause(), switch (r.amount()) {
            case FULL -> "What you paid is refunded.";
            case PAID_LESS_NON_STANDARD_DELIVERY -> "What you paid for the plan and the standard delivery charge is refunded; please return the meal boxes.";
        })));
        return new Status.Open(lastDay, refund, charges, reasons);
    }

    private static Status closed(Reason reason) {
        return new Status.Closed(List.of(reason));
    }
}
