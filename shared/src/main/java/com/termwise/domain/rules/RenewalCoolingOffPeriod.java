package com.termwise.domain.rules;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.Period;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Apportionment;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DMCC 2024 s.264-266: a contract the regime governs gets a fresh cooling-off period after a renewal into a term of 12
 * months or more, and after a free or discounted period rolls into full price. It runs 14 days from the day the customer
 * was told of it (the cooling-off notice, sent when the renewal payment is taken; a late notice moves the window with it).
 * Cancelling inside it ends the contract now, and the customer pays only for the days of the new period they had: the
 * terms' own "no refund after an automatic renewal" (online-courses 10.2) gives way to the statute.
 */
public final class RenewalCoolingOffPeriod {

    private RenewalCoolingOffPeriod() {}

    public enum Cause { LONG_RENEWAL, CONCESSION_ENDED }

    /** The window after the renewal that started {@code period}: told on {@code toldOn}, open up to and including {@code lastDay}. */
    public record Window(Period period, Cause cause, LocalDate toldOn, LocalDate lastDay) {}

    /**
     * The window the current period has, if any. {@code toldOn}: the day the cooling-off notice went out (the renewal
     * payment's day); unknown, the renewal day.
     */
    public static Optional<Window> window(SubscriptionRegime regime, Plan plan, Subscription s, Optional<LocalDate> toldOn) {
        if (!regime.governs(s.contractDate(), plan.terms()) || s.currentPeriod().isEmpty()) return Optional.empty();
        var period = s.currentPeriod().get();
        var rule = regime.renewalCoolingOff();
        Optional<Cause> cause = s.renewals() >= 1 && renewsIntoLongTerm(regime, plan.terms())
                ? Optional.of(Cause.LONG_RENEWAL)
                : s.discounted() && s.cycle() == 2 ? Optional.of(Cause.CONCESSION_ENDED) : Optional.empty();
        return cause.map(c -> {
            var told = toldOn.filter(d -> d.isAfter(period.start())).orElse(period.start());
            return new Window(period, c, told, told.plusDays(rule.days()));
        });
    }

    /** s.264(2): a renewal into a term of at least the regime's months opens a window (an annual plan; not a 28-day one). */
    public static boolean renewsIntoLongTerm(SubscriptionRegime regime, PlanTerms terms) {
        return terms.billing().every().months() >= regime.renewalCoolingOff().minimumRenewalMonths();
    }

    /** The cooling-off notice (s.265): sent the day the renewal is paid, what the right is, until when, and what leaving costs. */
    public static Decision notice(SubscriptionRegime regime, Plan plan, Window w, Money zero) {
        var rule = regime.renewalCoolingOff();
        var reasons = new ArrayList<Reason>();
        reasons.add(new Reason("RENEWAL_COOLING_OFF", rule.clause(), "You have a new right to cancel your " + plan.name() + ": up to and including "
                + CustomerDates.day(w.lastDay()) + ", in one step from Your Account, without giving a reason."));
        reasons.add(new Reason("PROPORTIONATE_REFUND", rule.refund(), "If you cancel, you pay only for the days of this period you had, and the rest is refunded."));
        return Decision.of(Outcome.RENEWS, w.period().start(), zero, List.of(), reasons);
    }

    /** Cancelling inside the window: ended today, the days had paid for, the rest refunded (rounded in the customer's favour). */
    public static Optional<Decision> cancel(SubscriptionRegime regime, Catalog catalog, Plan plan, Subscription s, Optional<LocalDate> toldOn,
                                            LocalDate today) {
        return window(regime, plan, s, toldOn).filter(w -> !today.isBefore(w.period().start()) && !today.isAfter(w.lastDay())).map(w -> {
            var rule = regime.renewalCoolingOff();
            long had = w.period().daysUsedBefore(today);
            long days = w.period().days();
            var split = Apportionment.customerBears(s.paidThisPeriod(), had, days);
            var reasons = new ArrayList<Reason>();
            reasons.add(new Reason("RENEWAL_COOLING_OFF", rule.clause(), (w.cause() == Cause.LONG_RENEWAL
                    ? "Your " + plan.name() + " renewed on " + CustomerDates.day(w.period().start()) + " for " + CustomerDates.period(w.period())
                    : "Your " + plan.name() + " moved to its full price on " + CustomerDates.day(w.period().start()))
                    + "; you may cancel within " + rule.days() + " days of being told, up to and including " + CustomerDates.day(w.lastDay()) + "."));
            reasons.add(new Reason("PROPORTIONATE_REFUND", rule.refund(), "You pay for the " + had + " of " + days + " days you had ("
                    + split.deduction().display() + " of " + split.paid().display() + "); " + split.refund().display() + " is refunded."));
            plan.terms().exclusion(Rule.ExclusionKind.AFTER_AUTO_RENEWAL).ifPresent(e -> reasons.add(new Reason("TERMS_GIVE_WAY", e.clause(),
                    "The terms' rule of no refund after an automatic renewal does not apply to a contract made on or after "
                            + CustomerDates.day(regime.commencement()) + " (" + rule.window() + ").")));
            return RefundDue.attach(catalog, Decision.of(Outcome.CANCELLED_WITH_REFUND, today, split.refund(), List.of(), reasons), today);
        });
    }
}
