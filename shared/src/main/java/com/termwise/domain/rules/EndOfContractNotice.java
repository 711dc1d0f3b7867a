package com.termwise.domain.rules;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;

/**
 * DMCC 2024 s.261: once a customer ends a contract the regime governs, the trader confirms it (the end-of-contract
 * notice): within 24 hours of an online cancellation, within 3 working days of one by post, phone or email. The decision's
 * own mail is that notice; it goes out with the decision (the outbox), and this reason says so and by when at the latest.
 */
public final class EndOfContractNotice {

    private EndOfContractNotice() {}

    /** {@code online}: given from Your Account or the API (not recorded by an operator from a letter, call or email). */
    public static Decision attach(SubscriptionRegime regime, Plan plan, Subscription s, Decision decision, boolean online, LocalDate receivedOn) {
        if (!regime.governs(s.contractDate(), plan.terms())) return decision;
        if (decision.outcome() != Outcome.CANCELLED_WITH_REFUND && decision.outcome() != Outcome.CANCELS_AT_PERIOD_END) return decision;
        var rule = regime.endOfContractNotice();
        var by = online ? "within " + rule.onlineWithinHours() + " hours of your cancellation"
                : "by " + CustomerDates.day(BusinessCalendar.workingDaysAfter(receivedOn, rule.otherwiseWorkingDays()));
        return decision.withReason(new Reason("END_OF_CONTRACT_NOTICE", rule.clause(), "We confirm by email " + by + " that your " + plan.name()
                + (decision.outcome() == Outcome.CANCELLED_WITH_REFUND ? " ends today" : " runs " + CustomerDates.upToAndIncluding(decision.effectiveDate()))
                + ", and that nothing more is taken after that."));
    }
}
