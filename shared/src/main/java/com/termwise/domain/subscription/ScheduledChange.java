package com.termwise.domain.subscription;

import java.time.LocalDate;

/** A change that takes effect later: a plan switch at period end (online-courses 14.10), or a new price (14.14, meal-plans 6(c)(ii)). */
public record ScheduledChange(Kind kind, LocalDate effectiveDate, String planId, long newPriceMinor) {
    public enum Kind { PLAN_CHANGE, PRICE_CHANGE }
}
