package com.termwise.domain.rules;

import com.termwise.domain.catalog.Plan;
import com.termwise.domain.catalog.SubscriptionRegime;
import com.termwise.domain.money.Money;

import java.util.ArrayList;
import java.util.List;

/**
 * DMCC 2024 s.256 and Schedule 23 Part 1: before a subscription contract is made, the customer is given its key
 * information together and apart from everything else; s.257: they expressly acknowledge that they are agreeing to pay.
 * The lines are kept with the order and repeated in the confirmation mail, the record of what was given.
 */
public final class KeyPreContractInformation {

    private KeyPreContractInformation() {}

    public static List<String> lines(SubscriptionRegime regime, Plan plan, Money firstPayment, Money renewalPrice) {
        var terms = plan.terms();
        var every = terms.billing().every().everyInWords();
        var lines = new ArrayList<String>();
        lines.add("Key information (" + regime.preContract().keyInformation() + "): " + plan.name() + " is a subscription that renews automatically until you cancel.");
        lines.add("You pay " + firstPayment.display() + " now, then " + renewalPrice.display() + " " + every
                + terms.minimumTerm().map(m -> ", for at least " + m.periods() + " payments").orElse("") + ".");
        lines.add("You can cancel in one step from Your Account" + terms.cancelAtPeriodEnd().filter(c -> c.noticeWorkingDays() > 0)
                .map(c -> ", with " + c.noticeWorkingDays() + " working days' notice before a payment").orElse("") + " (" + regime.easyExit() + ").");
        terms.cancellationPeriod().ifPresent(c -> lines.add("You may cancel within " + c.days() + " days, and again within "
                + regime.renewalCoolingOff().days() + " days of a renewal of 12 months or more, or of a discount ending (" + regime.renewalCoolingOff().clause() + ")."));
        return lines;
    }

    public static String acknowledgement(SubscriptionRegime regime, Plan plan, Money renewalPrice) {
        var every = plan.terms().billing().every().everyInWords();
        return "I understand that I am agreeing to pay " + renewalPrice.display() + " " + every + " until I cancel ("
                + regime.preContract().acknowledgement() + ").";
    }
}
