package com.termwise.domain;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.money.Apportionment;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.NoticeDeadline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.termwise.domain.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class BusinessCalendarTest {

    @Test
    void england_and_wales_bank_holidays_with_substitute_days() {
        assertTrue(BusinessCalendar.isBankHoliday(d("2026-04-06")), "Easter Monday (not a Scottish holiday)");
        assertTrue(BusinessCalendar.isBankHoliday(d("2026-08-31")), "Summer bank holiday, last Monday of August");
        assertFalse(BusinessCalendar.isBankHoliday(d("2026-08-03")), "Scotland's August holiday is not England's");
        assertFalse(BusinessCalendar.isBankHoliday(d("2027-01-04")), "2 January is Scottish only");
        assertTrue(BusinessCalendar.isBankHoliday(d("2026-12-28")), "Boxing Day falls on a Saturday: substitute Monday");
        assertTrue(BusinessCalendar.isBankHoliday(d("2027-12-27")) && BusinessCalendar.isBankHoliday(d("2027-12-28")), "Christmas on a weekend");
        assertTrue(BusinessCalendar.isBankHoliday(d("2020-05-08")), "VE Day moved the early May holiday");
    }

    @Test
    void notice_deadline_counts_back_working_days_as_in_the_contract_example() {
        assertEquals(d("2026-03-23"), NoticeDeadline.before(d("2026-03-30"), 5));
        assertEquals(d("2026-12-18"), NoticeDeadline.before(d("2026-12-29"), 5), "Christmas and the Boxing Day substitute are skipped");
    }

    @Test
    void today_is_the_london_date() {
        // 23:30 UTC on 30 June is already 1 July in London (BST)
        var clock = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);
        assertEquals(d("2026-07-01"), new BusinessCalendar(clock).today());
        var winter = Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC);
        assertEquals(d("2026-12-31"), new BusinessCalendar(winter).today());
    }

    @Test
    void pro_rata_rounds_the_customers_share_down_and_refund_plus_deduction_is_what_was_paid() {
        var split = Apportionment.customerBears(Money.gbp(1000), 1, 3);
        assertEquals(Money.gbp(333), split.deduction());
        assertEquals(Money.gbp(667), split.refund());
        assertEquals(Money.gbp(667), Apportionment.refundUnused(Money.gbp(1000), 2, 3).refund());
        assertThrows(IllegalArgumentException.class, () -> Money.gbp(1).plus(Money.of(1, java.util.Currency.getInstance("EUR"))));
        assertEquals("£149.00", Money.gbp(14900).display());
    }
}
