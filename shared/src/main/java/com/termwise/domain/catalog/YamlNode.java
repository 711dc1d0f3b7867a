package com.termwise.domain.catalog;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A strict, typed view of one YAML node for the catalog binder: every read names the field, every
 * failure says {@code file:line: path: problem}, and {@link #requireAllKeysRead()} rejects keys the
 * schema does not know. Binding is explicit code (no reflection), which keeps a Lambda's init small.
 */
final class YamlNode {
    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                var key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null) throw error(tuple.getKeyNode(), path, "keys must be plain names");
                if (entries.putIfAbsent(key, tuple) != null) {
                    throw error(tuple.getKeyNode(), child(key), "duplicate key");
                }
            }
        }
    }

    String path() {
        return path;
    }

    CatalogException error(String problem) {
        return error(node, path, problem);
    }

    private CatalogException error(Node at, String field, String problem) {
        return new CatalogException(file + ":" + lineOf(at) + ": " + (field.isEmpty() ? "(document)" : field) + ": " + problem);
    }

    private static int lineOf(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Set<String> keys() {
        requireMapping();
        return entries.keySet();
    }

    private void requireMapping() {
        if (!(node instanceof MappingNode)) throw error("expected a mapping of keys to values");
    }

    /** A child that must be present. */
    YamlNode get(String key) {
        return optional(key).orElseThrow(() -> error("missing required field '" + key + "'"));
    }

    Optional<YamlNode> optional(String key) {
        requireMapping();
        read.add(key);
        var tuple = entries.get(key);
        if (tuple == null || isNull(tuple.getValueNode())) return Optional.empty();
        return Optional.of(new YamlNode(file, child(key), tuple.getValueNode()));
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    String string(String key) {
        return get(key).asString();
    }

    Optional<String> optionalString(String key) {
        return optional(key).map(YamlNode::asString);
    }

    long integer(String key) {
        return get(key).asLong();
    }

    Optional<Long> optionalInteger(String key) {
        return optional(key).map(YamlNode::asLong);
    }

    int positiveInt(String key) {
        var n = get(key);
        long v = n.asLong();
        if (v <= 0 || v > Integer.MAX_VALUE) throw n.error("must be a positive whole number, was " + v);
        return (int) v;
    }

    boolean bool(String key, boolean defaultValue) {
        return optional(key).map(YamlNode::asBoolean).orElse(defaultValue);
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        return get(key).asEnum(type);
    }

    <T> List<T> list(String key, Function<YamlNode, T> element) {
        return optional(key).map(n -> n.asList(element)).orElse(List.of());
    }

    String asString() {
        var s = scalar();
        if (!Tag.STR.equals(s.getTag())) throw error("expected text, got " + describe(s));
        if (s.getValue().isBlank()) throw error("must not be blank");
        return s.getValue();
    }

    long asLong() {
        var s = scalar();
        if (!Tag.INT.equals(s.getTag())) throw error("expected a whole number, got " + describe(s));
        try {
            return Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a whole number, got '" + s.getValue() + "'");
        }
    }

    /** The scalar's text as written, whatever type YAML resolved it to. */
    String rawScalar() {
        return scalar().getValue();
    }

    boolean asBoolean() {
        var s = scalar();
        if (!Tag.BOOL.equals(s.getTag())) throw error("expected true or false, got " + describe(s));
        return Boolean.parseBoolean(s.getValue());
    }

    <E extends Enum<E>> E asEnum(Class<E> type) {
        var raw = asString();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(raw)) return constant;
        }
        var allowed = new ArrayList<String>();
        for (E constant : type.getEnumConstants()) allowed.add(constant.name());
        throw error("'" + raw + "' is not one of " + String.join(", ", allowed));
    }

    <T> List<T> asList(Function<YamlNode, T> element) {
        if (!(node instanceof SequenceNode seq)) throw error("expected a list");
        var out = new ArrayList<T>();
        var items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            out.add(element.apply(new YamlNode(file, path + "[" + i + "]", items.get(i))));
        }
        return List.copyOf(out);
    }

    /** Each key/value of a mapping, in file order. */
    <T> Map<String, T> asMap(java.util.function.BiFunction<String, YamlNode, T> value) {
        var out = new LinkedHashMap<String, T>();
        for (String key : keys()) {
            out.put(key, value.apply(key, get(key)));
        }
        return out;
    }

    /** Rejects any key of this mapping that the binder did not ask for: an unknown key is a mistake, not a comment. */
    void requireAllKeysRead() {
        requireMapping();
        for (var e : entries.entrySet()) {
            if (!read.contains(e.getKey())) {
                throw error(e.getValue().getKeyNode(), child(e.getKey()), "unknown field (allowed here: " + String.join(", ", read) + ")");
            }
        }
    }

    private ScalarNode scalar() {
        if (node instanceof ScalarNode s) return s;
        throw error("expected a single value, got a " + (node instanceof MappingNode ? "mapping" : "list"));
    }

    private static String describe(ScalarNode s) {
        var kind = Tag.INT.equals(s.getTag()) ? "a number" : Tag.BOOL.equals(s.getTag()) ? "a boolean"
                : Tag.FLOAT.equals(s.getTag()) ? "a decimal number" : "text";
        return kind + " '" + s.getValue() + "'";
    }
}
