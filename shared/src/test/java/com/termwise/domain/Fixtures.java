package com.termwise.domain;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.PurchaseFacts;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Subscription;
import com.termwise.domain.subscription.SubscriptionEvent;
import com.termwise.domain.subscription.SubscriptionStateMachine;

import java.time.LocalDate;
import java.util.Optional;

/** Test data built through the real catalogs and the real state machine. */
public final class Fixtures {
    public static final Catalogs CATALOGS = Catalogs.builtIn();
    /** The built-in terms' version: the one every order in these tests is made under. */
    public static final LocalDate TERMS = LocalDate.of(2024, 1, 1);
    public static final Catalog ONLINE = CATALOGS.inForce("online-courses", TERMS).orElseThrow();
    public static final Catalog PROVIDER = CATALOGS.inForce("course-provider", TERMS).orElseThrow();
    public static final Catalog MEALS = CATALOGS.inForce("meal-plans", TERMS).orElseThrow();

    private Fixtures() {}

    public static Plan plan(Catalog catalog, String id) {
        return catalog.plan(id).orElseThrow(() -> new AssertionError("no plan " + id + " in " + catalog.id()));
    }

    /** A subscription whose first payment was taken on {@code paidOn}, activated by the state machine. */
    public static Subscription active(Catalog catalog, String planId, LocalDate paidOn) {
        return active(catalog, planId, paidOn, false);
    }

    /** Bought in one variant of the plan (meal-plans 3(a): weekdays only or all week), at that variant's price. */
    public static Subscription active(Catalog catalog, String planId, LocalDate paidOn, boolean weekendsExcluded) {
        var plan = plan(catalog, planId);
        var price = plan.priceFor(weekendsExcluded);
        var pending = Subscription.written("sub-1", "cust-1", catalog.id(), planId).termsVersion(catalog.version().inForceFrom()).bought(paidOn, paidOn).price(price, Money.zero(price.currency())).build();
        return SubscriptionStateMachine.apply(pending, new SubscriptionEvent.Activated(paidOn,
                RenewalSchedule.firstPeriod(plan.terms(), paidOn), RenewalSchedule.minimumTermEnd(plan.terms(), paidOn), price));
    }

    /** Pays every period up to and including {@code cycle}, as the renew worker would. */
    public static Subscription paidThrough(Plan plan, Subscription s, int cycle) {
        var current = s;
        while (current.cycle() < cycle) {
            var period = current.currentPeriod().orElseThrow();
            var next = new com.termwise.domain.calendar.Period(period.end(), plan.terms().billing().every().after(period.end()));
            boolean renewal = !current.instalmentDueOn(period.end());
            current = SubscriptionStateMachine.apply(current, new SubscriptionEvent.PeriodPaid(current.cycle() + 1, next,
                    current.priceFrom(next.start()), renewal));
        }
        return current;
    }

    public static PurchaseFacts facts(LocalDate purchasedOn, Money paid) {
        return PurchaseFacts.paidOn(purchasedOn, paid);
    }

    public static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    public static Money gbp(long pence) {
        return Money.gbp(pence);
    }
}
