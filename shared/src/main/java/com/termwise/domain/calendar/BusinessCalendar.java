package com.termwise.domain.calendar;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * England and Wales working days and the Europe/London calendar every deadline is computed in.
 *
 * <p>Bank holidays are {@link BankHolidays}: jollyday's UK calendar for subdivision {@code eng}
 * (England; Wales shares its bank holidays), with substitute days and one-off holidays. UK rules
 * differ by subdivision (Scotland has 2 January and an earlier August holiday), so the subdivision
 * is explicit.
 */
public final class BusinessCalendar {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Clock clock;

    public BusinessCalendar(Clock clock) {
        this.clock = clock;
    }

    /** The calendar date in London now: "today" for every rule. */
    public java.time.Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(LONDON));
    }

    public static boolean isBankHoliday(LocalDate day) {
        return BankHolidays.isBankHoliday(day);
    }

    public static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    public static boolean isWorkingDay(LocalDate day) {
        return !isWeekend(day) && !isBankHoliday(day);
    }

    /** The working day {@code n} working days before {@code day} (n >= 1): a notice deadline. */
    public static LocalDate workingDaysBefore(LocalDate day, int n) {
        return walkWorkingDays(day, n, -1);
    }

    /** The working day {@code n} working days after {@code day} (n >= 1). */
    public static LocalDate workingDaysAfter(LocalDate day, int n) {
        return walkWorkingDays(day, n, 1);
    }

    private static LocalDate walkWorkingDays(LocalDate day, int n, int step) {
        var d = day;
        for (int counted = 0; counted < n; ) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) counted++;
        }
        return d;
    }

    /** Working days in the half-open range [from, to). */
    public static int workingDaysBetween(LocalDate from, LocalDate to) {
        int n = 0;
        for (var d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) n++;
        }
        return n;
    }

    public static LocalDate nextWorkingDayOnOrAfter(LocalDate day) {
        var d = day;
        while (!isWorkingDay(d)) d = d.plusDays(1);
        return d;
    }
}
