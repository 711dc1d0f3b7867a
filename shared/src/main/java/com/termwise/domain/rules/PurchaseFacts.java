package com.termwise.domain.rules;

import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the rules need to know about one purchase to decide a cancellation or refund.
 *
 * @param paid              what is at stake: the payment a refund would return (the first
 *                          payment in a cancellation period, the current period's otherwise)
 * @param deliveryCharge    the delivery charge included in {@code paid} (meal plans)
 * @param standardDeliveryCharge the catalog's standard delivery charge, which a meal-plans 8(d) refund includes
 * @param courseProgress    progress (0..100) of every course taken under this purchase
 * @param renewals          automatic renewals so far (online-courses 10.2)
 */
public record PurchaseFacts(LocalDate purchasedOn, LocalDate contractDate, Optional<LocalDate> deliveredOn,
                            Optional<LocalDate> firstDeliveryReceivedOn, Consents consents, List<Integer> courseProgress,
                            boolean discounted, boolean promotional, int renewals, Money paid, Money deliveryCharge,
                            Money standardDeliveryCharge) {

    public PurchaseFacts {
        courseProgress = List.copyOf(courseProgress);
    }

    /** A plain purchase: paid on the day, nothing delivered, started or discounted yet. */
    public static PurchaseFacts paidOn(LocalDate day, Money paid) {
        var none = Money.zero(paid.currency());
        return new PurchaseFacts(day, day, Optional.of(day), Optional.empty(), Consents.none(), List.of(), false, false, 0, paid, none, none);
    }

    public PurchaseFacts withProgress(Integer... percents) {
        return new PurchaseFacts(purchasedOn, contractDate, deliveredOn, firstDeliveryReceivedOn, consents, List.of(percents),
                discounted, promotional, renewals, paid, deliveryCharge, standardDeliveryCharge);
    }

    public PurchaseFacts withConsents(Consents given) {
        return new PurchaseFacts(purchasedOn, contractDate, deliveredOn, firstDeliveryReceivedOn, given, courseProgress,
                discounted, promotional, renewals, paid, deliveryCharge, standardDeliveryCharge);
    }

    public PurchaseFacts withDiscount(boolean isDiscounted, boolean isPromotional) {
        return new PurchaseFacts(purchasedOn, contractDate, deliveredOn, firstDeliveryReceivedOn, consents, courseProgress,
                isDiscounted, isPromotional, renewals, paid, deliveryCharge, standardDeliveryCharge);
    }

    public PurchaseFacts withRenewals(int count, Money paidThisPeriod) {
        return new PurchaseFacts(purchasedOn, contractDate, deliveredOn, firstDeliveryReceivedOn, consents, courseProgress,
                discounted, promotional, count, paidThisPeriod, deliveryCharge, standardDeliveryCharge);
    }

    public PurchaseFacts withDelivery(Optional<LocalDate> firstReceived, Money charge, Money standardCharge) {
        return new PurchaseFacts(purchasedOn, contractDate, deliveredOn, firstReceived, consents, courseProgress,
                discounted, promotional, renewals, paid, charge, standardCharge);
    }

    public boolean contentStarted() {
        return courseProgress.stream().anyMatch(p -> p > 0);
    }

    /** Fully performed: every course taken is complete (and there is at least one). */
    public boolean fullyPerformed() {
        return !courseProgress.isEmpty() && courseProgress.stream().allMatch(p -> p >= 100);
    }

    /** How much of the service has been supplied, in percent: the mean progress of the courses taken. */
    public int percentSupplied() {
        return courseProgress.isEmpty() ? 0 : (int) Math.min(100, courseProgress.stream().mapToInt(Integer::intValue).sum() / courseProgress.size());
    }

    public long coursesAtLeast(int percent) {
        return courseProgress.stream().filter(p -> p >= percent).count();
    }
}
