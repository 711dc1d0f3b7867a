package com.termwise.lambdaruntime;

import com.termwise.emulators.TemplateYaml;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.termwise.emulators.TemplateYaml.at;
import static com.termwise.emulators.TemplateYaml.entries;
import static com.termwise.emulators.TemplateYaml.find;
import static com.termwise.emulators.TemplateYaml.intrinsic;
import static com.termwise.emulators.TemplateYaml.line;
import static com.termwise.emulators.TemplateYaml.text;

/**
 * One {@code AWS::Serverless::Function} of {@code template.yaml} with the template's {@code Globals}
 * applied, as SAM applies them: its artifact, handler, timeout, memory, log format and environment.
 * The environment keeps its intrinsic functions until {@link #environment(Map)} resolves them against
 * what stands in locally for each resource and parameter.
 */
public record FunctionDefinition(String logicalId, Path artifact, String handler, int timeoutSeconds, int memoryMb,
                                 String logFormat, Map<String, Node> variables) {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    public static FunctionDefinition read(Path template, String logicalId) {
        return of(parse(template), template, logicalId);
    }

    /** The function of the template whose handler is {@code handlerClass}'s {@code handleRequest}. */
    public static FunctionDefinition forHandler(Path template, String handlerClass) {
        var root = parse(template);
        var logicalId = byHandler(root).get(handlerClass);
        if (logicalId == null) throw new IllegalArgumentException("template.yaml has no function with the handler " + handlerClass);
        return of(root, template, logicalId);
    }

    /** Each handler class of the template with the logical id of its function. */
    public static Map<String, String> byHandler(Path template) {
        return byHandler(parse(template));
    }

    private static Map<String, String> byHandler(Node root) {
        var out = new LinkedHashMap<String, String>();
        entries(at(root, "Resources")).forEach((logicalId, resource) -> find(resource, "Properties").flatMap(p -> find(p, "Handler"))
                .map(TemplateYaml::text).ifPresent(handler -> out.put(handler.split("::")[0], logicalId)));
        return out;
    }

    private static Node parse(Path template) {
        try (var in = Files.newInputStream(template)) {
            return TemplateYaml.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FunctionDefinition of(Node root, Path template, String logicalId) {
        var globals = find(root, "Globals").flatMap(g -> find(g, "Function"));
        var resource = at(at(root, "Resources"), logicalId);
        if (!"AWS::Serverless::Function".equals(text(at(resource, "Type"))))
            throw new IllegalArgumentException("template.yaml:" + line(resource) + ": " + logicalId + " is not an AWS::Serverless::Function");
        var props = at(resource, "Properties");
        var variables = new LinkedHashMap<String, Node>();
        Stream.concat(globals.stream(), Stream.of(props)) // the function's own values override Globals'
                .flatMap(scope -> find(scope, "Environment").flatMap(e -> find(e, "Variables")).stream())
                .forEach(v -> variables.putAll(entries(v)));
        return new FunctionDefinition(logicalId,
                template.toAbsolutePath().getParent().resolve(text(property(props, globals, "CodeUri"))),
                text(property(props, globals, "Handler")),
                Integer.parseInt(text(property(props, globals, "Timeout"))),
                Integer.parseInt(text(property(props, globals, "MemorySize"))),
                find(props, "LoggingConfig").flatMap(c -> find(c, "LogFormat"))
                        .or(() -> globals.flatMap(g -> find(g, "LoggingConfig")).flatMap(c -> find(c, "LogFormat")))
                        .map(TemplateYaml::text).orElse("Text"),
                variables);
    }

    /** The function's own value, else the one {@code Globals} gives. */
    private static Node property(Node props, Optional<Node> globals, String name) {
        return find(props, name).or(() -> globals.flatMap(g -> find(g, name)))
                .orElseThrow(() -> new IllegalArgumentException("template.yaml:" + line(props) + ": no " + name + " on the function or in Globals"));
    }

    /**
     * The environment with {@code !Ref X}, {@code !GetAtt X.Y} and {@code !Sub "...${X}..."} resolved from
     * {@code values} (keys {@code X} and {@code X.Y}); a reference nothing stands in for is an error naming it.
     */
    public Map<String, String> environment(Map<String, String> values) {
        var out = new LinkedHashMap<String, String>();
        variables.forEach((name, node) -> out.put(name, resolve(name, node, values)));
        return out;
    }

    private String resolve(String variable, Node node, Map<String, String> values) {
        var function = intrinsic(node);
        if (function.isEmpty()) return text(node);
        return switch (function.get()) {
            case "Ref", "GetAtt" -> lookup(variable, text(node), values);
            case "Sub" -> {
                var m = SUB.matcher(text(node));
                var sb = new StringBuilder();
                while (m.find()) m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(lookup(variable, m.group(1), values)));
                yield m.appendTail(sb).toString();
            }
            default -> throw new IllegalArgumentException("template.yaml:" + line(node) + ": " + logicalId + " " + variable
                    + " uses !" + function.get() + ", which the local launcher does not resolve");
        };
    }

    private String lookup(String variable, String name, Map<String, String> values) {
        var value = values.get(name);
        if (value == null) throw new IllegalArgumentException(logicalId + " environment variable " + variable + " refers to " + name
                + ", which nothing stands in for locally");
        return value;
    }
}
