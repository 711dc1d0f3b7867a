package com.termwise.domain.catalog;

import java.util.List;
import java.util.Optional;

/** The rules of one plan (or of single-course purchases of one kind). Only billing is required. */
public record PlanTerms(
        Rule.Billing billing,
        Optional<Rule.MinimumTerm> minimumTerm,
        Optional<Rule.AutoRenewal> renewal,
        Optional<Rule.CancelAtPeriodEnd> cancelAtPeriodEnd,
        Optional<Rule.CancellationPeriod> cancellationPeriod,
        Optional<Rule.ServiceBegun> serviceBegun,
        Optional<Rule.CancellationRefund> cancellationRefund,
        List<Rule.RefundExclusion> refundExclusions,
        Optional<Rule.ReasonableCauseRefund> reasonableCauseRefund,
        Optional<Rule.Access> access,
        Optional<Rule.CourseCap> courseCap,
        Optional<Rule.Coverage> coverage,
        Optional<Rule.NoEnrolmentAfterCancelling> noEnrolmentAfterCancelling,
        Optional<Rule.Pause> pause,
        Optional<Rule.PlanChange> planChange,
        Optional<Rule.PriceChangeNotice> priceChange,
        Optional<Rule.Rejoin> rejoin,
        Optional<Rule.Breach> breach,
        Optional<Rule.BusinessTermination> businessTermination,
        Optional<Rule.GoodwillCancellation> goodwillCancellation) {

    public PlanTerms {
        refundExclusions = List.copyOf(refundExclusions);
    }

    public boolean autoRenews() {
        return renewal.isPresent();
    }

    /** Every rule of the plan that is present, in declaration order, refund exclusions last. */
    public List<Rule> rules() {
        var present = java.util.stream.Stream.of(Optional.of(billing), minimumTerm, renewal, cancelAtPeriodEnd, cancellationPeriod,
                        serviceBegun, cancellationRefund, reasonableCauseRefund, access, courseCap, coverage, noEnrolmentAfterCancelling,
                        pause, planChange, priceChange, rejoin, breach, businessTermination, goodwillCancellation)
                .flatMap(Optional::stream).map(Rule.class::cast);
        return java.util.stream.Stream.concat(present, refundExclusions.stream()).toList();
    }

    public Optional<Rule.RefundExclusion> exclusion(Rule.ExclusionKind kind) {
        return refundExclusions.stream().filter(e -> e.when() == kind).findFirst();
    }
}
