package com.termwise.emulators;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code template.yaml} as composed YAML nodes: CloudFormation's short-form tags ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}) stay on the nodes as tags instead of failing a constructor, so the
 * local tools read the same template AWS deploys. Errors name the line.
 */
public final class TemplateYaml {

    private TemplateYaml() {
    }

    public static Node parse(InputStream template) {
        var settings = LoadSettings.builder().setLabel("template.yaml").build();
        return new Composer(settings, new ParserImpl(settings, new StreamReader(settings,
                new InputStreamReader(template, StandardCharsets.UTF_8)))).getSingleNode().orElseThrow();
    }

    public static Node at(Node node, String key) {
        return find(node, key).orElseThrow(() -> new IllegalArgumentException("template.yaml:" + line(node) + ": missing '" + key + "'"));
    }

    public static Optional<Node> find(Node node, String key) {
        if (!(node instanceof MappingNode map)) return Optional.empty();
        return map.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                .map(NodeTuple::getValueNode).findFirst();
    }

    /** A mapping's entries in template order. */
    public static Map<String, Node> entries(Node node) {
        var out = new LinkedHashMap<String, Node>();
        if (node instanceof MappingNode map) map.getValue().forEach(t -> out.put(text(t.getKeyNode()), t.getValueNode()));
        return out;
    }

    public static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? seq.getValue() : List.of();
    }

    public static String text(Node node) {
        if (node instanceof ScalarNode scalar) return scalar.getValue();
        throw new IllegalArgumentException("template.yaml:" + line(node) + ": expected a plain value");
    }

    /** The short-form intrinsic function on a node ({@code Ref}, {@code GetAtt}, {@code Sub}), if any. */
    public static Optional<String> intrinsic(Node node) {
        var tag = node.getTag().getValue();
        return tag.startsWith("!") ? Optional.of(tag.substring(1)) : Optional.empty();
    }

    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
