package com.termwise.app;

import com.termwise.domain.catalog.Catalog;
import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.Rule;
import com.termwise.domain.decision.Charge;
import com.termwise.domain.money.Money;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a payment was for, line by line, each with the clause behind it; the lines add up to the
 * total taken, so a customer can check every amount in the mail that tells them.
 */
public record Receipt(List<Line> lines, Money total) {

    public record Line(String label, Money amount, String clause) {}

    /** {@code carriedOver}: charges earlier changes added to this payment ({@code carriedClauses}: theirs). */
    public static Receipt of(Catalog catalog, Plan plan, List<Charge> charges, Money carriedOver, String carriedClauses, Money taken) {
        var lines = new ArrayList<Line>();
        for (var c : charges) {
            lines.add(new Line(c.kind() == Charge.Kind.PERIOD_PAYMENT ? "Price of " + plan.name() : label(c.kind()), c.amount(), clause(catalog, plan, c.kind())));
        }
        if (carriedOver.isPositive()) lines.add(new Line("Charges from earlier changes", carriedOver, carriedClauses));
        var sum = lines.stream().map(Line::amount).reduce(Money.zero(taken.currency()), Money::plus);
        if (!sum.equals(taken)) { // never silently: the difference is named, so the lines still add up
            lines.add(new Line("Difference from the charges above", taken.minus(sum), catalog.rules().payment().clause().toString()));
        }
        return new Receipt(List.copyOf(lines), taken);
    }

    /** "Period payment: £159.00 (meal-plans 6(b)(i))" per line, then "Total: £163.95". */
    public List<String> paragraphs() {
        var out = new ArrayList<String>();
        for (var l : lines) out.add(l.label() + ": " + l.amount().display() + " (" + l.clause() + ")");
        out.add("Total: " + total.display());
        return out;
    }

    private static String label(Charge.Kind kind) {
        var words = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String clause(Catalog catalog, Plan plan, Charge.Kind kind) {
        var rules = catalog.rules();
        var payment = rules.payment().clause();
        return (switch (kind) {
            case PERIOD_PAYMENT -> plan.terms().billing().clause();
            case DELIVERY_CHARGE, WEEKEND_SURCHARGE, PUBLIC_HOLIDAY_SURCHARGE -> rules.deliveryCharges().map(Rule.DeliveryCharges::clause).orElse(payment);
            case REGIONAL_SURCHARGE -> rules.regionalSurcharges().map(Rule.RegionalSurcharges::clause).orElse(payment);
            case ADJUSTING_PAYMENT -> plan.terms().planChange().map(Rule.PlanChange::clause).orElse(payment);
            case CHARGEBACK_AMOUNT, CHARGEBACK_ADMIN_FEE -> rules.chargeback().map(Rule.ChargebackLiability::clause).orElse(payment);
            case REDELIVERY_CHARGE -> rules.failedDelivery().map(Rule.FailedDelivery::clause).orElse(payment);
            case RETURN_CHARGE -> rules.refusedDelivery().map(Rule.RefusedDelivery::clause).orElse(payment);
            case ADMIN_FEE, PROPORTIONATE_PAYMENT, GOODWILL_CANCELLATION_CHARGE -> payment;
        }).toString();
    }
}
