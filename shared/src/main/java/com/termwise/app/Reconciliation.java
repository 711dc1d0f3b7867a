package com.termwise.app;

import com.termwise.app.PaymentGateway.Movement;
import com.termwise.domain.calendar.BusinessCalendar;
import com.termwise.domain.money.Money;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each morning, Termwise's books against Stripe's for the day before (London): every payment, refund and chargeback
 * Stripe made that day must be in the ledger, and every such ledger entry of that day must be money Stripe has, for
 * the same amount. Each side is looked up on the other by id, whatever day it landed on, so a webhook that arrived
 * after midnight is no mismatch. A refund made in Stripe's Dashboard is recorded against its charge (Termwise learns
 * of it from {@code charge.refunded}), so those are compared as totals per charge. Every difference is recorded once,
 * sent as a {@code ReconciliationMismatch} event (template.yaml alarms on it) and listed for operators.
 */
public final class Reconciliation {

    static final String OPERATIONS = "operations";

    private final StateStore store;
    private final PaymentGateway stripe;
    private final Mails mails;
    private final BusinessCalendar calendar;

    public Reconciliation(StateStore store, PaymentGateway stripe, Ids ids, BusinessCalendar calendar) {
        this.store = store;
        this.stripe = stripe;
        this.mails = new Mails(ids);
        this.calendar = calendar;
    }

    /** What a run compared and found. */
    public record Result(LocalDate day, int atStripe, int inLedger, List<Mismatch> found) {}

    /** The day before today, as the daily schedule runs it. */
    public Result yesterday() {
        return run(calendar.today().minusDays(1));
    }

    public Result run(LocalDate day) {
        var from = day.atStartOfDay(BusinessCalendar.LONDON).toInstant();
        var to = day.plusDays(1).atStartOfDay(BusinessCalendar.LONDON).toInstant();
        var books = new Books();
        var found = new ArrayList<Mismatch>();
        var atStripe = stripe.movements(from, to);
        for (var m : atStripe) recorded(day, m, books).ifPresent(found::add);
        var due = store.due(DueWork.RECONCILE, day.plusDays(1).toString(), 10_000);
        for (var item : due) {
            var entry = books.account(item.customerId()).ledger().stream().filter(e -> item.sortKey().endsWith("#" + e.id())).findFirst();
            entry.flatMap(e -> atStripe(day, e, books)).ifPresent(found::add);
        }
        var distinct = found.stream().collect(Collectors.toMap(Mismatch::key, m -> m, (a, b) -> a, java.util.LinkedHashMap::new)).values();
        for (var m : distinct) store.recordMismatch(m, event(m));
        for (var item : due) store.done(item); // after the mismatches are kept: a run that stops half way is run again
        return new Result(day, atStripe.size(), due.size(), List.copyOf(distinct));
    }

    /** Money Stripe moved: is it in the ledger, for the same amount? */
    private Optional<Mismatch> recorded(LocalDate day, Movement m, Books books) {
        var link = m.paymentIntentId().flatMap(books::link);
        if (link.isEmpty()) {
            return Optional.of(new Mismatch(day, m.id(), Mismatch.Kind.NOT_RECORDED, Optional.empty(), Optional.empty(), Optional.of(m.id()),
                    Optional.of(m.amount()), Optional.empty(), "Stripe has a " + m.kind().name().toLowerCase() + " Termwise never linked to a customer."));
        }
        var customer = link.get().customerId();
        var ledger = books.account(customer).ledger();
        var kind = switch (m.kind()) {
            case PAYMENT -> LedgerEntry.Kind.PAYMENT_RECEIVED;
            case REFUND -> LedgerEntry.Kind.REFUND_CONFIRMED;
            case DISPUTE -> LedgerEntry.Kind.CHARGEBACK;
        };
        var byId = ledger.stream().filter(e -> e.kind() == kind && (e.reference().equals(m.id()) || m.termwiseId().map(e.reference()::equals).orElse(false)
                || m.kind() == Movement.Kind.PAYMENT && m.paymentIntentId().map(e.reference()::equals).orElse(false))).toList();
        if (!byId.isEmpty()) {
            var termwise = Money.sum(byId.stream().map(LedgerEntry::amount).toList(), m.amount().currency());
            return termwise.equals(m.amount()) ? Optional.empty() : Optional.of(mismatch(day, m.id(), Mismatch.Kind.AMOUNT_DIFFERS, customer,
                    link.get().orderId(), m, Optional.of(termwise), "Stripe and the ledger hold different amounts."));
        }
        if (m.kind() == Movement.Kind.REFUND && books.outsideRefundsRecorded(m.chargeId(), customer).contains(m.id())) return Optional.empty();
        return Optional.of(mismatch(day, m.id(), Mismatch.Kind.NOT_RECORDED, customer, link.get().orderId(), m, Optional.empty(),
                "Stripe moved this money and Termwise has no record of it" + (m.kind() == Movement.Kind.REFUND ? " (a refund made outside Termwise whose webhook never arrived?)." : ".")));
    }

    /** A ledger entry of money at Stripe: does Stripe have it, for the same amount? */
    private Optional<Mismatch> atStripe(LocalDate day, LedgerEntry e, Books books) {
        if (e.kind() == LedgerEntry.Kind.REFUND_CONFIRMED && e.reference().startsWith("ch_")) {
            // refunds made outside Termwise, recorded against their charge: Stripe's must cover what the ledger holds
            var recorded = books.refundedAgainst(e.reference(), e.customerId());
            var atStripe = books.outsideRefunds(e.reference(), e.customerId()).stream().mapToLong(r -> r.amount().amount()).sum();
            if (recorded <= atStripe) return Optional.empty();
            return Optional.of(ledgerMismatch(day, e, Mismatch.Kind.AMOUNT_DIFFERS, Optional.of(e.reference()), Optional.of(Money.of(atStripe, e.amount().currency())),
                    "The ledger holds more refunded on this charge than Stripe refunded."));
        }
        var movement = stripe.movement(stripeId(e, books));
        if (movement.isEmpty()) {
            return Optional.of(ledgerMismatch(day, e, Mismatch.Kind.NOT_AT_STRIPE, Optional.of(e.reference()), Optional.empty(),
                    "Termwise recorded this money and Stripe has no such " + e.kind().name().toLowerCase().replace('_', ' ') + "."));
        }
        if (e.kind() == LedgerEntry.Kind.PAYMENT_RECEIVED && !movement.get().amount().equals(e.amount())
                || e.kind() != LedgerEntry.Kind.PAYMENT_RECEIVED && movement.get().amount().compareTo(e.amount()) < 0) {
            return Optional.of(ledgerMismatch(day, e, Mismatch.Kind.AMOUNT_DIFFERS, Optional.of(movement.get().id()), Optional.of(movement.get().amount()),
                    "Stripe and the ledger hold different amounts."));
        }
        return Optional.empty();
    }

    /**
     * The Stripe id a ledger entry names: its reference, or, for a refund confirmed before Termwise heard Stripe's id for
     * it (the webhook can come first), the id the order's refund holds now.
     */
    private String stripeId(LedgerEntry e, Books books) {
        if (e.kind() != LedgerEntry.Kind.REFUND_CONFIRMED || e.reference().startsWith("re_")) return e.reference();
        return books.account(e.customerId()).purchases().stream().flatMap(p -> p.refunds().stream()).filter(r -> r.id().equals(e.reference()))
                .findFirst().flatMap(Refund::stripeRefundId).orElse(e.reference());
    }

    private static Mismatch mismatch(LocalDate day, String key, Mismatch.Kind kind, String customer, String orderId, Movement m,
                                     Optional<Money> termwise, String detail) {
        return new Mismatch(day, key, kind, Optional.of(customer), Optional.of(orderId), Optional.of(m.id()), Optional.of(m.amount()), termwise, detail);
    }

    private static Mismatch ledgerMismatch(LocalDate day, LedgerEntry e, Mismatch.Kind kind, Optional<String> stripeId, Optional<Money> stripeAmount,
                                           String detail) {
        return new Mismatch(day, e.id(), kind, Optional.of(e.customerId()), Optional.of(e.orderId()), stripeId, stripeAmount, Optional.of(e.amount()), detail);
    }

    private OutboxRecord event(Mismatch m) {
        var detail = new ArrayList<>(List.of("day", m.day().toString(), "kind", m.kind().name(), "key", m.key(), "detail", m.detail()));
        m.customerId().ifPresent(c -> detail.addAll(List.of("customerId", c)));
        m.orderId().ifPresent(o -> detail.addAll(List.of("orderId", o)));
        m.stripeId().ifPresent(s -> detail.addAll(List.of("stripeId", s)));
        m.stripeAmount().ifPresent(a -> detail.addAll(List.of("stripeAmount", Long.toString(a.amount()), "currency", a.currency().getCurrencyCode())));
        m.termwiseAmount().ifPresent(a -> detail.addAll(List.of("termwiseAmount", Long.toString(a.amount()), "currency", a.currency().getCurrencyCode())));
        return mails.event(m.customerId().orElse(OPERATIONS), "ReconciliationMismatch", Mails.json(detail.toArray(String[]::new)), calendar.now());
    }

    /** The accounts, payment links and charges' refunds one run reads, each once. */
    private final class Books {
        private final Map<String, CustomerAccount> accounts = new HashMap<>();
        private final Map<String, Optional<Changes.Write.PaymentLink>> links = new HashMap<>();
        private final Map<String, List<Movement>> outside = new HashMap<>();
        private final Map<String, Set<String>> covered = new HashMap<>();

        CustomerAccount account(String customerId) {
            return accounts.computeIfAbsent(customerId, store::account);
        }

        /** A charge, its refunds and its dispute name one PaymentIntent: it is looked up once. */
        Optional<Changes.Write.PaymentLink> link(String paymentIntentId) {
            return links.computeIfAbsent(paymentIntentId, store::paymentLink);
        }

        /** What the ledger holds as refunded outside Termwise on a charge ({@code REFUND_CONFIRMED} entries naming the charge). */
        long refundedAgainst(String chargeId, String customerId) {
            return account(customerId).ledger().stream().filter(x -> x.kind() == LedgerEntry.Kind.REFUND_CONFIRMED && x.reference().equals(chargeId))
                    .mapToLong(x -> x.amount().amount()).sum();
        }

        /** The refunds on a charge that Termwise did not make. */
        List<Movement> outsideRefunds(String chargeId, String customerId) {
            return outside.computeIfAbsent(chargeId, c -> {
                var named = account(customerId).ledger().stream().map(LedgerEntry::reference).collect(Collectors.toSet());
                // a refund Termwise made carries its refund id in Stripe's metadata; the rest were made in the Dashboard
                return stripe.refundsOf(c).stream().filter(r -> r.termwiseId().isEmpty() && !named.contains(r.id())).toList();
            });
        }

        /**
         * Which of those the ledger covers: oldest first, as far as the total Termwise recorded against the charge goes
         * (a lost webhook leaves the newest uncovered).
         */
        Set<String> outsideRefundsRecorded(String chargeId, String customerId) {
            return covered.computeIfAbsent(chargeId, c -> {
                var left = refundedAgainst(c, customerId);
                var out = new java.util.HashSet<String>();
                for (var r : outsideRefunds(c, customerId).stream().sorted(java.util.Comparator.comparing(Movement::created).thenComparing(Movement::id)).toList()) {
                    if (left < r.amount().amount()) break;
                    left -= r.amount().amount();
                    out.add(r.id());
                }
                return out;
            });
        }
    }
}
