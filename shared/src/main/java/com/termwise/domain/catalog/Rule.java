package com.termwise.domain.catalog;

import com.termwise.domain.decision.Clause;
import com.termwise.domain.money.Money;

import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One term of a business, as data: every rule names the clause it comes from. The code that
 * enforces each lives in {@code com.termwise.domain.rules} under the business's own word for it
 * ({@code CoolingOffPeriod}, {@code NoticeDeadline}, {@code RefundQuote}, ...).
 */
public sealed interface Rule {

    Clause clause();

    // ---- catalog-wide rules ----

    /** Payment is taken before a purchase is confirmed, and an email confirms it (online-courses 3.1, course-provider 19.1.1). */
    record PaymentBeforeConfirmation(Clause clause) implements Rule {}

    /** When the contract is formed (meal-plans 5(d): the acceptance email, or dispatch if earlier). */
    record ContractFormation(ContractFormedOn formedOn, Clause clause) implements Rule {}

    enum ContractFormedOn { PAYMENT_CONFIRMED, ACCESS_GRANTED, ACCEPTANCE_EMAIL_OR_DISPATCH }

    /** Offers expire after a number of days unless they say otherwise (online-courses 3.4); withdrawable, transferable or not (course-provider 19.2). */
    record OfferTerms(int expiresAfterDays, boolean withdrawable, boolean transferable, Clause clause) implements Rule {}

    record MinimumAge(int years, Clause clause) implements Rule {}

    /** Customers under this age need a parent's permission (course-provider 3.3). */
    record ParentalConsent(int underAge, Clause clause) implements Rule {}

    /** After an unjustified chargeback: the amount, third-party costs and an admin fee, due within days (course-provider 19.3.7). */
    record ChargebackLiability(Money adminFee, int payWithinDays, Clause clause) implements Rule {}

    /** While money is owed the service can be suspended (course-provider 19.3.8). */
    record SuspensionWhileOwed(Clause clause) implements Rule {}

    /** An account with no course access for this long is closed and anonymised (course-provider 4.3). */
    record InactivityAnonymisation(java.time.Period after, Clause clause) implements Rule {}

    /** A course the business cancels is refunded in proportion to its incomplete part (course-provider 19.5). */
    record CourseWithdrawalRefund(Clause clause) implements Rule {}

    /** Refunds go back by the payment method within this many days of being told (course-provider 19.6). */
    record RefundDeadline(int days, Clause clause) implements Rule {}

    /** An unavailable course cannot be enrolled in (online-courses 11.3). */
    record CourseAvailability(Clause clause) implements Rule {}

    /** Days of food a plan month holds (meal-plans 3(a)). */
    record FoodDays(int perMonth, int weekendsExcluded, Clause clause) implements Rule {}

    /** The first delivery within this many days of acceptance (meal-plans 7(a)). */
    record FirstDelivery(int withinDays, Clause clause) implements Rule {}

    /** Later deliveries at fixed intervals, subject to payment (meal-plans 7(b)). */
    record DeliveryCadence(int everyDays, Clause clause) implements Rule {}

    /** A later delivery may be delayed by up to maxDays with notice in working days (meal-plans 7(b)). */
    record DeliveryDelayTerms(int maxDays, int noticeWorkingDays, Clause clause) implements Rule {}

    /** Orders received by the cut-off on a working day are dispatched within N working days (meal-plans 7(c)). */
    record DispatchTerms(LocalTime cutoff, int withinWorkingDays, Clause clause) implements Rule {}

    /** The standard delivery charge and the weekend and public-holiday surcharges (meal-plans 7(f)). */
    record DeliveryCharges(Money standard, Money weekendSurcharge, Money publicHolidaySurcharge, Clause clause) implements Rule {}

    /** Surcharges for parts of Scotland, Northern Ireland, the Isle of Man and the Channel Islands by postcode (meal-plans 7(f)). */
    record RegionalSurcharges(List<Region> regions, Clause clause) implements Rule {}

    /** A surcharge region: postcode areas ("BT") or district ranges ("PA20-PA49"). */
    record Region(String name, Money surcharge, List<String> postcodes) {}

    /** An address change less than N working days before a delivery costs a fee (meal-plans 7(h)). */
    record AddressChangeTerms(int noticeWorkingDays, Money lateFee, Clause clause) implements Rule {}

    /** When a payment fails: retries after these days, deliveries withheld meanwhile (meal-plans 6(c)(iii)/(v)). */
    /**
     * {@code uncollectedOwed}: where the terms keep the customer liable for a payment the retries never collected
     * (meal-plans 6(c)(iv): "you remain responsible for any uncollected amounts"), the clause that says so.
     */
    record Dunning(List<Integer> retryAfterDays, boolean withholdDeliveries, Optional<Clause> uncollectedOwed, Clause clause) implements Rule {}

    /** Customers on plans billed {@code every} are reminded this many days before each renewal (online-courses 13.1). */
    record RenewalReminder(int daysBefore, BillingInterval every, Clause clause) implements Rule {}

    // ---- plan rules ----

    /** How often a plan is paid for: every interval, once, or once for life. */
    record Billing(BillingInterval every, Clause clause) implements Rule {}

    /** The number of billing periods before the customer may end the plan (meal-plans 9(c)). */
    record MinimumTerm(int periods, Clause clause) implements Rule {}

    /** Automatic renewal for rolling periods of the given length (online-courses 11.6, meal-plans 9(a)). */
    record AutoRenewal(BillingInterval every, Clause clause) implements Rule {}

    /** Cancelling ends the plan at a period end; notice must reach us N working days before it (meal-plans 9(c)(1), online-courses 13.1). */
    record CancelAtPeriodEnd(int noticeWorkingDays, Clause clause) implements Rule {}

    /** The cooling-off period: days, and the event it runs from (online-courses 10.1, course-provider 19.4.2, meal-plans 8(b)). */
    record CancellationPeriod(int days, PeriodStartsOn startsOn, boolean reasonRequired, Clause clause) implements Rule {}

    enum PeriodStartsOn { PURCHASE, CONTRACT, DELIVERY, FIRST_DELIVERY_RECEIVED }

    /** What starting the service inside the cooling-off period does to the right to cancel (online-courses 10.1, course-provider 19.4.3). */
    record ServiceBegun(BegunEffect effect, int statuteRegulation, Clause clause) implements Rule {}

    enum BegunEffect { LOSES_RIGHT, PROPORTIONATE_PAYMENT }

    /** What a cancellation in the cooling-off period refunds (online-courses 10.2, course-provider 19.4.5, meal-plans 8(d)). */
    record CancellationRefund(RefundAmount amount, Clause clause) implements Rule {}

    enum RefundAmount { FULL, PAID_LESS_NON_STANDARD_DELIVERY }

    /** A circumstance in which no refund is given (online-courses 10.2, 11.4, 11.5, 14.16, 15.1, 15.3, 15.4). */
    record RefundExclusion(ExclusionKind when, int minCourses, int percent, Clause clause) implements Rule {}

    enum ExclusionKind { AFTER_AUTO_RENEWAL, DISCOUNTED_PURCHASE, PROMOTIONAL_PURCHASE, COURSES_HALF_COMPLETED, PARTIAL_PERIOD }

    /** Refunds otherwise only for reasonable cause, decided by an operator with a recorded reason (online-courses 14.17). */
    record ReasonableCauseRefund(Clause clause) implements Rule {}

    /** How long access lasts: to the end of the paid period, a fixed duration from access, or for life. */
    record Access(AccessUntil until, java.time.Period duration, Clause clause) implements Rule {}

    enum AccessUntil { PERIOD_END, DURATION, LIFETIME }

    /** At most N courses in progress at once (online-courses 11.2, 15.6). */
    record CourseCap(int maxInProgress, Clause clause) implements Rule {}

    /** Course kinds a membership does not cover (online-courses 11.2, 15.1). */
    record Coverage(Set<CourseKind> excludes, Clause clause) implements Rule {}

    /** No new course after cancelling (online-courses 13.3). */
    record NoEnrolmentAfterCancelling(Clause clause) implements Rule {}

    /** The membership may be paused (online-courses 14.3). */
    record Pause(int maxDays, Clause clause) implements Rule {}

    /** Plans one may switch to, and when the switch happens (online-courses 14.10, meal-plans 8(f)). */
    record PlanChange(List<String> to, ChangeTiming timing, Clause clause) implements Rule {}

    enum ChangeTiming { AT_PERIOD_END, NOW_WITH_ADJUSTING_PAYMENT }

    /** A price change needs this much notice and applies from a renewal, never inside a minimum term (online-courses 14.14, meal-plans 6(c)(ii)). */
    record PriceChangeNotice(int noticeDays, Clause clause) implements Rule {}

    /** Renewing after cancelling returns the customer to the plan they cancelled (online-courses 14.9). */
    record Rejoin(Clause clause) implements Rule {}

    /** What a breach of the terms lets the business do (online-courses 5.1 suspend, 15.5 revoke). */
    record Breach(BreachAction action, Clause clause) implements Rule {}

    enum BreachAction { SUSPEND, REVOKE }

    /** When the business ends the service, what was paid in advance for what will not be provided is reimbursed (online-courses 14.8). */
    record BusinessTermination(Clause clause) implements Rule {}

    /** meal-plans 5(d), course-provider 19.2.9: an order taken at a price shown in error may be cancelled (and everything paid returned). */
    record PriceError(Clause clause) implements Rule {}

    /** online-courses 13.4, course-provider 15.4: a customer may have their account deleted (through support); the financial record stays. */
    record AccountDeletion(Clause clause) implements Rule {}

    /**
     * course-provider 5.1: the business may suspend all or part of the service for business or operational reasons,
     * trying to give reasonable notice (here, a number of working days); 12.3 lets emergency maintenance start at once.
     */
    record ServiceSuspension(int noticeWorkingDays, Clause emergency, Clause clause) implements Rule {}

    /** online-courses 2.5: an account is sent promotional offers; the customer may refuse them (PECR 2003 reg 22(3)). */
    record MarketingOffers(Clause clause) implements Rule {}

    /** meal-plans 7(d): boxes missed twice and not collected come back; repacking and re-delivery are charged. */
    record FailedDelivery(Money redeliveryCharge, Clause clause) implements Rule {}

    /** meal-plans 7(e): boxes refused or intercepted outside the minimum duration come back; admin, packing and dispatch are charged. */
    record RefusedDelivery(Money returnCharge, Clause clause) implements Rule {}

    /** An operator may allow an early cancellation, charged at another plan's standard rate pro rata (meal-plans 12(b)). */
    record GoodwillCancellation(String ratePlan, Clause clause) implements Rule {}
}
