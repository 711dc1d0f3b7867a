package com.termwise.app;

import com.termwise.domain.calendar.CustomerDates;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.decision.Reason;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The mails Termwise sends, one template per kind, each naming the clause behind what it tells
 * the customer. Rendered when the state change is recorded (into the outbox), in plain text and
 * HTML; they carry no secret, only what the customer's own account page shows.
 */
public final class Mails {

    public static final String CHARGEBACK_OWED = "chargeback-owed";

    private final Ids ids;

    public Mails(Ids ids) {
        this.ids = ids;
    }

    public record Mail(String subject, List<String> paragraphs) {}

    public OutboxRecord record(String template, CustomerProfile to, Mail mail, Instant now) {
        var text = "Hello " + to.name() + ",\n\n" + String.join("\n\n", mail.paragraphs()) + "\n";
        var html = new StringBuilder("<p>Hello ").append(escape(to.name())).append(",</p>");
        mail.paragraphs().forEach(p -> html.append("<p>").append(escape(p)).append("</p>"));
        return new OutboxRecord(ids.next("out"), to.id(), OutboxRecord.Channel.MAIL, template, Optional.of(to.email()),
                mail.subject(), text, Optional.of(html.toString()), now);
    }

    public OutboxRecord event(String customerId, String detailType, String detailJson, Instant now) {
        return new OutboxRecord(ids.next("out"), customerId, OutboxRecord.Channel.EVENT, detailType, Optional.empty(),
                detailType, detailJson, Optional.empty(), now);
    }

    public static Mail orderAccepted(Purchase purchase, String planName, Clause confirmation, Receipt receipt, List<String> whatHappensNext) {
        var order = purchase.order();
        var paragraphs = new java.util.ArrayList<String>();
        paragraphs.add("Thank you: we have received your payment of " + order.paid().display() + " for " + planName
                + ", and your order " + order.id() + " is confirmed (" + confirmation + ").");
        paragraphs.addAll(receipt.paragraphs());
        order.contractDate().ifPresent(d -> paragraphs.add("Your contract started on " + CustomerDates.day(d) + "."));
        paragraphs.addAll(consentsConfirmed(purchase));
        paragraphs.addAll(whatHappensNext);
        return new Mail("Your order is confirmed: " + planName, paragraphs);
    }

    /** How a line of information shown at checkout (not a question answered) is kept among the consents shown. */
    public static final String KEY_INFORMATION = "keyInformation: ";

    /**
     * CCR 2013 regs 16 and 37(1)(c): the confirmation repeats, on a durable medium, what the customer asked for and
     * acknowledged at checkout about the cancellation right, in the words they were shown, with the time they answered.
     */
    static List<String> consentsConfirmed(Purchase purchase) {
        if (purchase.consentsShown().isEmpty()) return List.of();
        var out = new java.util.ArrayList<String>();
        var when = purchase.order().consents().givenAt().map(t -> t.atZone(com.termwise.domain.calendar.BusinessCalendar.LONDON))
                .map(t -> " on " + CustomerDates.day(t.toLocalDate()) + " at " + String.format("%02d:%02d", t.getHour(), t.getMinute()) + " (UK time)")
                .orElse("");
        // information given rather than asked (DMCC 2024 s.256's key information) comes first, as it was shown
        purchase.consentsShown().stream().filter(s -> s.startsWith(KEY_INFORMATION)).map(s -> s.substring(KEY_INFORMATION.length())).forEach(out::add);
        out.add("What you told us at checkout" + when + ", confirmed by this email (CCR 2013 reg 37):");
        for (var shown : purchase.consentsShown()) {
            if (shown.startsWith(KEY_INFORMATION)) continue;
            int colon = shown.indexOf(": ");
            var answer = shown.substring(0, Math.max(colon, 0)).endsWith("=true") ? "yes" : "no";
            out.add("\u201c" + shown.substring(colon + 2) + "\u201d Your answer: " + answer + ".");
        }
        return out;
    }

    public static Mail refundIssued(Purchase purchase, com.termwise.domain.money.Money amount, Clause clause) {
        return new Mail("Your refund of " + amount.display(), List.of(
                "We have refunded " + amount.display() + " for order " + purchase.id() + " to the card you paid with (" + clause + ").",
                "Refunds usually reach your account within 5 to 10 days."));
    }

    /** A decision told to the customer: what happens, every reason with its clause, the refund and its deadline, any charge. */
    /**
     * What the first payment a customer can still stop is, and how: meal-plans 9(c)(1)'s notice (online-courses 13.1:
     * any time before the renewal), with the day the plan then ends. The payment it protects is named, because the
     * next one may already be past stopping (a deadline passed, or a minimum term).
     */
    public static Optional<String> notice(com.termwise.domain.catalog.Plan plan, com.termwise.domain.subscription.Subscription s, java.time.LocalDate today) {
        var rule = plan.terms().cancelAtPeriodEnd();
        return com.termwise.domain.rules.NoticeDeadline.shown(plan.terms(), s, today).map(next ->
                "The first payment you can still stop is the one due on " + CustomerDates.day(next.renewal()) + ": give notice by "
                        + CustomerDates.day(next.deadline()) + " (" + rule.orElseThrow().clause() + ") and your plan runs "
                        + CustomerDates.upToAndIncluding(next.renewal()) + ".");
    }

    /** {@code paragraphs}, then each of the decision's reasons with its clause. */
    public static List<String> withReasons(List<String> paragraphs, com.termwise.domain.decision.Decision decision) {
        var out = new java.util.ArrayList<>(paragraphs);
        decision.reasons().forEach(r -> out.add(r.message() + " (" + r.clause() + ")"));
        return out;
    }

    public static Mail decided(String subject, String opening, com.termwise.domain.decision.Decision decision) {
        var paragraphs = new java.util.ArrayList<>(withReasons(List.of(opening), decision));
        if (decision.refund().isPositive()) {
            paragraphs.add("We are refunding " + decision.refund().display() + " to the card you paid with"
                    + decision.refundDueBy().map(d -> "; it will reach you by " + CustomerDates.day(d)).orElse("") + ".");
        }
        decision.charges().forEach(c -> paragraphs.add("Charge: " + c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " " + c.amount().display() + "."));
        return new Mail(subject, paragraphs);
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * An event's detail, written by a JSON library: a value may be text a customer typed (an address line with a
     * newline or a tab), and EventBridge refuses a detail that is not valid JSON.
     */
    public static String json(String... keyValues) {
        var out = new java.io.StringWriter();
        try (var json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (int i = 0; i < keyValues.length; i += 2) json.writeStringField(keyValues[i], keyValues[i + 1]);
            json.writeEndObject();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
