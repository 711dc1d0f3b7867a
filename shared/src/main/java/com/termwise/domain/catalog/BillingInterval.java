package com.termwise.domain.catalog;

import java.time.LocalDate;

/** How often a plan is billed (docs/design.md: P28D, P1Y, one-off, lifetime). */
public enum BillingInterval {
    P28D, P1Y, ONCE, LIFETIME;

    /** How often a recurring payment falls, in a customer's words ("every year"). */
    public String everyInWords() {
        return this == P1Y ? "every year" : "every 28 days";
    }

    /** Whole calendar months in one interval (none in 28 days): DMCC 2024 s.264 measures a renewed term in months. */
    public int months() {
        return this == P1Y ? 12 : 0;
    }

    public boolean recurring() {
        return this == P28D || this == P1Y;
    }

    /** The day after {@code start} by one interval; only for recurring intervals. */
    public LocalDate after(LocalDate start) {
        return switch (this) {
            case P28D -> start.plusDays(28);
            case P1Y -> start.plusYears(1);
            case ONCE, LIFETIME -> throw new IllegalStateException(this + " has no next period");
        };
    }

    /** The first period boundary reached from {@code boundary}, stepping by this interval, that is not before {@code notBefore}. */
    public LocalDate firstOnOrAfter(LocalDate boundary, LocalDate notBefore) {
        var d = boundary;
        while (d.isBefore(notBefore)) d = after(d);
        return d;
    }

    public LocalDate after(LocalDate start, int periods) {
        var d = start;
        for (int i = 0; i < periods; i++) d = after(d);
        return d;
    }
}
