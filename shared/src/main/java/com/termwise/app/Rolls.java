package com.termwise.app;

import com.termwise.app.Changes.Write.OwnerLink;
import com.termwise.app.Changes.Write.PutDelivery;
import com.termwise.app.Changes.Write.PutEnrolment;
import com.termwise.app.Changes.Write.RollEntry;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.subscription.Enrolment;


/**
 * The rolls systems and operators reach customers through: a new enrolment or delivery is written
 * with the link to its owner (the learning platform and the courier name only its id), and an
 * enrolment goes on its course's roll (a withdrawal reaches everyone on it), a subscription on its
 * plan's (a price change does).
 */
public final class Rolls {

    private Rolls() {}

    public static String course(String catalogId, String courseId) {
        return "course:" + catalogId + ":" + courseId;
    }

    public static String plan(String catalogId, String planId) {
        return "plan:" + catalogId + ":" + planId;
    }

    public static void enrol(Changes changes, Catalog catalog, Enrolment enrolment) {
        changes.add(new PutEnrolment(enrolment, 0))
                .add(new OwnerLink(enrolment.id(), enrolment.customerId()))
                .add(new RollEntry(course(catalog.id(), enrolment.courseId()), enrolment.id(), enrolment.customerId()));
    }

    public static void schedule(Changes changes, Delivery delivery) {
        changes.add(new PutDelivery(delivery, 0))
                .add(new OwnerLink(delivery.id(), delivery.customerId()));
    }
}
