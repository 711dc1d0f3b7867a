package com.termwise.domain.rules;

import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.CatalogRules;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When meal boxes go out and what delivering them costs (meal-plans 3(a), 6(c)(v), 7(a)-(c), 7(f)).
 *
 * <ul>
 *   <li>7(c): an order received by the cut-off (12:30) on a working day counts from that day,
 *       otherwise from the next working day, and is dispatched within 3 working days; boxes arrive
 *       the next working day (standard delivery), or on the customer's preferred day after dispatch.</li>
 *   <li>7(a): the first delivery is within 30 days of acceptance.</li>
 *   <li>7(b): later deliveries at 28-day intervals, subject to payment (6(c)(v): withheld when unpaid).</li>
 *   <li>7(f): weekend and public-holiday surcharges, and regional surcharges by postcode.</li>
 * </ul>
 */
public final class DeliverySchedule {

    private DeliverySchedule() {}

    /** The last working day an order received at {@code received} (London time) is dispatched by. */
    public static LocalDate dispatchBy(Rule.DispatchTerms rule, LocalDateTime received) {
        var day = received.toLocalDate();
        boolean countsToday = BusinessCalendar.isWorkingDay(day) && !received.toLocalTime().isAfter(rule.cutoff());
        var start = countsToday ? day : BusinessCalendar.nextWorkingDayOnOrAfter(day.plusDays(1));
        return BusinessCalendar.workingDaysAfter(start, rule.withinWorkingDays());
    }

    /** 7(c): boxes go out the working day before they arrive (DPD's next-working-day service). */
    public static LocalDate dispatchOn(LocalDate arrival) {
        return BusinessCalendar.workingDaysBefore(arrival, 1);
    }

    /**
     * The courier confirms a box within this many working days of its date. Until it does, the 14 days of
     * meal-plans 8(b) have not started; a box still unconfirmed then is raised with an operator.
     */
    public static final int CONFIRMATION_WORKING_DAYS = 3;

    public static LocalDate confirmationDueBy(LocalDate arrival) {
        return BusinessCalendar.workingDaysAfter(arrival, CONFIRMATION_WORKING_DAYS);
    }

    /** The first delivery date: the day after dispatch, or the next preferred weekday; within the 7(a) limit. */
    public static LocalDate firstDelivery(CatalogRules rules, LocalDateTime received, LocalDate acceptedOn,
                                          Optional<DayOfWeek> preferredDay) {
        var dispatched = dispatchBy(rules.dispatch().orElseThrow(), received);
        var earliest = preferredDay.isPresent() ? dispatched.plusDays(1) : BusinessCalendar.workingDaysAfter(dispatched, 1);
        var date = preferredDay.map(d -> nextOnOrAfter(earliest, d)).orElse(earliest);
        var latest = acceptedOn.plusDays(rules.firstDelivery().orElseThrow().withinDays());
        if (date.isAfter(latest)) {
            throw new IllegalStateException("first delivery " + date + " would break meal-plans 7(a) (by " + latest + ")");
        }
        return date;
    }

    /** The delivery for month {@code month} (1-based) when the first arrives on {@code first} and no delay was taken. */
    public static LocalDate deliveryFor(CatalogRules rules, LocalDate first, int month) {
        return first.plusDays((long) rules.deliveryCadence().orElseThrow().everyDays() * (month - 1));
    }

    /** 3(a): days of food a month's boxes hold. */
    public static int foodDays(CatalogRules rules, boolean weekendsExcluded) {
        var rule = rules.foodDays().orElseThrow();
        return weekendsExcluded ? rule.weekendsExcluded() : rule.perMonth();
    }

    /** 6(c)(v), 7(b): a delivery goes out only while its month is paid. */
    public static Optional<Reason> withheld(CatalogRules rules, SubscriptionState state) {
        if (state != SubscriptionState.PAST_DUE) return Optional.empty();
        var clause = rules.dunning().map(Rule.Dunning::clause).orElse(rules.deliveryCadence().orElseThrow().clause());
        return Optional.of(new Reason("DELIVERY_WITHHELD", clause, "This delivery is on hold until the month's payment goes through."));
    }

    /** 7(f): the charges for a delivery on {@code date} to {@code postcode}. */
    public static List<Charge> charges(CatalogRules rules, LocalDate date, String postcode) {
        var table = rules.deliveryCharges().orElseThrow();
        var out = new ArrayList<Charge>();
        out.add(new Charge(Charge.Kind.DELIVERY_CHARGE, table.standard()));
        if (BusinessCalendar.isWeekend(date)) {
            out.add(new Charge(Charge.Kind.WEEKEND_SURCHARGE, table.weekendSurcharge()));
        } else if (BusinessCalendar.isBankHoliday(date)) {
            out.add(new Charge(Charge.Kind.PUBLIC_HOLIDAY_SURCHARGE, table.publicHolidaySurcharge()));
        }
        region(rules, postcode).ifPresent(r -> out.add(new Charge(Charge.Kind.REGIONAL_SURCHARGE, r.surcharge())));
        return out;
    }

    /** Whether this is a full UK postcode (spaces and case aside): where boxes can be delivered at all. */
    public static boolean isUkPostcode(String postcode) {
        return OUTWARD.matcher(normalise(postcode)).matches();
    }

    /** The surcharge region a postcode falls in, by area ("BT") or district range ("PA20-PA49"). */
    public static Optional<Rule.Region> region(CatalogRules rules, String postcode) {
        var outward = OUTWARD.matcher(normalise(postcode));
        if (!outward.matches() || rules.regionalSurcharges().isEmpty()) return Optional.empty();
        var area = outward.group(1);
        int district = Integer.parseInt(outward.group(2));
        return rules.regionalSurcharges().get().regions().stream()
                .filter(region -> region.postcodes().stream().anyMatch(spec -> covers(spec, area, district)))
                .findFirst();
    }

    /** A full UK postcode: area letters, district number (maybe a letter), then the inward code. */
    private static final Pattern OUTWARD = Pattern.compile("([A-Z]{1,2})(\\d{1,2})[A-Z]?\\d[A-Z]{2}");
    private static final Pattern DISTRICT_RANGE = Pattern.compile("([A-Z]{1,2})(\\d{1,2})-\\1(\\d{1,2})");

    /** "BT" covers every BT district; "PA20-PA49" covers PA20 to PA49. */
    private static boolean covers(String spec, String area, int district) {
        var range = DISTRICT_RANGE.matcher(spec);
        if (!range.matches()) return spec.equals(area);
        return range.group(1).equals(area) && district >= Integer.parseInt(range.group(2)) && district <= Integer.parseInt(range.group(3));
    }

    private static String normalise(String postcode) {
        return postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private static LocalDate nextOnOrAfter(LocalDate from, DayOfWeek day) {
        var d = from;
        while (d.getDayOfWeek() != day) d = d.plusDays(1);
        return d;
    }
}
