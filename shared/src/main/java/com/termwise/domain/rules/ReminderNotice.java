package com.termwise.domain.rules;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.PlanTerms;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The reminder before a renewal payment, owed by the catalog (online-courses 13.1: before each annual renewal) and, for a
 * contract the DMCC regime governs, by statute (s.258-259): before the first full-price payment after a discounted period,
 * and before the first renewal payment in each six-month period from the contract (so before every annual renewal, and
 * twice a year on a pay-monthly plan). One reminder per payment, on the earlier of the days owed; the statute's day is a
 * number of working days before the payment, in Europe/London.
 */
public final class ReminderNotice {

    private ReminderNotice() {}

    public static Optional<LocalDate> sendOn(SubscriptionRegime regime, CatalogRules rules, PlanTerms terms, Subscription s) {
        if (s.state() != SubscriptionState.ACTIVE || !terms.autoRenews()) return Optional.empty();
        return RenewalSchedule.nextRenewalDate(terms, s).flatMap(renewsOn -> Stream.of(
                        catalogs(rules, terms).map(r -> renewsOn.minusDays(r.daysBefore())),
                        owedByStatute(regime, terms, s, renewsOn) ? Optional.of(BusinessCalendar.workingDaysBefore(renewsOn, regime.reminders().workingDaysBefore()))
                                : Optional.<LocalDate>empty())
                .flatMap(Optional::stream).min(LocalDate::compareTo));
    }

    /** What the reminder says about the payment due on {@code renewsOn}, each duty with its clause. */
    public static List<Reason> reasons(SubscriptionRegime regime, CatalogRules rules, Plan plan, Subscription s, LocalDate renewsOn, Money price) {
        var reasons = new ArrayList<Reason>();
        var what = "Your " + plan.name() + " renews automatically on " + CustomerDates.day(renewsOn) + " for " + price.display() + ".";
        catalogs(rules, plan.terms()).ifPresent(r -> reasons.add(new Reason("RENEWAL_REMINDER", r.clause(), what + " You can cancel at any time from your account before then.")));
        if (owedByStatute(regime, plan.terms(), s, renewsOn)) {
            reasons.add(new Reason("REMINDER_NOTICE", regime.reminders().clause(), (reasons.isEmpty() ? what + " " : "")
                    + "To stop it, cancel in one step from Your Account before then; after that you pay " + plan.terms().billing().every().everyInWords()
                    + " until you cancel."));
        }
        plan.terms().exclusion(Rule.ExclusionKind.AFTER_AUTO_RENEWAL).filter(e -> !regime.governs(s.contractDate(), plan.terms()))
                .ifPresent(e -> reasons.add(new Reason("NO_REFUND_AFTER_RENEWAL", e.clause(), "Once it has renewed, the renewal cannot be refunded.")));
        if (regime.governs(s.contractDate(), plan.terms()) && RenewalCoolingOffPeriod.renewsIntoLongTerm(regime, plan.terms())) {
            reasons.add(new Reason("RENEWAL_COOLING_OFF", regime.renewalCoolingOff().clause(), "After it renews you will have "
                    + regime.renewalCoolingOff().days() + " days to cancel, paying only for the days you had."));
        }
        return reasons;
    }

    private static Optional<Rule.RenewalReminder> catalogs(CatalogRules rules, PlanTerms terms) {
        return rules.renewalReminder().filter(r -> r.every() == terms.billing().every());
    }

    /** s.258: the first full-price payment after a concession, and the first renewal payment in each six-month period. */
    static boolean owedByStatute(SubscriptionRegime regime, PlanTerms terms, Subscription s, LocalDate renewsOn) {
        if (!regime.governs(s.contractDate(), terms)) return false;
        if (s.cycle() <= 1) return true; // the first renewal payment of all (after a discounted first period, its first at full price)
        var every = regime.reminders().everyMonths();
        var last = s.currentPeriod().map(p -> p.start()).orElse(s.contractDate());
        return ChronoUnit.MONTHS.between(s.contractDate(), renewsOn) / every > ChronoUnit.MONTHS.between(s.contractDate(), last) / every;
    }
}
