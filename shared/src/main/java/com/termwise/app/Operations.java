package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.rules.PriceChangeSchedule;
import com.termwise.domain.rules.Promotion;
import com.termwise.domain.subscription.ScheduledChange;
import com.termwise.domain.subscription.SubscriptionEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the business does to everyone at once (docs/api.md, {@code admin} group): withdraw a course,
 * change a plan's price, create an offer. Each customer reached is one action of its own,
 * decided by the terms and committed on that customer's account, so running it again after a
 * failure changes only those it had not reached.
 */
public final class Operations {

    /** One customer's share of an operation. */
    public record Reached(String customerId, String resourceId, Decision decision) {}

    private final Catalogs catalogs;
    private final StateStore store;
    private final ActionRunner runner;
    private final BusinessCalendar calendar;

    public Operations(Catalogs catalogs, StateStore store, ActionRunner runner, BusinessCalendar calendar) {
        this.catalogs = catalogs;
        this.store = store;
        this.runner = runner;
        this.calendar = calendar;
    }

    private Catalog catalog(String id, String field) {
        return catalogs.inForce(id, calendar.today()).orElseThrow(() -> RequestRefused.badField(field, "UNKNOWN_CATALOG", "There is no catalog '" + id + "'."));
    }

    /** course-provider 19.5: everyone who bought the course is refunded the part not completed; a member's library loses it (online-courses 11.3). */
    public List<Reached> withdrawCourse(String courseId) {
        var catalog = catalogs.all(calendar.today()).stream().filter(c -> c.course(courseId).isPresent()).findFirst()
                .orElseThrow(() -> RequestRefused.notFound("COURSE_NOT_FOUND", "There is no course '" + courseId + "'."));
        store.withdrawCourse(catalog.id(), courseId, calendar.today()); // first: nobody buys or starts it while the refunds go out
        var reached = new ArrayList<Reached>();
        for (var entry : store.roll(Rolls.course(catalog.id(), courseId))) {
            reached.add(each(entry, action -> {
                var enrolment = action.account().enrolment(entry.memberId()).orElseThrow();
                if (enrolment.orderId().isPresent()) return OrderActions.courseWithdrawn(action, enrolment.id());
                var clause = catalog.rules().courseAvailability().map(r -> r.clause()).orElse(catalog.rules().payment().clause());
                if (!enrolment.inProgressOn(action.today())) return Decision.refused(action.today(), action.zero(),
                        List.of(new Reason("NOT_IN_PROGRESS", clause, "This enrolment had already ended.")));
                action.endAccess(enrolment);
                return Decision.of(Outcome.ENDS, action.today(), action.zero(), List.of(), List.of(new Reason("COURSE_WITHDRAWN_FROM_LIBRARY",
                        clause, "The course has been withdrawn from the library; it no longer counts towards your courses in progress.")));
            }));
        }
        return reached;
    }

    /** online-courses 14.13/14.14, meal-plans 6(c)(ii): each subscriber's notice and the first renewal the new price applies to. */
    /**
     * A price change says what happens to every price the plan has: the plan's price and, where it has one, its
     * weekdays-only price (meal-plans 3(a)). Each subscriber's renewal is charged the new price of their own variant.
     */
    public List<Reached> changePrice(String catalogId, String planId, Money newPrice, Optional<Money> newWeekdaysOnlyPrice,
                                     Optional<LocalDate> noticeSentOn) {
        var catalog = catalog(catalogId, "catalog");
        var plan = catalog.plan(planId).orElseThrow(() -> RequestRefused.badField("plan", "UNKNOWN_PLAN", "There is no plan '" + planId + "' in " + catalogId + "."));
        checkPrice(catalog, "newPrice", newPrice);
        newWeekdaysOnlyPrice.ifPresent(p -> checkPrice(catalog, "newWeekdaysOnlyPrice", p));
        if (plan.weekdaysOnlyPrice().isPresent() && newWeekdaysOnlyPrice.isEmpty()) {
            throw RequestRefused.badField("newWeekdaysOnlyPrice", "MISSING_FIELD", plan.name() + " also has a weekdays-only price ("
                    + plan.weekdaysOnlyPrice().get().display() + "): say its new price too, or its subscribers would pay the 7-day price.");
        }
        if (plan.weekdaysOnlyPrice().isEmpty() && newWeekdaysOnlyPrice.isPresent()) {
            throw RequestRefused.badField("newWeekdaysOnlyPrice", "INVALID_FIELD", plan.name() + " has no weekdays-only price.");
        }
        var sent = noticeSentOn.orElse(calendar.today());
        if (sent.isBefore(calendar.today())) throw RequestRefused.badField("noticeSentOn", "INVALID_FIELD", "A notice cannot have been sent in the past.");
        if (sent.isAfter(calendar.today().plusYears(1))) {
            throw RequestRefused.badField("noticeSentOn", "OUT_OF_RANGE", "A price-change notice is sent within a year from today.");
        }
        var reached = new ArrayList<Reached>();
        for (var entry : store.roll(Rolls.plan(catalogId, planId))) {
            reached.add(each(entry, action -> {
                var s = action.account().subscription(entry.memberId()).orElseThrow();
                if (!s.state().live() || !s.planId().equals(planId)) {
                    return Decision.refused(action.today(), action.zero(), List.of(new Reason("NOT_ON_PLAN", plan.terms().billing().clause(),
                            "This subscription no longer renews on " + plan.name() + ".")));
                }
                var theirs = action.account().purchaseOf(s).weekendsExcluded() ? newWeekdaysOnlyPrice.orElse(newPrice) : newPrice;
                var decision = PriceChangeSchedule.forSubscriber(plan, s, theirs, sent);
                if (decision.outcome() != Outcome.PRICE_CHANGE_SCHEDULED) return decision;
                var change = new ScheduledChange(ScheduledChange.Kind.PRICE_CHANGE, decision.effectiveDate(), planId, theirs.amount());
                if (s.scheduledChanges().contains(change)) return decision; // told before: once is enough
                action.apply(s, new SubscriptionEvent.ChangeScheduled(change));
                action.mail("price-change-notice", "A new price for " + plan.name() + " from " + CustomerDates.day(decision.effectiveDate()),
                        "We are changing the price of " + plan.name() + ".", decision);
                return decision;
            }));
        }
        return reached;
    }

    private static void checkPrice(com.termwise.domain.catalog.Catalog catalog, String field, Money price) {
        if (!price.currency().equals(catalog.currency()) || !price.isPositive()) {
            throw RequestRefused.badField(field, "INVALID_FIELD", "The new price must be a positive amount in " + catalog.currency() + ".");
        }
    }

    /** An offer runs for at most a year (openapi.yaml: validDays). */
    static final int MAX_OFFER_DAYS = 366;

    /** {@code validDays} as sent, never narrowed: 4294967297 days is refused, not read as 1. */
    public Promotion createPromotion(String catalogId, String code, int percentOff, Optional<Long> validDays) {
        var catalog = catalog(catalogId, "catalog");
        if (!code.matches("[A-Z0-9-]{3,32}")) throw RequestRefused.badField("code", "INVALID_FIELD", "An offer code is 3 to 32 capital letters, digits or dashes.");
        if (percentOff < 1 || percentOff > 100) throw RequestRefused.badField("percentOff", "INVALID_FIELD", "'percentOff' is 1 to 100.");
        if (validDays.filter(d -> d < 1 || d > MAX_OFFER_DAYS).isPresent()) {
            throw RequestRefused.badField("validDays", "INVALID_FIELD", "'validDays' is 1 to " + MAX_OFFER_DAYS + ".");
        }
        var promotion = Promotion.create(catalog, code, percentOff, validDays.map(Long::intValue), Optional.empty(), calendar.today());
        try {
            store.createPromotion(promotion);
        } catch (StateStore.AlreadyApplied exists) {
            throw new RequestRefused(409, "PROMOTION_EXISTS", "There is already an offer " + code + " in " + catalogId + ".", Optional.of("code"), Optional.empty());
        }
        return promotion;
    }

    private Reached each(Changes.Write.RollEntry entry, ActionRunner.Decide decide) {
        var decided = new Decision[1];
        try {
            runner.run(new ActionRunner.Request(entry.customerId(), false, Optional.empty()), action -> decided[0] = decide.decide(action), r -> "");
        } catch (RequestRefused refused) {
            // a refusal for one customer is that customer's answer, not the operation's failure
        }
        return new Reached(entry.customerId(), entry.memberId(), decided[0]);
    }
}
