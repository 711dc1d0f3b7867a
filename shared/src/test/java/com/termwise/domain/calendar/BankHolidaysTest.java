package com.termwise.domain.calendar;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped table against its source, jollyday's UK calendar for England (subdivision eng), every day of the range. */
class BankHolidaysTest {

    @Test
    void theTableIsJollydaysEnglandAndWalesCalendarOnEveryDay() throws Exception {
        var jollyday = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));
        var expected = new ArrayList<String>();
        expected.add("# England and Wales bank holidays " + BankHolidays.FIRST_YEAR + "-" + BankHolidays.LAST_YEAR
                + ", generated from jollyday (UNITED_KINGDOM, subdivision eng) by BankHolidaysTest");
        var mismatches = new ArrayList<LocalDate>();
        for (var day = LocalDate.of(BankHolidays.FIRST_YEAR, 1, 1); day.getYear() <= BankHolidays.LAST_YEAR; day = day.plusDays(1)) {
            boolean holiday = jollyday.isHoliday(day, "eng");
            if (holiday) expected.add(day.toString());
            if (holiday != BankHolidays.isBankHoliday(day)) mismatches.add(day);
        }
        if (!mismatches.isEmpty()) {
            var regenerated = Path.of("target", BankHolidays.RESOURCE);
            Files.write(regenerated, expected);
            throw new AssertionError(mismatches.size() + " days differ from jollyday (first " + mismatches.getFirst() + "); copy "
                    + regenerated.toAbsolutePath() + " to src/main/resources/com/termwise/domain/calendar/");
        }
    }

    @Test
    void knownDays() {
        assertTrue(BankHolidays.isBankHoliday(LocalDate.of(2026, 4, 3)), "Good Friday 2026");
        assertTrue(BankHolidays.isBankHoliday(LocalDate.of(2026, 12, 28)), "Boxing Day 2026 substitute (Saturday 26th)");
        assertTrue(BankHolidays.isBankHoliday(LocalDate.of(2023, 5, 8)), "the coronation, a one-off");
        assertFalse(BankHolidays.isBankHoliday(LocalDate.of(2026, 1, 2)), "2 January is Scotland's only");
        assertEquals("no England and Wales bank holidays known for 2076 (2000-2075; see BankHolidaysTest to extend)",
                assertThrows(IllegalArgumentException.class, () -> BankHolidays.isBankHoliday(LocalDate.of(2076, 1, 1))).getMessage());
    }
}
