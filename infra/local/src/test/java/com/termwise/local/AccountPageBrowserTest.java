package com.termwise.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.termwise.stripesandbox.StripeSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static com.termwise.local.AccountActionsJourneyTest.course;
import static com.termwise.local.AccountActionsJourneyTest.each;
import static com.termwise.local.AccountActionsJourneyTest.mealPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Your Account" in a real browser (Debian's headless Chromium) against the local runner on its test clock: a customer
 * signs in, reads what the terms say about their plan, previews each action, confirms it once, and sees the result;
 * the test then checks through the API and the Stripe sandbox that what the page announced is what happened, and
 * later what the schedules did. Screenshots of every page visited are saved under target/account-page/.
 */
class AccountPageBrowserTest extends SandboxJourney {

    private Browser browser;
    private String test;

    @BeforeEach
    void needsChromium(TestInfo info) {
        // .ci/run installs Debian's chromium and chromium-driver; a machine without them says so and skips
        Assumptions.assumeTrue(Browser.installed(), "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        test = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) browser.close();
    }

    // ---- meal plans ----

    @Test
    void meal_plans_next_payment_a_delayed_box_and_a_late_address_change_with_its_fee_shown_first() throws Exception {
        startOn("2026-01-13T10:00:00Z");
        var meg = api.token("meg");
        buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        var sub = me(meg).at("/subscriptions/0");
        var subId = sub.get("id").asText();
        signIn("meg", 412, 915); // a phone

        // the next billing date and amount, with the box's delivery charge (meal-plans 6(b)(i), 7(f))
        var next = sub.get("nextPayment");
        assertEquals(sub.get("nextRenewalDate").asText(), next.get("on").asText());
        assertEquals(15900 + 495, next.at("/total/amount").asLong());
        var shown = nextPaymentOn(subId);
        assertEquals("£163.95 on " + day(next.get("on").asText()), shown);
        browser.screenshot("meal-plan-account");

        // delay the second box: the days allowed are offered, with the notice rule, before anything is asked
        var box = delivery(meg, 2);
        browser.click("[data-delivery='" + box.get("id").asText() + "'] [data-action='delay-delivery']");
        assertTrue(browser.find("#action-rules").getText().contains("up to 21 days, asked at least 5 working days before it is due. (meal-plans 7(b))"),
                browser.find("#action-rules").getText());
        var options = new Select(browser.find("#f-days")).getOptions();
        assertEquals(21, options.size(), "1 to 21 days offered");
        var moved = LocalDate.parse(box.get("scheduledDate").asText()).plusDays(7).toString();
        new Select(browser.find("#f-days")).selectByValue("7");
        var decision = preview();
        assertTrue(decision.contains("Delivery delayed"), decision);
        assertEquals(day(moved), effectiveDate());
        browser.screenshot("delay-previewed");
        assertEquals(box.get("scheduledDate").asText(), delivery(meg, 2).get("scheduledDate").asText(), "a preview changes nothing");
        confirm();
        assertEquals(moved, delivery(meg, 2).get("scheduledDate").asText(), "the box moved as the preview said");
        closeDialog();
        browser.find("[data-delivery='" + box.get("id").asText() + "']", day(moved));

        // an address change inside the five working days before a box: the £5 fee is shown before confirming (meal-plans 7(h))
        browser.click("[data-subscription='" + subId + "'] [data-action='delivery-address']");
        assertTrue(browser.find("#action-rules").getText().contains("an admin charge of £5.00. (meal-plans 7(h))"), browser.find("#action-rules").getText());
        browser.type("#f-address-line1", "2 Croft Road");
        browser.type("#f-address-city", "Leeds");
        browser.click("#action-preview");
        assertEquals("Enter the postcode.", browser.find("[data-field='address.postcode'] .field-error").getText(), "a missing field is named beside it");
        browser.type("#f-address-postcode", "ZZ");
        browser.click("#action-preview");
        assertEquals("'ZZ' is not a UK postcode.", browser.find("[data-field='address.postcode'] .field-error").getText(), "the API's answer, beside the field it names");
        assertEquals("f-address-postcode", browser.focused().get("id"));
        browser.screenshot("address-error-beside-its-field");
        browser.type("#f-address-postcode", "LS2 7AA");
        decision = preview();
        assertTrue(decision.contains("Admin charge: £5.00") && decision.contains("(meal-plans 7(h))"), decision);
        browser.screenshot("address-change-fee-previewed");
        assertEquals(List.of(), ledger(meg, "CHARGE_DUE"), "nothing is charged by a preview");
        browser.doubleClick("#action-confirm"); // one key for the decision, and the button is off while it is sent: one change
        browser.waitForText("Done.");
        closeDialog();
        assertEquals(List.of("500"), ledger(meg, "CHARGE_DUE"), "one fee, however many clicks");

        // the page's next payment now carries the fee; the renewal worker takes exactly what the page says, on that day
        var after = me(meg).at("/subscriptions/0/nextPayment");
        assertEquals(15900 + 495 + 500, after.at("/total/amount").asLong());
        assertEquals(pounds(after.at("/total/amount").asLong()) + " on " + day(after.get("on").asText()), nextPaymentOn(subId));
        browser.screenshot("fee-in-next-payment");
        api.advanceDays((int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse("2026-01-13"), LocalDate.parse(after.get("on").asText())) + 1);
        var renewal = intentsOf("meg@example.test").stream().filter(pi -> "2".equals(((Map<?, ?>) pi.get("metadata")).get("cycle"))).toList();
        assertEquals(1, renewal.size(), "one renewal charge: " + renewal);
        assertEquals(after.at("/total/amount").asLong(), ((Number) renewal.getFirst().get("amount")).longValue());
        assertEquals("succeeded", renewal.getFirst().get("status"));
        var paidOn = each(me(meg).at("/payments")).stream().filter(p -> p.get("cycle").asInt() == 2).findFirst().orElseThrow();
        assertEquals(after.get("on").asText(), paidOn.get("date").asText(), "charged on the day the page announced");
        browser.click("#refresh");
        browser.find("[data-table='payments']", day(after.get("on").asText()));
        browser.screenshot("renewal-paid");
    }

    @Test
    void meal_plans_notice_on_the_last_allowed_day_ends_the_plan_and_a_day_late_costs_the_next_month() throws Exception {
        startOn("2026-01-13T10:00:00Z");
        var nia = api.token("nia");
        var oli = api.token("oli");
        var courier = api.token("courier", "service");
        buy(nia, mealPlan("3-month"), StripeSandbox.VISA);
        buy(oli, mealPlan("3-month"), StripeSandbox.VISA);
        api.advanceDays(73); // Friday 27 March 2026: the last day to give notice before the renewal of 7 April (meal-plans 9(c)(1))
        firstBoxesDelivered(courier, nia, oli); // the first boxes arrived long ago: the 14 days of 8(b) are over

        signIn("nia", 1280, 900);
        var niaSub = me(nia).at("/subscriptions/0/id").asText();
        assertEquals("Friday 27 March 2026", browser.find("[data-subscription='" + niaSub + "'] .notice-deadline").getText());
        browser.click("[data-subscription='" + niaSub + "'] [data-action='cancel']");
        var decision = preview();
        assertTrue(decision.contains("Ends when the paid period ends"), decision);
        assertTrue(browser.find("[data-reason='ENDS_AT_PERIOD_END']").getText().contains("runs up to and including Monday 6 April 2026. (meal-plans 9(c)(1))"));
        assertEquals("Tuesday 7 April 2026", effectiveDate());
        browser.screenshot("notice-on-the-last-day-previewed");
        confirm();
        closeDialog();
        assertEquals("Monday 6 April 2026", browser.find("[data-subscription='" + niaSub + "'] .ends-on").getText());
        browser.screenshot("notice-on-the-last-day-confirmed");
        browser.click("#sign-out");

        api.advanceDays(1); // Saturday 28 March: a day late
        signIn("oli", 1280, 900);
        var oliSub = me(oli).at("/subscriptions/0/id").asText();
        browser.click("[data-subscription='" + oliSub + "'] [data-action='cancel']");
        decision = preview();
        assertEquals("Tuesday 5 May 2026", effectiveDate(), "a month more than Nia's");
        assertTrue(decision.contains("had to be given by Friday 27 March 2026"), decision);
        assertTrue(browser.find("[data-reason='NOTICE_TOO_LATE']").getText().contains("(meal-plans 9(c)(1))"));
        browser.screenshot("notice-a-day-late-previewed");
        confirm();
        closeDialog();
        assertEquals("Monday 4 May 2026", browser.find("[data-subscription='" + oliSub + "'] .ends-on").getText());
        browser.screenshot("notice-a-day-late-confirmed");

        // what the two decisions announced is what the renewals did: Nia is not charged on 7 April, Oli is, once, and not on 5 May
        api.advanceDays(40);
        assertEquals(List.of(1, 2, 3), cycles("nia@example.test"), "Nia's plan ended on 7 April with no fourth payment");
        assertEquals(List.of(1, 2, 3, 4), cycles("oli@example.test"), "Oli paid the extra month on 7 April, and nothing on 5 May");
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + niaSub, nia).text("/state"));
        assertEquals("CANCELLED", api.get("/v1/subscriptions/" + oliSub, oli).text("/state"));
    }

    // ---- online courses ----

    @Test
    void online_courses_enrol_within_the_cap_and_preview_a_cancellation_inside_and_after_the_14_days() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ann = api.token("ann");
        buy(ann, AccountActionsJourneyTest.annual(false, false), StripeSandbox.VISA);
        var subId = me(ann).at("/subscriptions/0/id").asText();
        signIn("ann", 412, 915);
        assertTrue(browser.find("#course-cap").getText().contains("You have 0 of 30 courses in progress. (online-courses 11.2)"));

        browser.click("[data-action='enrol']");
        assertTrue(browser.find("#action-rules").getText().contains("up to 30 courses in progress at once; you have 0. (online-courses 11.2)"));
        new Select(browser.find("#f-courseId")).selectByValue("bookkeeping-basics");
        var decision = preview();
        assertTrue(decision.contains("Enrolled"), decision);
        confirm();
        closeDialog();
        browser.find("#course-cap", "You have 1 of 30 courses in progress.");
        browser.find("[data-enrolment]", "Bookkeeping Basics");
        browser.screenshot("enrolled");

        // inside the 14 days: a full refund (online-courses 10.1, 10.2); previewed only, so nothing changes
        browser.click("[data-subscription='" + subId + "'] [data-action='cancel']");
        decision = preview();
        assertTrue(decision.contains("Cancelled, with a refund") && decision.contains("(online-courses 10.1)"), decision);
        assertTrue(browser.find("#action-decision .refund").getText().equals("£149.00"));
        browser.screenshot("cancel-inside-14-days-previewed");
        closeDialog();
        assertEquals("ACTIVE", api.get("/v1/subscriptions/" + subId, ann).text("/state"));
        assertEquals(List.of(), stripe.list("refund"), "a preview refunds nothing");

        // after them: access to the end of the paid year (online-courses 13.1, 13.2), confirmed with a double click
        api.advanceDays(15);
        browser.click("#refresh");
        browser.click("[data-subscription='" + subId + "'] [data-action='cancel']");
        decision = preview();
        var periodEnd = me(ann).at("/subscriptions/0/currentPeriod/end").asText();
        assertTrue(decision.contains("Ends when the paid period ends") && decision.contains("(online-courses 13.2)"), decision);
        assertEquals(day(periodEnd), effectiveDate());
        assertTrue(browser.driver().findElements(By.cssSelector("#action-decision .refund")).isEmpty(), "no refund after the 14 days: " + decision);
        browser.screenshot("cancel-after-14-days-previewed");
        browser.doubleClick("#action-confirm");
        browser.waitForText("Done.");
        closeDialog();
        assertEquals(day(LocalDate.parse(periodEnd).minusDays(1).toString()), browser.find("[data-subscription='" + subId + "'] .ends-on").getText());
        assertEquals(1, templates("ann").stream().filter(t -> t.equals("cancellation-scheduled")).count(), "one cancellation, one mail");
        browser.screenshot("cancelled-at-period-end");

        // online-courses 2.5: offers by email refused in one click, and asked for again
        assertEquals("We may email you offers on courses and other services.", browser.find("#marketing .marketing-choice").getText());
        browser.click("[data-action='marketing']", "Stop offers by email");
        browser.find("#marketing .said", "We no longer email you offers.");
        assertTrue(browser.find("#marketing .said").getText().contains("(online-courses 2.5)"));
        assertEquals("You refused offers by email on Tuesday 17 March 2026. Mails about your orders, payments and subscriptions still come.",
                browser.find("#marketing .marketing-choice").getText());
        assertFalse(me(ann).at("/marketing/offers").asBoolean(), "the page changed what the API keeps");
        browser.screenshot("offers-refused");
        browser.click("[data-action='marketing']", "Send me offers again");
        browser.find("#marketing .marketing-choice", "We may email you offers");
        assertTrue(me(ann).at("/marketing/offers").asBoolean());
    }

    // ---- course provider ----

    @Test
    void course_provider_cancelled_a_quarter_through_after_asking_to_begin_shows_the_proportionate_refund_and_the_model_form() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var cara = api.token("cara");
        var platform = api.token("learning-platform", "service");
        var orderId = buy(cara, course("course-provider", "public-speaking", true), StripeSandbox.VISA);
        var enrolment = me(cara).at("/enrolments/0/id").asText();
        assertEquals(200, api.post("/v1/enrolments/" + enrolment + "/progress", platform, "{\"percent\":25}").status());
        api.advanceDays(3);
        // course-provider 5.1: the provider announces two days without the course, with the terms' notice
        var ops = api.token("ops-1", "admin");
        assertEquals(200, api.post("/v1/admin/customers/cara/orders/" + orderId + "/suspend-service", ops,
                "{\"from\":\"2026-03-12\",\"backOn\":\"2026-03-14\",\"reason\":\"the video player is being replaced\"}").status());
        signIn("cara", 1280, 900);
        var facts = browser.find("[data-order='" + orderId + "'] dl").getText();
        assertTrue(facts.contains("From Thursday 12 March 2026 up to and including Friday 13 March 2026; it comes back on Saturday 14 March 2026."), facts);
        assertTrue(facts.contains("The version in force from Monday 1 January 2024"), facts);

        // the statutory information: the right, its last day, and the model form filled in with the order
        var right = browser.find("[data-order='" + orderId + "'] .cancellation-right").getText();
        assertTrue(right.contains("Open up to and including Monday 16 March 2026."), right);
        browser.click("[data-order='" + orderId + "'] [data-action='cancellation-form']");
        var form = browser.find("#cancellation-form").getText();
        assertTrue(form.contains("Model cancellation form") && form.contains("EtonX Limited, 201 Borough High Street, London SE1 1JA, United Kingdom, support@etonx.com")
                && form.contains("for the supply of the following service") && form.contains(orderId) && form.contains("Ordered on\nMonday 2 March 2026")
                && form.contains("Cara Diaz"), form);
        browser.screenshot("model-cancellation-form");
        browser.click("#cancellation-form button", "Close the form");

        browser.click("[data-order='" + orderId + "'] [data-action='cancel-order']");
        var decision = preview();
        assertTrue(decision.contains("Cancelled, with a refund") && decision.contains("For what was supplied: £73.75"), decision);
        assertEquals("£221.25", browser.find("#action-decision .refund").getText());
        assertTrue(decision.contains("£221.25 by Thursday 19 March 2026"), decision);
        assertTrue(browser.find("[data-reason='PROPORTIONATE_PAYMENT']").getText().contains("(course-provider 19.4.3)"));
        browser.screenshot("proportionate-refund-previewed");
        confirm();
        closeDialog();
        var refunds = browser.find("[data-order='" + orderId + "'] [data-table='refunds']").getText();
        assertTrue(refunds.contains("£221.25") && refunds.contains("Thursday 19 March 2026"), refunds);
        browser.screenshot("refund-on-the-order");
        var stripeRefunds = stripe.list("refund");
        assertEquals(1, stripeRefunds.size());
        assertEquals(22125L, ((Number) stripeRefunds.getFirst().get("amount")).longValue(), "Stripe refunded what the page announced");

        api.advanceDays(9); // Sat 14 Mar: the suspension is over, and the order says so
        browser.click("#refresh");
        browser.find("[data-order='" + orderId + "'] dl", "Access was suspended");
        assertTrue(browser.find("[data-order='" + orderId + "'] .service-suspension").getText().endsWith("it came back on Saturday 14 March 2026."));
    }

    // ---- a declined renewal ----

    @Test
    void a_declined_renewal_is_shown_and_paid_by_a_new_card_saved_on_stripes_page() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var dan = api.token("dan");
        var due = renewalDueOn(dan, StripeSandbox.CUSTOMER_FAIL); // every charge to it is declined
        var subId = me(dan).at("/subscriptions/0/id").asText();

        signIn("dan", 412, 915);
        var alert = browser.find("[data-past-due='" + subId + "']").getText();
        assertTrue(alert.contains("Your payment of " + pounds(due.at("/total/amount").asLong()) + " on " + day(due.get("on").asText()) + " did not go through (Your card was declined)"), alert);
        assertTrue(browser.find("#card").getText().contains("VISA ending 0341"), browser.find("#card").getText());
        browser.screenshot("renewal-declined");

        browser.click("[data-past-due='" + subId + "'] [data-action='replace-card']");
        browser.find("input[value='" + StripeSandbox.VISA + "']").click(); // Stripe's hosted card page
        browser.screenshot("stripe-card-page");
        browser.click("button[type='submit']");
        backUntilPaid();
        assertTrue(browser.find("#card").getText().contains("VISA ending 4242"));
        browser.screenshot("renewal-paid-by-the-new-card");
        var paid = intentsOf("dan@example.test").stream().filter(pi -> "succeeded".equals(pi.get("status"))
                && "2".equals(((Map<?, ?>) pi.get("metadata")).get("cycle"))).toList();
        assertEquals(1, paid.size(), "the renewal is charged once: " + paid);
        assertEquals(due.at("/total/amount").asLong(), ((Number) paid.getFirst().get("amount")).longValue(), "the amount the page showed");
    }

    @Test
    void a_renewal_the_bank_held_for_3d_secure_is_paid_on_stripes_page() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ava = api.token("ava");
        var due = renewalDueOn(ava, StripeSandbox.AUTHENTICATION_REQUIRED);
        var subId = me(ava).at("/subscriptions/0/id").asText();

        signIn("ava", 1280, 900);
        var alert = browser.find("[data-past-due='" + subId + "']").getText();
        assertTrue(alert.contains("Your bank wants you to approve the payment of " + pounds(due.at("/total/amount").asLong())), alert);
        browser.screenshot("renewal-held-for-3d-secure");
        browser.click("[data-past-due='" + subId + "'] [data-action='pay-now']");
        var amount = browser.find("p.amount").getText(); // Stripe's payment page
        assertEquals("GBP " + pounds(due.at("/total/amount").asLong()).substring(1), amount, "the page takes what the renewal announced");
        browser.screenshot("stripe-payment-page");
        browser.click("button[type='submit']");
        backUntilPaid();
        assertEquals("ACTIVE", api.get("/v1/subscriptions/" + subId, ava).text("/state"));
        var paid = intentsOf("ava@example.test").stream().filter(pi -> "succeeded".equals(pi.get("status"))).toList();
        assertEquals(2, paid.size(), "the first payment and the renewal, once each: " + paid);
        browser.screenshot("renewal-paid-after-3d-secure");
    }

    // ---- a chargeback ----

    @Test
    void a_chargeback_shows_what_is_owed_with_its_clauses() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var cara = api.token("cara");
        var orderId = buy(cara, course("course-provider", "public-speaking", false), StripeSandbox.VISA);
        var charge = me(cara).at("/payments/0/chargeId").asText();
        assertEquals(200, api.post("/_local/stripe/charges/" + charge + "/dispute", null, "{}").status());
        signIn("cara", 1280, 900);
        var owed = browser.find("#balance-owed").getText();
        var balance = me(cara).at("/balanceOwed/amount").asLong();
        assertEquals(29500 + 2500, balance, "the disputed payment and the £25 fee (course-provider 19.3.7)");
        assertTrue(owed.startsWith("You owe " + pounds(balance)) && owed.contains("(course-provider 19.3.7)"), owed);
        assertTrue(owed.contains("Your bank took back your payment of £295.00 on Monday 2 March 2026 (a chargeback)."), owed);
        browser.find("[data-order='" + orderId + "']");
        browser.screenshot("owed-after-a-chargeback");
    }

    // ---- another customer's ids ----

    @Test
    void another_customers_ids_in_the_address_show_nothing_of_theirs() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var meg = api.token("meg");
        var orderId = buy(meg, mealPlan("3-month"), StripeSandbox.VISA);
        var megSub = me(meg).at("/subscriptions/0/id").asText();
        api.token("eve");

        browser = new Browser(test, 1280, 900);
        browser.open(termwise.baseUri() + "/account/#subscription/" + megSub);
        signInOnPage("eve");
        var notFound = browser.find("#not-found").getText();
        assertEquals("There is no subscription " + megSub + " in your account. Everything that is yours is below.", notFound);
        browser.screenshot("someone-elses-subscription");
        browser.open(termwise.baseUri() + "/account/#order/" + orderId);
        browser.waitForText("There is no order " + orderId + " in your account.");
        browser.screenshot("someone-elses-order");
        var page = browser.source();
        for (var theirs : List.of("Meg Ward", "meg@example.test", "£163.95", "Jane Plan", "data-subscription=\"" + megSub)) {
            assertFalse(page.contains(theirs), "the page shows nothing of Meg's: " + theirs);
        }
        assertTrue(browser.text().contains("You have no subscriptions or orders yet."));
    }

    // ---- the keyboard alone, and contrast ----

    @Test
    void the_page_works_with_the_keyboard_alone_and_its_text_meets_wcag_aa_contrast() throws Exception {
        startOn("2026-03-02T10:00:00Z");
        var ann = api.token("ann");
        buy(ann, AccountActionsJourneyTest.annual(false, false), StripeSandbox.VISA);
        var dan = api.token("dan");
        buy(dan, mealPlan("3-month"), StripeSandbox.VISA);
        saveCard(dan, me(dan).at("/subscriptions/0/id").asText(), StripeSandbox.CUSTOMER_FAIL);
        api.advanceDays(29); // Dan's renewal is declined: the page shows its alert

        browser = new Browser(test, 412, 915);
        browser.open(termwise.baseUri() + "/account/");
        browser.waitForFocusOn("sign-in-sub", "the sign-in form has the focus once the page's settings have loaded");
        assertEquals(List.of(), browser.contrastFailures(), "sign-in");
        browser.keys("ann", org.openqa.selenium.Keys.TAB, "ann@example.test", org.openqa.selenium.Keys.ENTER);
        browser.find("#status", "Your account is up to date.");
        assertEquals(List.of(), browser.contrastFailures(), "the account");

        // Tab to "Cancel or give notice"; every stop shows where the focus is
        for (int i = 0; i < 40 && !"cancel".equals(browser.focused().get("action")); i++) {
            browser.keys(org.openqa.selenium.Keys.TAB);
            assertEquals(true, browser.focused().get("outline"), "a visible focus on " + browser.focused());
        }
        assertEquals("cancel", browser.focused().get("action"));
        browser.keys(org.openqa.selenium.Keys.ENTER);
        assertEquals("TEXTAREA", browser.focused().get("tag"), "the dialog's first field has the focus");
        browser.keys(org.openqa.selenium.Keys.TAB, org.openqa.selenium.Keys.ENTER); // "See what happens"
        browser.find("#action-decision .decision");
        assertEquals("action-confirm", browser.focused().get("id"), "the focus moves to Confirm once the decision is shown");
        assertEquals(List.of(), browser.contrastFailures(), "a decision previewed");
        browser.screenshot("keyboard-decision");
        browser.keys(org.openqa.selenium.Keys.ESCAPE);
        browser.until(d -> d.findElement(By.id("action")).isDisplayed() ? null : true, "Escape to close the dialog");
        assertEquals("ACTIVE", me(ann).at("/subscriptions/0/state").asText(), "nothing confirmed, nothing changed");

        browser.click("#sign-out");
        browser.keys("dan", org.openqa.selenium.Keys.ENTER);
        browser.find("[data-past-due]");
        assertEquals(List.of(), browser.contrastFailures(), "a declined renewal's alert");
        browser.screenshot("keyboard-past-due");
    }

    // ---- helpers ----

    /**
     * A 3 Month Plan bought with a good card, then {@code card} saved in its place, and the clock at the renewal: the
     * renewal is left unpaid (PAST_DUE). Returns the payment the account announced for that day.
     */
    private JsonNode renewalDueOn(String token, String card) {
        buy(token, mealPlan("3-month"), StripeSandbox.VISA);
        var subId = me(token).at("/subscriptions/0/id").asText();
        saveCard(token, subId, card);
        var due = me(token).at("/subscriptions/0/nextPayment");
        api.advanceDays((int) java.time.temporal.ChronoUnit.DAYS.between(LocalDate.parse(me(token).get("asOf").asText()), LocalDate.parse(due.get("on").asText())));
        assertEquals("PAST_DUE", api.get("/v1/subscriptions/" + subId, token).text("/state"));
        return due;
    }

    /**
     * Back on Your Account from Stripe's page: the renewal is charged by the recovery sweep (every five minutes in AWS; after
     * the webhook here), so the customer refreshes until the alert is gone and the plan is active.
     */
    private void backUntilPaid() {
        browser.find("#session");
        browser.until(d -> {
            d.findElement(By.id("refresh")).click();
            return d.findElements(By.cssSelector("[data-past-due]")).isEmpty() && d.findElement(By.id("account")).getText().contains("Status\nActive") ? true : null;
        }, "the renewal to be paid");
    }

    private void signIn(String sub, int width, int height) {
        if (browser == null) browser = new Browser(test, width, height);
        browser.open(termwise.baseUri() + "/account/");
        signInOnPage(sub);
    }

    private void signInOnPage(String sub) {
        browser.type("#sign-in-sub", sub);
        browser.type("#sign-in-email", sub + "@example.test");
        browser.click("#sign-in-submit");
        browser.find("#status", "Your account is up to date.");
    }

    private String preview() {
        browser.click("#action-preview");
        return browser.find("#action-decision .decision").getText();
    }

    private String effectiveDate() {
        return browser.find("#action-decision .effective-date").getText();
    }

    private void confirm() {
        browser.click("#action-confirm");
        browser.waitForText("Done.");
    }

    private void closeDialog() {
        browser.click("#action-close");
        browser.until(d -> d.findElement(By.id("action")).isDisplayed() ? null : true, "the dialog to close");
    }

    private String nextPaymentOn(String subId) {
        return browser.find("[data-subscription='" + subId + "'] .next-payment").getText();
    }

    private List<String> ledger(String token, String kind) {
        return each(me(token).at("/ledger")).stream().filter(e -> e.get("kind").asText().equals(kind)).map(e -> e.at("/amount/amount").asText()).toList();
    }

    /** The billing periods Stripe took a payment for, in order. */
    private List<Integer> cycles(String email) {
        return intentsOf(email).stream().filter(pi -> "succeeded".equals(pi.get("status")))
                .map(pi -> ((Map<?, ?>) pi.get("metadata")).get("cycle")).map(c -> c == null ? 1 : Integer.parseInt(c.toString())).sorted().toList();
    }

    private static String day(String iso) {
        return LocalDate.parse(iso).format(DAY);
    }

    private static String pounds(long pence) {
        return String.format("£%d.%02d", pence / 100, pence % 100);
    }
}
