package com.termwise.adapters.dynamo;

import com.termwise.domain.decision.Charge;
import com.termwise.domain.money.Money;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reading and writing DynamoDB attribute maps by hand: explicit, no reflection, nothing scanned at
 * init. Absent optionals are absent attributes; money is {@code {"a": minor units, "c": currency}}.
 */
final class Attributes {

    /** Builds an item. */
    static final class Writer {
        final Map<String, AttributeValue> item = new HashMap<>();

        Writer s(String name, String value) {
            item.put(name, AttributeValue.fromS(value));
            return this;
        }

        Writer s(String name, Optional<?> value) {
            value.ifPresent(v -> item.put(name, AttributeValue.fromS(v.toString())));
            return this;
        }

        Writer n(String name, long value) {
            item.put(name, AttributeValue.fromN(Long.toString(value)));
            return this;
        }

        Writer bool(String name, boolean value) {
            item.put(name, AttributeValue.fromBool(value));
            return this;
        }

        Writer money(String name, Money value) {
            item.put(name, money(value));
            return this;
        }

        Writer charges(String name, List<Charge> charges) {
            item.put(name, AttributeValue.fromL(charges.stream()
                    .map(c -> AttributeValue.fromM(Map.of("kind", AttributeValue.fromS(c.kind().name()), "amount", money(c.amount())))).toList()));
            return this;
        }

        Writer strings(String name, List<String> values) {
            item.put(name, AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList()));
            return this;
        }

        Writer map(String name, Map<String, AttributeValue> value) {
            item.put(name, AttributeValue.fromM(value));
            return this;
        }

        Writer list(String name, List<AttributeValue> values) {
            item.put(name, AttributeValue.fromL(values));
            return this;
        }

        Map<String, AttributeValue> build() {
            return Map.copyOf(item);
        }

        static AttributeValue money(Money value) {
            return AttributeValue.fromM(Map.of("a", AttributeValue.fromN(Long.toString(value.amount())),
                    "c", AttributeValue.fromS(value.currency().getCurrencyCode())));
        }
    }

    /** Reads an item; a missing required attribute is a corrupt item and fails loudly, naming it. */
    record Reader(Map<String, AttributeValue> item) {

        String s(String name) {
            return require(name).s();
        }

        Optional<String> optS(String name) {
            return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
        }


        long n(String name) {
            return Long.parseLong(require(name).n());
        }

        int i(String name) {
            return Math.toIntExact(n(name));
        }

        boolean bool(String name) {
            return require(name).bool();
        }

        LocalDate date(String name) {
            return LocalDate.parse(s(name));
        }

        Optional<LocalDate> optDate(String name) {
            return optS(name).map(LocalDate::parse);
        }

        Instant instant(String name) {
            return Instant.parse(s(name));
        }

        Optional<Instant> optInstant(String name) {
            return optS(name).map(Instant::parse);
        }

        Money money(String name) {
            return money(require(name));
        }

        Optional<Money> optMoney(String name) {
            return Optional.ofNullable(item.get(name)).map(Reader::money);
        }

        List<Charge> charges(String name) {
            return list(name, v -> new Charge(Charge.Kind.valueOf(v.m().get("kind").s()), money(v.m().get("amount"))));
        }

        List<String> strings(String name) {
            return list(name, AttributeValue::s);
        }

        <T> List<T> list(String name, Function<AttributeValue, T> element) {
            var out = new ArrayList<T>();
            Optional.ofNullable(item.get(name)).ifPresent(v -> v.l().forEach(e -> out.add(element.apply(e))));
            return out;
        }

        Optional<Reader> optMap(String name) {
            return Optional.ofNullable(item.get(name)).map(v -> new Reader(v.m()));
        }

        static Money money(AttributeValue v) {
            return Money.of(Long.parseLong(v.m().get("a").n()), Currency.getInstance(v.m().get("c").s()));
        }

        private AttributeValue require(String name) {
            var v = item.get(name);
            if (v == null) throw new IllegalStateException("item " + item.get("PK") + "/" + item.get("SK") + " has no '" + name + "'");
            return v;
        }
    }

    private Attributes() {}
}
