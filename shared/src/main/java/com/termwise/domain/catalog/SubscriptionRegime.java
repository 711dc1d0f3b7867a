package com.termwise.domain.catalog;

import com.termwise.domain.decision.Clause;

import java.time.LocalDate;

/**
 * The statutory regime for subscription contracts (DMCC 2024 Part 4 Chapter 2), kept as data like a catalog
 * ({@code regimes/dmcc-2024.yaml}): the day it starts and the settings the Act leaves to regulations. It governs a
 * contract made on or after {@link #commencement()} for a plan that renews; every other contract keeps its terms alone.
 */
public record SubscriptionRegime(String act, LocalDate commencement, PreContract preContract, Reminders reminders, Clause easyExit,
                                 EndOfContractNotice endOfContractNotice, RenewalCoolingOff renewalCoolingOff) {

    /** Key pre-contract information (s.256, Schedule 23 Part 1) and the express acknowledgement of the obligation to pay (s.257). */
    public record PreContract(Clause keyInformation, Clause acknowledgement) {}

    /** A reminder notice {@code workingDaysBefore} working days before the payments s.258 names, one each {@code everyMonths}. */
    public record Reminders(int workingDaysBefore, int everyMonths, Clause clause, Clause timing) {}

    /** The notice that a contract is ending: within hours of an online cancellation, within working days of any other. */
    public record EndOfContractNotice(int onlineWithinHours, int otherwiseWorkingDays, Clause clause) {}

    /** A fresh cooling-off period after a renewal into a term of at least {@code minimumRenewalMonths}, or the end of a discount. */
    public record RenewalCoolingOff(int days, int minimumRenewalMonths, Clause clause, Clause window, Clause refund) {}

    private static final class BuiltIn {
        static final SubscriptionRegime DMCC = load("regimes/dmcc-2024.yaml");
    }

    /** The DMCC regime as this build ships it (read once, on first use). */
    public static SubscriptionRegime dmcc() {
        return BuiltIn.DMCC;
    }

    static SubscriptionRegime load(String file) {
        return CatalogLoader.fromClasspath(file, CatalogLoader::regime);
    }

    /** Whether this regime governs a contract made on {@code contractDate} for a plan with these terms (s.254, s.275(3)). */
    public boolean governs(LocalDate contractDate, PlanTerms terms) {
        return !contractDate.isBefore(commencement) && terms.autoRenews();
    }

    /** The regime with another commencement date: a deployment, or a test, that knows the date regulations fixed. */
    public SubscriptionRegime commencingOn(LocalDate day) {
        return new SubscriptionRegime(act, day, preContract, reminders, easyExit, endOfContractNotice, renewalCoolingOff);
    }
}
