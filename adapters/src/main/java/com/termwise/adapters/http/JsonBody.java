package com.termwise.adapters.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.termwise.app.RequestRefused;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read strictly: malformed JSON, a wrong type, a missing required field, an
 * unknown field or {@code null} is a 400 that names the field (by its dotted path), before anything
 * is decided. No field of openapi.yaml is nullable: {@code null} is never read as "absent" (a
 * {@code "preview": null} once carried an action out).
 */
public final class JsonBody {

    public static final int MAX_BYTES = 64 * 1024;
    /** The longest text any field takes (openapi.yaml: maxLength); fields with a shorter limit check it themselves. */
    public static final int MAX_STRING = 1000;

    private final String path;
    private final Map<String, Object> fields;

    private JsonBody(String path, Map<String, Object> fields) {
        this.path = path;
        this.fields = fields;
    }

    public static JsonBody parse(String body) {
        if (body == null || body.isBlank()) throw RequestRefused.badField("body", "MALFORMED_JSON", "The request needs a JSON body.");
        if (body.length() > MAX_BYTES || body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new RequestRefused(413, "BODY_TOO_LARGE", "The request body is larger than 64 KiB.", Optional.of("body"), Optional.empty());
        }
        try (var parser = ApiResponses.JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw RequestRefused.badField("body", "MALFORMED_JSON", "The body must be a JSON object.");
            var value = readObject(parser, "");
            if (parser.nextToken() != null) throw RequestRefused.badField("body", "MALFORMED_JSON", "Unexpected content after the JSON object.");
            return new JsonBody("", value);
        } catch (JsonParseException e) {
            throw RequestRefused.badField("body", "MALFORMED_JSON", "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRefused.badField("body", "MALFORMED_JSON", "The body could not be read.");
        }
    }

    /** Rejects any field not in {@code allowed}: a misspelt field must not be silently ignored where it matters. */
    public JsonBody only(String... allowed) {
        var known = Set.of(allowed);
        for (var name : fields.keySet()) {
            if (!known.contains(name)) throw RequestRefused.badField(name(name), "UNKNOWN_FIELD", "Unknown field '" + name(name) + "'.");
        }
        return this;
    }

    public String string(String name) {
        return optString(name).orElseThrow(() -> missing(name));
    }

    public Optional<String> optString(String name) {
        return typed(name, String.class, "a string").filter(s -> !s.isBlank()).or(() -> {
            if (fields.get(name) instanceof String) throw RequestRefused.badField(name(name), "INVALID_FIELD", "'" + name(name) + "' must not be empty.");
            return Optional.empty();
        });
    }

    public boolean bool(String name) {
        return optBool(name).orElseThrow(() -> missing(name));
    }

    public Optional<Boolean> optBool(String name) {
        return typed(name, Boolean.class, "true or false");
    }

    public Optional<Long> optLong(String name) {
        return typed(name, Long.class, "a whole number");
    }

    /** An array of strings. */
    public List<String> strings(String name) {
        var list = typed(name, List.class, "an array of strings").orElse(List.of());
        for (var v : list) {
            if (!(v instanceof String)) throw RequestRefused.badField(name(name), "INVALID_TYPE", "'" + name(name) + "' must be an array of strings.");
        }
        return list.stream().map(String.class::cast).toList();
    }

    /**
     * A date of this century or the last two: no date a customer, courier or operator sends means the year 1 or
     * +999999999 (whose arithmetic overflows). Each field's own range (a birth date within 120 years, a delivery after
     * its dispatch) is checked where its meaning is known.
     */
    public Optional<LocalDate> optDate(String name) {
        return optString(name).map(s -> {
            LocalDate date;
            try {
                date = LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw RequestRefused.badField(name(name), "INVALID_FIELD", "'" + name(name) + "' must be a date like 2026-03-30.");
            }
            if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
                throw RequestRefused.badField(name(name), "OUT_OF_RANGE", "'" + name(name) + "' must be between " + MIN_YEAR + " and " + MAX_YEAR + ".");
            }
            return date;
        });
    }

    static final int MIN_YEAR = 1900, MAX_YEAR = 2199;

    public LocalDate date(String name) {
        return optDate(name).orElseThrow(() -> missing(name));
    }

    /** One of an enum's constants, written as declared: anything else is a 400 that lists them. */
    public <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        var value = string(name);
        var constants = type.getEnumConstants();
        for (var c : constants) if (c.name().equals(value)) return c;
        var names = java.util.Arrays.stream(constants).map(Enum::name).toList();
        throw RequestRefused.badField(name(name), "INVALID_FIELD", "'" + name(name) + "' is "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast() + ".");
    }

    public JsonBody object(String name) {
        return optObject(name).orElseThrow(() -> missing(name));
    }

    @SuppressWarnings("unchecked")
    public Optional<JsonBody> optObject(String name) {
        return typed(name, Map.class, "an object").map(m -> new JsonBody(name(name), (Map<String, Object>) m));
    }

    private <T> Optional<T> typed(String name, Class<T> type, String description) {
        var value = fields.get(name);
        if (value == null) return Optional.empty();
        if (!type.isInstance(value)) throw RequestRefused.badField(name(name), "INVALID_TYPE", "'" + name(name) + "' must be " + description + ".");
        return Optional.of(type.cast(value));
    }

    private RequestRefused missing(String name) {
        return RequestRefused.badField(name(name), "MISSING_FIELD", "'" + name(name) + "' is required.");
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Map<String, Object> readObject(JsonParser p, String path) throws IOException {
        var out = new LinkedHashMap<String, Object>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var key = p.currentName();
            var name = path.isEmpty() ? key : path + "." + key;
            p.nextToken();
            if (out.put(key, readValue(p, name)) != null) throw RequestRefused.badField(name, "DUPLICATE_FIELD", "'" + name + "' appears twice.");
        }
        return out;
    }

    private static Object readValue(JsonParser p, String name) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> readObject(p, name);
            case START_ARRAY -> {
                var list = new ArrayList<Object>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(readValue(p, name + "[" + list.size() + "]"));
                yield List.copyOf(list);
            }
            case VALUE_STRING -> {
                if (p.getTextLength() > MAX_STRING) {
                    throw RequestRefused.badField(name, "TOO_LONG", "'" + name + "' is at most " + MAX_STRING + " characters.");
                }
                yield p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw RequestRefused.badField(name, "OUT_OF_RANGE", "'" + name + "' is too large.");
                }
                yield p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> throw RequestRefused.badField(name, "NULL_FIELD", "'" + name + "' must not be null: leave it out instead.");
            default -> throw RequestRefused.badField("body", "MALFORMED_JSON", "Unexpected " + p.currentToken() + ".");
        };
    }
}
