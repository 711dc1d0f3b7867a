package com.termwise.app;

import com.termwise.app.Changes.Write.ClaimIdempotencyKey;
import com.termwise.app.Changes.Write.FinishIdempotencyKey;
import com.termwise.app.Changes.Write.PutProfile;
import com.termwise.app.Changes.Write.PutPurchase;
import com.termwise.app.IdempotencyRecord.StoredResponse;
import com.termwise.app.PaymentGateway.CheckoutSessionRequest;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Catalogs;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.rules.KeyPreContractInformation;
import com.termwise.domain.decision.Decision;
import com.termwise.domain.decision.Outcome;
import com.termwise.domain.decision.Reason;
import com.termwise.domain.money.Money;
import com.termwise.domain.order.Consents;
import com.termwise.domain.order.Order;
import com.termwise.domain.order.OrderState;
import com.termwise.domain.rules.CheckoutPrice;
import com.termwise.domain.rules.DeliverySchedule;
import com.termwise.domain.rules.Eligibility;
import com.termwise.domain.rules.Promotion;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /v1/checkout}: checks the request against the catalog's terms, prices it, records
 * a {@code PENDING_PAYMENT} order with the consents given, and opens a Stripe Checkout Session
 * for it. With an {@code Idempotency-Key} a repeat returns the first response; a repeat cut short
 * by a crash finishes the same order (the session's own idempotency key is derived from it).
 */
public final class CheckoutService {

    /** No customer is older than this: a birth date before it is a typing error, not an age. */
    static final int OLDEST_AGE = 120;

    /** How long the hosted page stays open (Stripe allows 30 minutes to 24 hours). */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(2);
    static final Duration MINIMUM_SESSION_LIFETIME = Duration.ofMinutes(30);
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    public record Started(String orderId, String sessionId, String checkoutUrl, java.time.Instant expiresAt, Money total) {}

    private final Catalogs catalogs;
    private final StateStore store;
    private final PaymentGateway payments;
    private final BusinessCalendar calendar;
    private final Ids ids;

    public CheckoutService(Catalogs catalogs, StateStore store, PaymentGateway payments, BusinessCalendar calendar, Ids ids) {
        this.catalogs = catalogs;
        this.store = store;
        this.payments = payments;
        this.calendar = calendar;
        this.ids = ids;
    }

    /**
     * @param idempotencyKey the customer's key, with the hash of the request body it came with
     * @param render         turns the result into the response body that a replay returns verbatim
     */
    public StoredResponse start(Caller caller, CheckoutRequest request, Optional<IdempotencyRecord.Key> idempotencyKey,
                                Function<Started, String> render) {
        var previous = idempotencyKey.flatMap(k -> store.idempotencyKey(caller.customerId(), k.key()));
        if (previous.isPresent()) {
            var record = previous.get().sameRequestAs(idempotencyKey.get());
            if (record.response().isPresent()) return record.response().get();
        }
        var priced = priced(caller, request);
        var catalog = priced.catalog();
        var plan = priced.plan();
        var price = priced.price();
        var promotion = priced.promotion();
        var consents = priced.consents();
        var delivery = priced.delivery();
        var account = priced.account();
        var today = calendar.today();

        var orderId = previous.map(IdempotencyRecord::resourceId).orElseGet(() -> ids.next("ord"));
        var purchase = previous.isPresent()
                ? store.purchase(caller.customerId(), orderId).orElseThrow(() -> new StateStore.ConcurrentChange("order " + orderId + " not written yet"))
                : newPurchase(orderId, caller, catalog, plan, price, promotion, consents, delivery, today);
        if (previous.isEmpty()) {
            var first = new Changes();
            idempotencyKey.ifPresent(k -> first.add(new ClaimIdempotencyKey(new IdempotencyRecord(caller.customerId(), k.key(),
                    k.requestHash(), orderId, Optional.empty(), calendar.now().plus(KEY_LIFETIME)))));
            var profile = account.profile();
            var updated = new CustomerProfile(caller.customerId(), caller.email(), request.customerName(),
                    profile.flatMap(CustomerProfile::stripeCustomer), profile.flatMap(CustomerProfile::paymentMethod),
                    profile.flatMap(CustomerProfile::marketingRefusedOn), profile.map(CustomerProfile::version).orElse(0L));
            first.add(new PutProfile(updated, updated.version())).add(new PutPurchase(purchase, 0));
            try {
                store.commit(first);
            } catch (StateStore.AlreadyApplied raced) {
                return start(caller, request, idempotencyKey, render); // the same key arrived twice at once: replay the winner
            }
        }
        var session = purchase.sessionId().isPresent()
                ? new PaymentGateway.CheckoutSession(purchase.sessionId().get(), purchase.checkoutUrl().orElseThrow(), purchase.expiresAt().orElseThrow())
                : open(purchase, catalog, plan, caller);
        var started = new Started(orderId, session.id(), session.url(), session.expiresAt(), price.total());
        var response = new StoredResponse(201, render.apply(started));
        var second = new Changes();
        if (purchase.sessionId().isEmpty()) {
            // a purchase written above is at version 1 in the table; one read back on a resumed key carries its stored version
            long stored = previous.isPresent() ? purchase.order().version() : 1;
            second.add(new PutPurchase(purchase.withSession(session.id(), session.url(), session.expiresAt()), stored));
        }
        idempotencyKey.ifPresent(k -> second.add(new FinishIdempotencyKey(new IdempotencyRecord(caller.customerId(), k.key(),
                k.requestHash(), orderId, Optional.of(response), calendar.now().plus(KEY_LIFETIME)))));
        if (!second.isEmpty()) store.commit(second);
        return response;
    }

    /**
     * The session's parameters are the order's, fixed when it was recorded (its price and the page's expiry), so a
     * resumed request sends Stripe exactly what the first did under the same key and gets the first session back.
     * A resume too late for Stripe to open the page (it needs 30 minutes left) expires the order instead.
     */
    private PaymentGateway.CheckoutSession open(Purchase purchase, Catalog catalog, Plan plan, Caller caller) {
        var order = purchase.order();
        var expiresAt = purchase.expiresAt().orElseThrow(() -> new IllegalStateException("order " + order.id() + " was recorded without an expiry"));
        try {
            return payments.openCheckout(new CheckoutSessionRequest("checkout-" + order.id(), catalog.name() + ": " + plan.name(),
                    order.total(), Optional.ofNullable(caller.email()),
                    Map.of("orderId", order.id(), "customerId", caller.customerId(), "catalog", catalog.id(), "plan", plan.id()), expiresAt));
        } catch (PaymentGateway.Refused refused) {
            if (!expiresAt.isBefore(calendar.now().plus(MINIMUM_SESSION_LIFETIME))) throw refused;
            var expired = new com.termwise.domain.order.OrderStateMachine(catalog).apply(order,
                    new com.termwise.domain.order.OrderStateMachine.Event.CheckoutExpired(calendar.today())).order();
            store.commit(new Changes().add(new PutPurchase(purchase.with(expired), order.version())));
            throw new RequestRefused(409, "CHECKOUT_EXPIRED", "This checkout has expired before its payment page opened; start a new one.",
                    Optional.empty(), Optional.empty());
        }
    }

    /** A purchase checked against the catalog's terms and priced, before anything is written. */
    private record Priced(Catalog catalog, Plan plan, Consents consents, Optional<Purchase.DeliveryAddress> delivery, Optional<Promotion> promotion,
                          CheckoutPrice price, Optional<LocalDate> firstDelivery, CustomerAccount account) {}

    private Priced priced(Caller caller, CheckoutRequest request) {
        var today = calendar.today();
        var catalog = catalogs.inForce(request.catalog(), today)
                .orElseThrow(() -> RequestRefused.badField("catalog", "UNKNOWN_CATALOG", "There is no catalog '" + request.catalog() + "'."));
        var plan = catalog.plan(request.plan())
                .orElseThrow(() -> RequestRefused.badField("plan", "UNKNOWN_PLAN", "There is no plan '" + request.plan() + "' in " + catalog.id() + "."));
        checkPlanOnSale(catalog, plan, today, plan.course().filter(c -> store.isWithdrawn(catalog.id(), c.id())).isPresent());
        var consents = consents(plan, request);
        acknowledgedObligationToPay(plan, request, today);
        request.birthDate().filter(born -> born.isAfter(today) || born.isBefore(today.minusYears(OLDEST_AGE))).ifPresent(born -> {
            throw RequestRefused.badField("customer.birthDate", "OUT_OF_RANGE", "A birth date is within the last " + OLDEST_AGE + " years.");
        });
        Eligibility.check(catalog, request.birthDate(), request.parentalConsent(), today)
                .ifPresent(refusal -> { throw RequestRefused.byRule(refusal.field(), refusal.decision()); });
        var account = store.account(caller.customerId());
        refuseWhileOwed(catalog, account, today);
        var delivery = checkDelivery(catalog, request);
        var promotion = promotion(catalog, caller, request.promoCode(), today);
        var firstDelivery = delivery.map(d -> DeliverySchedule.firstDelivery(catalog.rules(),
                calendar.now().atZone(BusinessCalendar.LONDON).toLocalDateTime(), today, d.preferredDay()));
        var price = CheckoutPrice.of(catalog.rules(), plan, promotion, delivery.map(Purchase.DeliveryAddress::weekendsExcluded).orElse(false),
                firstDelivery, delivery.map(Purchase.DeliveryAddress::postcode));

        return new Priced(catalog, plan, consents, delivery, promotion, price, firstDelivery, account);
    }

    /**
     * Before an unpaid order is cancelled, its checkout page is closed at Stripe, so it can no longer take a payment; if the
     * customer paid a moment before, the cancellation waits for the payment to be confirmed (then it cancels a paid order).
     */
    public void closeUnpaid(String customerId, String orderId) {
        var purchase = store.purchase(customerId, orderId);
        if (purchase.isEmpty() || purchase.get().order().state() != OrderState.PENDING_PAYMENT || purchase.get().sessionId().isEmpty()) return;
        if ("complete".equals(payments.closeCheckout(purchase.get().sessionId().get()))) {
            throw new RequestRefused(409, "PAYMENT_IN_FLIGHT", "Your payment for order " + orderId + " has just gone through; once it shows as accepted, cancel it again.",
                    Optional.empty(), Optional.empty());
        }
    }

    /** What a purchase would cost, decided exactly as checkout decides it; nothing is written and Stripe is not called. */
    public Quote quote(Caller caller, CheckoutRequest request) {
        var priced = priced(caller, request);
        return new Quote(priced.catalog().id(), priced.plan().id(), priced.price().price(), priced.price().charges(), priced.price().total(),
                priced.firstDelivery());
    }

    /** {@code price}: the plan's price as bought (after any offer); {@code charges}: the first box's (meal-plans 7(f)). */
    public record Quote(String catalog, String plan, Money price, List<com.termwise.domain.decision.Charge> charges, Money total,
                        Optional<LocalDate> firstDelivery) {}

    private static void checkPlanOnSale(Catalog catalog, Plan plan, LocalDate today, boolean withdrawn) {
        var course = plan.course();
        if (course.isPresent() && (!course.get().available() || withdrawn)) {
            var clause = catalog.rules().courseAvailability().map(Rule.CourseAvailability::clause).orElse(catalog.rules().payment().clause());
            throw RequestRefused.byRule("plan", Decision.refused(today, Money.zero(catalog.currency()),
                    List.of(new Reason("COURSE_UNAVAILABLE", clause, course.get().title() + " is not available to buy."))));
        }
    }

    /** course-provider 19.3.8: while a chargeback's amount is owed, nothing new is sold (the account is suspended). */
    private static void refuseWhileOwed(Catalog catalog, CustomerAccount account, LocalDate today) {
        var owed = account.balanceOwed(catalog.currency());
        if (!owed.isPositive()) return;
        var clause = catalog.rules().suspensionWhileOwed().map(Rule.SuspensionWhileOwed::clause)
                .or(() -> catalog.rules().chargeback().map(Rule.ChargebackLiability::clause)).orElse(catalog.rules().payment().clause());
        throw RequestRefused.byRule(null, Decision.refused(today, Money.zero(catalog.currency()),
                List.of(new Reason("BALANCE_OWED", clause,
                        "Your account is suspended until the " + owed.display() + " owed after a chargeback is paid."))));
    }

    /**
     * Where the plan's service or content can begin inside the cancellation period, the customer
     * must say whether they want that (CCR 2013 regs 36, 37): both answers are required, and an
     * acknowledgement of losing the right only makes sense with a request to begin.
     */
    private static Consents consents(Plan plan, CheckoutRequest request) {
        var begun = plan.terms().serviceBegun();
        if (begun.isPresent()) {
            if (request.beginDuringCancellationPeriod().isEmpty()) {
                throw RequestRefused.badField("consents.beginDuringCancellationPeriod", "CONSENT_REQUIRED",
                        "Say whether the service may begin within the cancellation period (" + begun.get().clause() + ").");
            }
            if (begun.get().effect() == Rule.BegunEffect.LOSES_RIGHT && request.acknowledgeLossOfCancellationRight().isEmpty()) {
                throw RequestRefused.badField("consents.acknowledgeLossOfCancellationRight", "CONSENT_REQUIRED",
                        "Say whether you acknowledge losing the right to cancel once content is started (" + begun.get().clause() + ").");
            }
        }
        boolean begin = request.beginDuringCancellationPeriod().orElse(false);
        boolean acknowledge = request.acknowledgeLossOfCancellationRight().orElse(false);
        if (acknowledge && !begin) {
            throw RequestRefused.badField("consents.acknowledgeLossOfCancellationRight", "CONSENT_INCONSISTENT",
                    "An acknowledgement of losing the right to cancel needs a request to begin within the cancellation period.");
        }
        return new Consents(begin, acknowledge, request.parentalConsent(), Optional.empty(), Optional.empty());
    }

    /** DMCC 2024 s.257: a subscription contract made from the regime's commencement needs the customer's express acknowledgement that they will pay. */
    private static void acknowledgedObligationToPay(Plan plan, CheckoutRequest request, LocalDate today) {
        var regime = SubscriptionRegime.dmcc();
        if (!regime.governs(today, plan.terms()) || request.acknowledgeObligationToPay().orElse(false)) return;
        throw RequestRefused.badField("consents.acknowledgeObligationToPay", "ACKNOWLEDGEMENT_REQUIRED",
                KeyPreContractInformation.acknowledgement(regime, plan,
                plan.priceFor(request.delivery().map(Purchase.DeliveryAddress::weekendsExcluded).orElse(false))) + " Acknowledge this to buy " + plan.name() + ".");
    }

    private static Optional<Purchase.DeliveryAddress> checkDelivery(Catalog catalog, CheckoutRequest request) {
        if (!catalog.rules().delivers()) {
            if (request.delivery().isPresent()) {
                throw RequestRefused.badField("delivery", "NOT_DELIVERED", catalog.name() + " delivers nothing: leave out 'delivery'.");
            }
            return Optional.empty();
        }
        var delivery = request.delivery()
                .orElseThrow(() -> RequestRefused.badField("delivery", "MISSING_FIELD", "Meal plans need a delivery address."));
        if (!DeliverySchedule.isUkPostcode(delivery.postcode())) {
            throw RequestRefused.badField("delivery.address.postcode", "INVALID_POSTCODE", "'" + delivery.postcode() + "' is not a UK postcode.");
        }
        return Optional.of(delivery);
    }


    private Optional<Promotion> promotion(Catalog catalog, Caller caller, Optional<String> code, LocalDate today) {
        if (code.isEmpty()) return Optional.empty();
        var promotion = store.promotion(catalog.id(), code.get())
                .orElseThrow(() -> RequestRefused.badField("promoCode", "UNKNOWN_PROMO_CODE", "There is no offer '" + code.get() + "' for " + catalog.name() + "."));
        var decision = promotion.check(catalog, caller.customerId(), today);
        if (decision.outcome() == Outcome.REFUSED) throw RequestRefused.byRule("promoCode", decision);
        return Optional.of(promotion);
    }

    private Purchase newPurchase(String orderId, Caller caller, Catalog catalog, Plan plan, CheckoutPrice price, Optional<Promotion> promotion,
                                 Consents consents, Optional<Purchase.DeliveryAddress> delivery, LocalDate today) {
        var zero = Money.zero(catalog.currency());
        var given = new Consents(consents.beginDuringCancellationPeriod(), consents.acknowledgeLossOfCancellationRight(),
                consents.parentalConsent(), Optional.of(calendar.now()), Optional.empty());
        var order = new Order(orderId, caller.customerId(), catalog.id(), catalog.version().inForceFrom(), plan.id(), OrderState.PENDING_PAYMENT, price.total(), zero, zero,
                price.discounted(), promotion.map(Promotion::code), today, Optional.empty(), Optional.empty(), given, 0);
        return new Purchase(order, Optional.empty(), Optional.empty(), Optional.of(calendar.now().plus(SESSION_LIFETIME)), delivery, price.charges(),
                consentWording(plan, given, price, today), Optional.empty(), List.of(), Optional.empty());
    }

    /** What the customer was shown beside each consent they gave, kept with the order (the record a dispute needs). */
    private static List<String> consentWording(Plan plan, Consents given, CheckoutPrice price, LocalDate today) {
        var shown = new ArrayList<String>();
        var regime = SubscriptionRegime.dmcc();
        if (regime.governs(today, plan.terms())) {
            var renewal = price.listPrice();
            KeyPreContractInformation.lines(regime, plan, price.total(), renewal).forEach(line -> shown.add(Mails.KEY_INFORMATION + line));
            shown.add("acknowledgeObligationToPay=true: " + KeyPreContractInformation.acknowledgement(regime, plan, renewal));
        }
        plan.terms().serviceBegun().ifPresent(rule -> {
            shown.add("beginDuringCancellationPeriod=" + given.beginDuringCancellationPeriod()
                    + ": I want my access to begin now, within the cancellation period (" + rule.clause() + ", CCR 2013 reg " + rule.statuteRegulation() + ").");
            if (rule.effect() == Rule.BegunEffect.LOSES_RIGHT) {
                shown.add("acknowledgeLossOfCancellationRight=" + given.acknowledgeLossOfCancellationRight()
                        + ": I understand I lose my right to cancel once I start the content (" + rule.clause() + ").");
            } else {
                shown.add("acknowledgeLossOfCancellationRight=" + given.acknowledgeLossOfCancellationRight()
                        + ": I understand I pay for the service supplied if I cancel after it began (" + rule.clause() + ").");
            }
        });
        given.parentalConsent().ifPresent(p -> shown.add("parentalConsent=" + p + ": my parent or guardian agrees to this purchase."));
        return shown;
    }
}
