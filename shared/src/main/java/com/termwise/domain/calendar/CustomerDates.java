package com.termwise.domain.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as a customer reads them, one way everywhere they read (mails, reasons, the account page):
 * "Tuesday 5 May 2026". Periods and ends are half-open in the API ({@code end} is the first day not
 * covered); in words a customer sees the last day covered, "up to and including" it.
 */
public final class CustomerDates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.UK);

    private CustomerDates() {}

    /** "Tuesday 5 May 2026". */
    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** The last day before a half-open end: "up to and including Monday 4 May 2026" for an end of 5 May. */
    public static String upToAndIncluding(LocalDate exclusiveEnd) {
        return "up to and including " + day(exclusiveEnd.minusDays(1));
    }

    /** A half-open period: "from Tuesday 5 May 2026 up to and including Monday 1 June 2026". */
    public static String period(Period period) {
        return "from " + day(period.start()) + " " + upToAndIncluding(period.end());
    }
}
