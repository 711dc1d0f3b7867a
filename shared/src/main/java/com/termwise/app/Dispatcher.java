package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Enrolment;
import com.termwise.domain.subscription.SubscriptionState;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The daily dispatch run (docs/design.md: triggers): meal boxes out to the courier on their dispatch day
 * when their month is paid, the scheduled notices, access windows that end, accounts to anonymise,
 * and refunds Stripe has not accepted yet (flagged when their deadline is near; the refund function's
 * schedule sends them, so dispatch never calls Stripe). Each kind is read
 * from the due index and each item is leased first, so two runs never do one item twice; an item
 * whose work is not yet possible (a box whose month is unpaid) falls due again when the lease ends.
 */
public final class Dispatcher {

    /** Long enough that an item left as it was is looked at again by the next daily run, not this one. */
    static final Duration LEASE = Duration.ofHours(20);
    /** A refund Stripe has not accepted this close to its deadline is flagged for a person (CCR 2013 reg 34, course-provider 19.6). */
    static final int REFUND_AT_RISK_DAYS = 3;

    public record Report(int dispatched, int withheld, int notices, int accessEnded, int anonymised, int refundsAtRisk, List<String> unconfirmed) {}

    private final StateStore store;
    private final ActionRunner actions;
    private final BusinessCalendar calendar;

    public Dispatcher(StateStore store, ActionRunner actions, BusinessCalendar calendar) {
        this.store = store;
        this.actions = actions;
        this.calendar = calendar;
    }

    public Report daily(int limit) {
        int[] counts = new int[6];
        var unconfirmed = new java.util.ArrayList<String>();
        each(DueWork.DELIVERY, limit, (a, id) -> delivery(a, id, counts, unconfirmed));
        each(DueWork.NOTICE, limit, (a, id) -> { if (notice(a, id)) counts[2]++; });
        each(DueWork.ACCESS, limit, (a, id) -> { if (accessEnded(a, id)) counts[3]++; });
        each(DueWork.ANONYMISE, limit, (a, id) -> { if (anonymise(a)) counts[4]++; });
        var waiting = store.due(DueWork.REFUND, calendar.now().toString(), limit);
        for (var due : waiting) actions.perform(due.customerId(), a -> counts[5] += refundsAtRisk(a, due.id()));
        return new Report(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], List.copyOf(unconfirmed));
    }

    private interface ItemWork {
        void run(Action action, String id);
    }

    private void each(DueWork work, int limit, ItemWork itemWork) {
        var now = calendar.now();
        for (var due : store.due(work, now.toString(), limit)) {
            if (!store.lease(due, now.plus(LEASE))) continue; // another run has it
            actions.perform(due.customerId(), a -> itemWork.run(a, due.id()));
        }
    }

    /** meal-plans 7(b), 7(c), 6(c)(v): out on a working day if its month is paid; held while the payment is failing. */
    private void delivery(Action a, String id, int[] counts, List<String> unconfirmed) {
        var subscriptionId = id.substring(0, id.lastIndexOf('#'));
        int month = Integer.parseInt(id.substring(id.lastIndexOf('#') + 1));
        var box = a.account().delivery(subscriptionId, month);
        if (box.filter(d -> d.state() == Delivery.State.DISPATCHED).isPresent()) {
            unconfirmed(a, box.get()).ifPresent(unconfirmed::add);
            return;
        }
        var found = box.filter(d -> d.state() == Delivery.State.SCHEDULED);
        var subscription = a.account().subscription(subscriptionId);
        if (found.isEmpty() || subscription.isEmpty() || !BusinessCalendar.isWorkingDay(a.today())) return;
        var d = found.get();
        var s = subscription.get();
        var rules = a.catalog(s).rules();
        if (s.cycle() >= month) {
            a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Dispatched()));
            var address = a.account().purchaseOf(s).delivery().orElseThrow();
            a.event(s.customerId(), "DeliveryDispatched", "deliveryId", d.id(), "customerId", s.customerId(), "subscriptionId", s.id(),
                    "month", Integer.toString(month), "deliveryDate", d.scheduledDate().toString(), "dispatchedOn", a.today().toString(),
                    "line1", address.line1(), "line2", address.line2().orElse(""), "city", address.city(), "postcode", address.postcode(),
                    "charges", d.charges().stream().map(c -> c.kind() + "=" + c.amount().amount()).reduce((x, y) -> x + "," + y).orElse(""));
            counts[0]++;
        } else if (!s.state().live()) {
            a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Cancelled()));
        } else if (DeliverySchedule.withheld(rules, s.state()).isPresent()) {
            a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Withheld())); // goes out once the month is paid (RenewalOutcomes)
            counts[1]++;
        }
        // otherwise the month's renewal has not run yet: looked at again when the lease ends
    }

    /**
     * meal-plans 8(b): the customer's 14 days run from the day the box arrives, which the courier reports. A box still
     * not reported by its confirmation day is raised with an operator (the event, and the dispatch function's log line
     * template.yaml alarms on) and shown as UNCONFIRMED on the account, rather than leave the window open for months.
     */
    private Optional<String> unconfirmed(Action a, Delivery d) {
        var dueBy = DeliverySchedule.confirmationDueBy(d.scheduledDate());
        if (a.today().isBefore(dueBy)) return Optional.empty();
        a.put(DeliveryStateMachine.apply(d, new DeliveryStateMachine.Event.Unconfirmed()));
        a.event(d.customerId(), "DeliveryUnconfirmed", "deliveryId", d.id(), "customerId", d.customerId(), "subscriptionId", d.subscriptionId(),
                "month", Integer.toString(d.month()), "deliveryDate", d.scheduledDate().toString(), "confirmationDueBy", dueBy.toString());
        return Optional.of(d.id());
    }

    /** A reminder goes out only if what it announces still stands; otherwise it is dropped. */
    private boolean notice(Action a, String id) {
        var found = a.account().notice(id).filter(n -> n.state() == Notice.State.SCHEDULED);
        if (found.isEmpty()) return false;
        var notice = found.get();
        var s = a.account().subscription(notice.subscriptionId());
        boolean stands = switch (notice.kind()) {
            case RENEWAL_REMINDER -> s.filter(sub -> sub.state() == SubscriptionState.ACTIVE).flatMap(sub ->
                    RenewalSchedule.nextRenewalDate(a.plan(sub, sub.planId()).terms(), sub)).equals(Optional.of(notice.about()));
        };
        a.changes().add(new Changes.Write.PutNotice(notice.withState(stands ? Notice.State.SENT : Notice.State.DROPPED)));
        if (!stands) return false;
        var sub = s.orElseThrow();
        var catalog = a.catalog(sub);
        var plan = a.plan(sub, sub.planId());
        var price = sub.priceFrom(notice.about());
        var reasons = com.termwise.domain.rules.ReminderNotice.reasons(a.regime(), catalog.rules(), plan, sub, notice.about(), price);
        a.mail("renewal-reminder", "Your " + plan.name() + " renews on " + CustomerDates.day(notice.about()), "A reminder about your " + plan.name() + ".",
                Decision.of(Outcome.RENEWS, notice.about(), a.zero(), List.of(), reasons));
        return true;
    }

    /** course-provider 4.3, online-courses 13.2: the customer is told the day access ends; the account is then watched for inactivity. */
    private boolean accessEnded(Action a, String enrolmentId) {
        var found = a.account().enrolment(enrolmentId).filter(e -> e.accessEndsOn().map(d -> !d.isAfter(a.today())).orElse(false));
        if (found.isEmpty()) return false;
        var e = found.get();
        a.changes().add(new Changes.Write.PutEnrolment(e, e.version(), Optional.empty()));
        var source = e.orderId().flatMap(a.account()::purchase).or(() -> e.subscriptionId().flatMap(id -> a.account().subscription(id))
                .map(a.account()::purchaseOf));
        if (source.isEmpty()) return false;
        var catalog = a.catalog(source.get().order());
        var title = catalog.course(e.courseId()).map(c -> c.title()).orElse(e.courseId());
        var clause = catalog.plan(source.get().order().planId()).flatMap(p -> p.terms().access()).map(r -> r.clause())
                .orElse(catalog.rules().payment().clause());
        a.mail("access-ended", "Your access to " + title + " has ended", "Your access to " + title + " ran " + CustomerDates.upToAndIncluding(e.accessEndsOn().get()) + ".",
                Decision.of(Outcome.ENDS, e.accessEndsOn().get(), com.termwise.domain.money.Money.zero(catalog.currency()), List.of(),
                        List.of(new Reason("ACCESS_ENDED", clause, "Access to a course lasts for the time your terms give; you can buy it again at any time."))));
        a.event(e.customerId(), "AccessEnded", "enrolmentId", e.id(), "customerId", e.customerId(), "courseId", e.courseId());
        catalog.rules().inactivity().ifPresent(rule -> watchForInactivity(a, rule.after()));
        return true;
    }

    private static void watchForInactivity(Action a, java.time.Period after) {
        var profile = a.account().profile().orElseThrow();
        var lastAccess = lastAccess(a.account(), a.today());
        a.changes().add(new Changes.Write.PutProfile(profile, profile.version(), Optional.of(Changes.Due.on(DueWork.ANONYMISE, lastAccess.plus(after)))));
    }

    /** The last day the customer had any access: today if something is still open. */
    private static LocalDate lastAccess(CustomerAccount account, LocalDate today) {
        if (account.subscriptions().stream().anyMatch(s -> s.state().live())) return today;
        return account.enrolments().stream().map(e -> e.accessEndsOn().orElse(today)).max(LocalDate::compareTo).orElse(today);
    }

    /**
     * course-provider 4.3: an account with no access to a course for 12 months is closed and its
     * personal data anonymised; the ledger (money moved, for the accounts) is kept.
     */
    private boolean anonymise(Action a) {
        var profile = a.account().profile();
        if (profile.isEmpty() || profile.get().anonymised()) return false;
        var rule = a.account().purchases().stream().flatMap(p -> a.catalog(p.order()).rules().inactivity().stream()).findFirst();
        if (rule.isEmpty()) return false;
        var closeOn = lastAccess(a.account(), a.today()).plus(rule.get().after());
        if (closeOn.isAfter(a.today())) {
            a.changes().add(new Changes.Write.PutProfile(profile.get(), profile.get().version(), Optional.of(Changes.Due.on(DueWork.ANONYMISE, closeOn))));
            return false;
        }
        a.changes().add(new Changes.Write.PutProfile(profile.get().anonymisedCopy(), profile.get().version()));
        for (var purchase : a.account().purchases()) {
            if (purchase.delivery().isPresent()) a.put(purchase, a.current(purchase).withoutAddress());
        }
        a.event(profile.get().id(), "AccountAnonymised", "customerId", profile.get().id(), "clause", rule.get().clause().toString());
        return true;
    }

    /** Refunds still not accepted by Stripe near their deadline: an event for the operations team, each day until sent. */
    private int refundsAtRisk(Action a, String orderId) {
        var purchase = a.account().purchase(orderId);
        if (purchase.isEmpty()) return 0;
        int atRisk = 0;
        for (var refund : purchase.get().refunds()) {
            if (refund.state() != Refund.State.REQUESTED || refund.dueBy().minusDays(REFUND_AT_RISK_DAYS).isAfter(a.today())) continue;
            a.event(purchase.get().customerId(), "RefundDeadlineAtRisk", "orderId", orderId, "refundId", refund.id(),
                    "amount", Long.toString(refund.amount().amount()), "dueBy", refund.dueBy().toString(), "clause", refund.clause());
            atRisk++;
        }
        return atRisk;
    }
}
