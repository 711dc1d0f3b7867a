package com.termwise.domain.catalog;

import com.termwise.domain.catalog.Rule.*;
import com.termwise.domain.decision.Clause;
import com.termwise.domain.money.Money;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a catalog file strictly: an unknown key, a wrong type, a missing price or a rule without a
 * clause fails with {@code <file>:<line>: <field>: <problem>}. Cross-references (plans named by
 * other rules, course kinds) are checked too, so a loaded catalog is one the rules can trust.
 */
public final class CatalogLoader {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern POSTCODE_PART = Pattern.compile("[A-Z]{1,2}(\\d{1,2}(-[A-Z]{1,2}\\d{1,2})?)?");

    private CatalogLoader() {}

    public static Catalog load(String fileName, String yaml) {
        return new Binder(fileName).catalog(root(fileName, yaml));
    }

    /** A statutory regime file ({@link SubscriptionRegime}): the same checks, its clauses cited as sections of the act it names. */
    public static SubscriptionRegime regime(String fileName, String yaml) {
        return new Binder(fileName).regime(root(fileName, yaml));
    }

    /** A file this build ships, read by name from the classpath (never scanned for) and parsed by {@code parse}. */
    static <T> T fromClasspath(String file, java.util.function.BiFunction<String, String, T> parse) {
        try (var in = CatalogLoader.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) throw new CatalogException(file + ":0: (document): not found on the classpath");
            return parse.apply(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(file, e);
        }
    }

    private static YamlNode root(String fileName, String yaml) {
        var settings = LoadSettings.builder().setLabel(fileName).build();
        org.snakeyaml.engine.v2.nodes.Node root;
        try {
            var composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)));
            root = composer.getSingleNode().orElseThrow(() -> new CatalogException(fileName + ":1: (document): the file is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new CatalogException(fileName + ":" + line + ": (document): not valid YAML: " + e.getProblem());
        }
        return new YamlNode(fileName, "", root);
    }

    private static final class Binder {
        private final String file;
        private String catalogId = "?";
        private Currency currency = Money.GBP;

        Binder(String file) {
            this.file = file;
        }

        Catalog catalog(YamlNode doc) {
            catalogId = id(doc.get("id"));
            var version = termsVersion(doc.get("termsVersion"));
            var current = catalogId + ".yaml";
            var archived = catalogId + "@" + version.inForceFrom() + ".yaml";
            if (!file.endsWith("/" + current) && !file.equals(current) && !file.endsWith(archived)) {
                throw doc.get("id").error("catalog id '" + catalogId + "' and termsVersion " + version.inForceFrom() + " do not match its file name " + file);
            }
            var name = doc.string("name");
            var termsDocument = doc.string("terms");
            var trader = trader(doc.get("trader"), name);
            var currencyNode = doc.get("currency");
            try {
                currency = Currency.getInstance(currencyNode.asString());
            } catch (IllegalArgumentException e) {
                throw currencyNode.error("'" + currencyNode.asString() + "' is not an ISO 4217 currency code");
            }
            var rules = catalogRules(doc.get("rules"));
            var courses = new LinkedHashMap<String, Course>();
            for (var course : doc.list("courses", this::course)) {
                if (courses.putIfAbsent(course.id(), course) != null) throw doc.error("course '" + course.id() + "' is listed twice");
            }
            var plansNode = doc.optional("plans");
            Map<String, Plan> plans = plansNode.map(n -> n.asMap(this::plan)).orElse(Map.of());
            Map<String, PlanTerms> coursePurchase = doc.optional("coursePurchase").map(n -> n.asMap((kind, terms) -> {
                if (!kind.equals(Catalog.DEFAULT_COURSE_TERMS) && CourseKind.fromCode(kind).isEmpty()) {
                    throw terms.error("'" + kind + "' is not a course kind or 'default'");
                }
                var purchaseTerms = planTerms(terms);
                terms.requireAllKeysRead();
                return purchaseTerms;
            })).orElse(Map.of());
            doc.requireAllKeysRead();
            if (!courses.isEmpty() && coursePurchase.isEmpty() && plans.isEmpty()) {
                throw doc.error("courses are listed but neither plans nor coursePurchase terms say how they are bought");
            }
            if (plans.isEmpty() && coursePurchase.isEmpty()) throw doc.error("a catalog must offer at least one plan or course");
            checkReferences(plansNode, plans, rules);
            return new Catalog(catalogId, version, name, trader, termsDocument, currency, rules, plans, coursePurchase, courses);
        }

        private void checkReferences(Optional<YamlNode> plansNode, Map<String, Plan> plans, CatalogRules rules) {
            for (var plan : plans.values()) {
                var at = plansNode.orElseThrow().get(plan.id());
                plan.terms().planChange().ifPresent(change -> change.to().forEach(target -> {
                    if (!plans.containsKey(target)) throw at.error("planChange.to names unknown plan '" + target + "'");
                }));
                plan.terms().goodwillCancellation().ifPresent(g -> {
                    if (!plans.containsKey(g.ratePlan())) throw at.error("goodwillCancellation.ratePlan names unknown plan '" + g.ratePlan() + "'");
                });
                if (plan.terms().autoRenews() && rules.dunning().isEmpty()) {
                    throw at.error("a plan that renews automatically needs rules.dunning: what happens when a renewal payment fails");
                }
                if (plan.terms().minimumTerm().isPresent() && !plan.terms().billing().every().recurring()) {
                    throw at.error("a minimumTerm needs a recurring billing interval");
                }
                if (rules.delivers() && plan.terms().billing().every() == BillingInterval.P28D && rules.deliveryCadence().isEmpty()) {
                    throw at.error("a delivering plan billed every 28 days needs rules.deliveryCadence");
                }
            }
        }

        CatalogRules catalogRules(YamlNode n) {
            var rules = new CatalogRules(
                    rule(n.get("payment"), c -> new PaymentBeforeConfirmation(c)),
                    rule(n.get("contract"), (r, c) -> new ContractFormation(r.enumValue("formedOn", ContractFormedOn.class), c)),
                    rule(n.get("offers"), (r, c) -> new OfferTerms(r.positiveInt("expiresAfterDays"),
                            r.bool("withdrawable", true), r.bool("transferable", true), c)),
                    optionalRule(n, "minimumAge", (r, c) -> new MinimumAge(r.positiveInt("years"), c)),
                    optionalRule(n, "parentalConsent", (r, c) -> new ParentalConsent(r.positiveInt("underAge"), c)),
                    optionalRule(n, "chargeback", (r, c) -> new ChargebackLiability(money(r, "adminFee"), r.positiveInt("payWithinDays"), c)),
                    optionalRule(n, "suspensionWhileOwed", (r, c) -> new SuspensionWhileOwed(c)),
                    optionalRule(n, "inactivity", (r, c) -> new InactivityAnonymisation(period(r.get("anonymiseAfter")), c)),
                    optionalRule(n, "courseWithdrawal", (r, c) -> new CourseWithdrawalRefund(c)),
                    optionalRule(n, "refundDeadline", (r, c) -> new RefundDeadline(r.positiveInt("days"), c)),
                    optionalRule(n, "courseAvailability", (r, c) -> new CourseAvailability(c)),
                    optionalRule(n, "foodDays", (r, c) -> new FoodDays(r.positiveInt("perMonth"), r.positiveInt("weekendsExcluded"), c)),
                    optionalRule(n, "firstDelivery", (r, c) -> new FirstDelivery(r.positiveInt("withinDays"), c)),
                    optionalRule(n, "deliveryCadence", (r, c) -> new DeliveryCadence(r.positiveInt("everyDays"), c)),
                    optionalRule(n, "deliveryDelay", (r, c) -> new DeliveryDelayTerms(r.positiveInt("maxDays"), r.positiveInt("noticeWorkingDays"), c)),
                    optionalRule(n, "dispatch", (r, c) -> new DispatchTerms(time(r.get("cutoff")), r.positiveInt("withinWorkingDays"), c)),
                    optionalRule(n, "deliveryCharges", (r, c) -> new DeliveryCharges(money(r, "standard"), money(r, "weekendSurcharge"), money(r, "publicHolidaySurcharge"), c)),
                    optionalRule(n, "regionalSurcharges", (r, c) -> new RegionalSurcharges(r.list("regions", this::region), c)),
                    optionalRule(n, "addressChange", (r, c) -> new AddressChangeTerms(r.positiveInt("noticeWorkingDays"), money(r, "lateFee"), c)),
                    optionalRule(n, "dunning", (r, c) -> new Dunning(r.get("retryAfterDays").asList(YamlNode::asLong).stream().map(Long::intValue).toList(),
                            r.bool("withholdDeliveries", false), r.optional("uncollectedOwed").map(this::clause), c)),
                    optionalRule(n, "renewalReminder", (r, c) -> new RenewalReminder(r.positiveInt("daysBefore"), recurring(r.get("every")), c)),
                    optionalRule(n, "priceError", (r, c) -> new PriceError(c)),
                    optionalRule(n, "accountDeletion", (r, c) -> new AccountDeletion(c)),
                    optionalRule(n, "serviceSuspension", (r, c) -> new ServiceSuspension(r.positiveInt("noticeWorkingDays"), clause(r.get("emergency")), c)),
                    optionalRule(n, "marketingOffers", (r, c) -> new MarketingOffers(c)),
                    optionalRule(n, "failedDelivery", (r, c) -> new FailedDelivery(money(r, "redeliveryCharge"), c)),
                    optionalRule(n, "refusedDelivery", (r, c) -> new RefusedDelivery(money(r, "returnCharge"), c)));
            n.requireAllKeysRead();
            if (rules.delivers() && (rules.deliveryCharges().isEmpty() || rules.dispatch().isEmpty())) {
                throw n.error("a catalog with firstDelivery must also give deliveryCharges and dispatch");
            }
            return rules;
        }

        Region region(YamlNode r) {
            var postcodes = r.get("postcodes").asList(p -> {
                var code = p.asString();
                if (!POSTCODE_PART.matcher(code).matches()) throw p.error("'" + code + "' is not a postcode area (BT) or district range (PA20-PA49)");
                return code;
            });
            var region = new Region(r.string("name"), money(r, "surcharge"), postcodes);
            r.requireAllKeysRead();
            return region;
        }

        Course course(YamlNode n) {
            var kindNode = n.get("kind");
            var kind = CourseKind.fromCode(kindNode.asString())
                    .orElseThrow(() -> kindNode.error("'" + kindNode.asString() + "' is not one of standard, awarding-body, bundle, career-path, exclusive"));
            var course = new Course(id(n.get("id")), n.string("title"), positiveMoney(n, "price"), kind, n.bool("available", true));
            n.requireAllKeysRead();
            return course;
        }

        Plan plan(String planId, YamlNode n) {
            if (!ID.matcher(planId).matches()) throw n.error("plan id must be lower-case letters, digits and dashes");
            var plan = new Plan(planId, n.string("name"), positiveMoney(n, "price"),
                    n.optional("weekdaysOnlyPrice").map(p -> positiveMoney(p)), Optional.empty(), planTerms(n));
            n.requireAllKeysRead();
            return plan;
        }

        /** Reads the rule keys of a plan (or course-purchase terms); the caller checks for unknown keys. */
        PlanTerms planTerms(YamlNode n) {
            var terms = new PlanTerms(
                    rule(n.get("billing"), (r, c) -> new Billing(r.enumValue("every", BillingInterval.class), c)),
                    optionalRule(n, "minimumTerm", (r, c) -> new MinimumTerm(r.positiveInt("periods"), c)),
                    optionalRule(n, "renewal", (r, c) -> new AutoRenewal(recurring(r.get("every")), c)),
                    optionalRule(n, "cancelAtPeriodEnd", (r, c) -> new CancelAtPeriodEnd((int) nonNegative(r, "noticeWorkingDays"), c)),
                    optionalRule(n, "cancellationPeriod", (r, c) -> new CancellationPeriod(r.positiveInt("days"),
                            r.enumValue("startsOn", PeriodStartsOn.class), r.bool("reasonRequired", false), c)),
                    optionalRule(n, "serviceBegun", (r, c) -> new ServiceBegun(r.enumValue("effect", BegunEffect.class), r.positiveInt("statuteRegulation"), c)),
                    optionalRule(n, "cancellationRefund", (r, c) -> new CancellationRefund(r.enumValue("amount", RefundAmount.class), c)),
                    n.list("refundExclusions", e -> rule(e, (r, c) -> new RefundExclusion(r.enumValue("when", ExclusionKind.class),
                            r.optionalInteger("minCourses").orElse(2L).intValue(), r.optionalInteger("percent").orElse(50L).intValue(), c))),
                    optionalRule(n, "reasonableCauseRefund", (r, c) -> new ReasonableCauseRefund(c)),
                    optionalRule(n, "access", this::access),
                    optionalRule(n, "courseCap", (r, c) -> new CourseCap(r.positiveInt("maxInProgress"), c)),
                    optionalRule(n, "coverage", (r, c) -> new Coverage(kinds(r.get("excludes")), c)),
                    optionalRule(n, "noEnrolmentAfterCancelling", (r, c) -> new NoEnrolmentAfterCancelling(c)),
                    optionalRule(n, "pause", (r, c) -> new Pause(r.positiveInt("maxDays"), c)),
                    optionalRule(n, "planChange", (r, c) -> new PlanChange(r.get("to").asList(p -> id(p)), r.enumValue("timing", ChangeTiming.class), c)),
                    optionalRule(n, "priceChange", (r, c) -> new PriceChangeNotice(r.positiveInt("noticeDays"), c)),
                    optionalRule(n, "rejoin", (r, c) -> new Rejoin(c)),
                    optionalRule(n, "breach", (r, c) -> new Breach(r.enumValue("action", BreachAction.class), c)),
                    optionalRule(n, "businessTermination", (r, c) -> new BusinessTermination(c)),
                    optionalRule(n, "goodwillCancellation", (r, c) -> new GoodwillCancellation(id(r.get("ratePlan")), c)));
            if (terms.autoRenews() && !terms.billing().every().recurring()) {
                throw n.get("renewal").error("a plan billed " + terms.billing().every() + " cannot renew automatically");
            }
            return terms;
        }

        Access access(YamlNode r, Clause c) {
            var until = r.enumValue("until", AccessUntil.class);
            var duration = r.optional("duration").map(this::period);
            if (until == AccessUntil.DURATION && duration.isEmpty()) throw r.error("access until DURATION needs a duration (e.g. P1Y)");
            return new Access(until, duration.orElse(java.time.Period.ZERO), c);
        }

        java.util.Set<CourseKind> kinds(YamlNode n) {
            var out = new LinkedHashSet<CourseKind>();
            for (var code : n.asList(YamlNode::asString)) {
                out.add(CourseKind.fromCode(code).orElseThrow(() -> n.error("'" + code + "' is not a course kind")));
            }
            return java.util.Set.copyOf(out);
        }

        SubscriptionRegime regime(YamlNode doc) {
            catalogId = doc.string("act");
            var preContract = doc.get("preContract");
            var reminders = doc.get("reminders");
            var exit = doc.get("easyExit");
            var ending = doc.get("endOfContractNotice");
            var cooling = doc.get("renewalCoolingOff");
            var regime = new SubscriptionRegime(catalogId, date(doc.get("commencement")),
                    new SubscriptionRegime.PreContract(section(preContract, "keyInformation"), section(preContract, "acknowledgement")),
                    new SubscriptionRegime.Reminders(reminders.positiveInt("workingDaysBefore"), reminders.positiveInt("everyMonths"),
                            clause(reminders), section(reminders, "timing")),
                    clause(exit),
                    new SubscriptionRegime.EndOfContractNotice(ending.positiveInt("onlineWithinHours"), ending.positiveInt("otherwiseWorkingDays"), clause(ending)),
                    new SubscriptionRegime.RenewalCoolingOff(cooling.positiveInt("days"), cooling.positiveInt("minimumRenewalMonths"), clause(cooling),
                            section(cooling, "window"), section(cooling, "refund")));
            for (var n : List.of(preContract, reminders, exit, ending, cooling)) n.requireAllKeysRead();
            doc.requireAllKeysRead();
            return regime;
        }

        private Clause section(YamlNode n, String key) {
            return Clause.of(catalogId, n.string(key));
        }

        private TermsVersion termsVersion(YamlNode n) {
            var version = new TermsVersion(date(n.get("inForceFrom")), clause(n), n.list("earlier", this::date));
            n.requireAllKeysRead();
            for (var earlier : version.earlier()) {
                if (!earlier.isBefore(version.inForceFrom())) throw n.error("an earlier version (" + earlier + ") must come before " + version.inForceFrom());
            }
            return version;
        }

        private LocalDate date(YamlNode n) {
            try {
                return LocalDate.parse(n.asString());
            } catch (DateTimeParseException e) {
                throw n.error("'" + n.asString() + "' is not a date (YYYY-MM-DD)");
            }
        }

        /** The business as its terms name it; the trading name stands where the terms give no legal name. */
        private Trader trader(YamlNode n, String tradingName) {
            var trader = new Trader(n.optionalString("name").orElse(tradingName), n.optionalString("address"), n.optionalString("email"),
                    n.optionalString("phone"), clause(n));
            n.requireAllKeysRead();
            return trader;
        }

        // ---- typed values ----

        /** Every rule must name its clause; the number is read as written ("3.10" stays "3.10"). */
        Clause clause(YamlNode rule) {
            var node = rule.get("clause");
            // numbers such as 3.1 or 14 are clause numbers too: take the text as written, whatever YAML typed it as
            var raw = node.rawScalar();
            if (raw.isBlank()) throw node.error("a clause number is required, e.g. \"9(c)(1)\"");
            return Clause.of(catalogId, raw.strip());
        }

        <T extends Rule> T rule(YamlNode r, java.util.function.BiFunction<YamlNode, Clause, T> make) {
            var clause = clause(r);
            var rule = make.apply(r, clause);
            r.requireAllKeysRead();
            return rule;
        }

        <T extends Rule> T rule(YamlNode r, java.util.function.Function<Clause, T> make) {
            return rule(r, (node, clause) -> make.apply(clause));
        }

        <T extends Rule> Optional<T> optionalRule(YamlNode parent, String key, java.util.function.BiFunction<YamlNode, Clause, T> make) {
            return parent.optional(key).map(r -> rule(r, make));
        }

        String id(YamlNode n) {
            var raw = n.asString();
            if (!ID.matcher(raw).matches()) throw n.error("'" + raw + "' is not an id (lower-case letters, digits and dashes)");
            return raw;
        }

        Money money(YamlNode parent, String key) {
            var n = parent.get(key);
            long minor = n.asLong();
            if (minor < 0) throw n.error("an amount cannot be negative");
            return Money.of(minor, currency);
        }

        Money positiveMoney(YamlNode parent, String key) {
            var n = parent.optional(key).orElseThrow(() -> parent.error("missing required field '" + key + "' (the price in minor units, e.g. 4900 for £49.00)"));
            return positiveMoney(n);
        }

        Money positiveMoney(YamlNode n) {
            long minor = n.asLong();
            if (minor <= 0) throw n.error("a price must be more than zero (minor units, e.g. 4900 for £49.00)");
            return Money.of(minor, currency);
        }

        long nonNegative(YamlNode parent, String key) {
            var n = parent.get(key);
            long v = n.asLong();
            if (v < 0) throw n.error("cannot be negative");
            return v;
        }

        java.time.Period period(YamlNode n) {
            try {
                return java.time.Period.parse(n.asString());
            } catch (DateTimeParseException e) {
                throw n.error("'" + n.asString() + "' is not an ISO-8601 period such as P12M");
            }
        }

        BillingInterval recurring(YamlNode n) {
            var every = n.asEnum(BillingInterval.class);
            if (!every.recurring()) throw n.error("renewal must be every P28D or P1Y");
            return every;
        }

        LocalTime time(YamlNode n) {
            try {
                return LocalTime.parse(n.asString());
            } catch (DateTimeParseException e) {
                throw n.error("'" + n.asString() + "' is not a time such as 12:30");
            }
        }
    }

    /** The names of the built-in catalogs, shipped under {@code /catalogs} (listed, not scanned). */
    public static final List<String> BUILT_IN = List.of("online-courses", "course-provider", "meal-plans");
}
