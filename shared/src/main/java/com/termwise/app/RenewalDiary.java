package com.termwise.app;

import com.termwise.app.Changes.Due;
import com.termwise.app.Changes.Write.PutNotice;
import com.termwise.app.Changes.Write.PutSubscription;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.rules.ReminderNotice;
import com.termwise.domain.rules.RenewalSchedule;
import com.termwise.domain.subscription.Subscription;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the schedules will next do for a subscription, written with every change to it: its entry on
 * the due index (the next renewal, a dunning retry, the day it ends) and, where the catalog announces
 * renewals (online-courses 13.1), the reminder before the next one.
 */
final class RenewalDiary {

    private RenewalDiary() {}

    /** Where the sweeps find it: a renewal a new card is to pay now waits on its own list, swept every few minutes; every other one at 06:00. */
    static DueWork work(Subscription s) {
        return s.renewalCharge().filter(c -> c.status() == com.termwise.domain.subscription.RenewalCharge.Status.CARD_REPLACED).isPresent()
                ? DueWork.RECOVERY : DueWork.RENEWAL;
    }

    /** {@code lease}: while a renewal is being charged, when the sweep may look at it again if the worker stopped. */
    static void write(Changes changes, Catalog catalog, Subscription next, long readAt, Optional<Due> lease, LocalDate today) {
        var plan = catalog.plan(next.planId()).orElseThrow(() -> new IllegalStateException("unknown plan " + next.planId()));
        var due = lease.or(() -> RenewalSchedule.nextDue(plan.terms(), catalog.rules().dunning(), next).map(d -> Due.on(work(next), d)));
        changes.add(new PutSubscription(next, readAt, due));
        ReminderNotice.sendOn(SubscriptionRegime.dmcc(), catalog.rules(), plan.terms(), next).filter(d -> d.isAfter(today)).ifPresent(sendOn ->
                changes.add(new PutNotice(Notice.renewalReminder(next.customerId(), next.id(), sendOn,
                        RenewalSchedule.nextRenewalDate(plan.terms(), next).orElseThrow()))));
    }
}
