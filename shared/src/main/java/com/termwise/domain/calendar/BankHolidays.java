package com.termwise.domain.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.BitSet;

/**
 * England and Wales bank holidays, 2000 to 2075, from {@code bank-holidays-england-and-wales.txt}:
 * jollyday's UK calendar for subdivision {@code eng} (substitute days and one-off holidays included),
 * written out once so a Lambda reads about 600 dates instead of building JAXB and parsing jollyday's
 * XML at cold start (about 200 ms, docs/benchmarks.md). {@code BankHolidaysTest} checks every day of
 * the range against jollyday and writes the regenerated file when they differ.
 */
public final class BankHolidays {

    public static final int FIRST_YEAR = 2000, LAST_YEAR = 2075;
    public static final String RESOURCE = "bank-holidays-england-and-wales.txt";
    private static final LocalDate FIRST = LocalDate.of(FIRST_YEAR, 1, 1);
    private static final BitSet DAYS = load();

    private BankHolidays() {}

    public static boolean isBankHoliday(LocalDate day) {
        if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("no England and Wales bank holidays known for " + day.getYear()
                    + " (" + FIRST_YEAR + "-" + LAST_YEAR + "; see BankHolidaysTest to extend)");
        }
        return DAYS.get((int) (day.toEpochDay() - FIRST.toEpochDay()));
    }

    private static BitSet load() {
        var days = new BitSet();
        try (var in = BankHolidays.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (var line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                var day = LocalDate.of(Integer.parseInt(line, 0, 4, 10), Integer.parseInt(line, 5, 7, 10), Integer.parseInt(line, 8, 10, 10));
                days.set((int) (day.toEpochDay() - FIRST.toEpochDay()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return days;
    }
}
