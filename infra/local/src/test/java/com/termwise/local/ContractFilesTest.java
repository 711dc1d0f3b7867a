package com.termwise.local;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes the local runner serves, the ones template.yaml deploys and the ones openapi.yaml documents are the same. */
class ContractFilesTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String file) throws Exception {
        // CloudFormation's short-form tags (!Ref, !GetAtt, !Sub) read as plain values here
        ConstructNode plain = node -> node instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s ? s.getValue() : null;
        var settings = LoadSettings.builder().setTagConstructors(Map.of(new Tag("!Ref"), plain, new Tag("!GetAtt"), plain,
                new Tag("!Sub"), plain, new Tag("!If"), plain, new Tag("!Equals"), plain, new Tag("!Not"), plain)).build();
        return (Map<String, Object>) new Load(settings).loadFromString(Files.readString(Path.of("../../" + file)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_local_runner_template_and_openapi_declare_the_same_routes() throws Exception {
        var deployed = new TreeSet<String>();
        var resources = (Map<String, Map<String, Object>>) yaml("template.yaml").get("Resources");
        for (var resource : resources.values()) {
            var properties = (Map<String, Object>) resource.get("Properties");
            var events = properties == null ? null : (Map<String, Map<String, Object>>) properties.get("Events");
            if (events == null) continue;
            for (var event : events.values()) {
                if (!"HttpApi".equals(event.get("Type"))) continue;
                var p = (Map<String, Object>) event.get("Properties");
                deployed.add(p.get("Method") + " " + p.get("Path"));
            }
        }
        var documented = new TreeSet<String>();
        var paths = (Map<String, Map<String, Object>>) yaml("openapi.yaml").get("paths");
        paths.forEach((path, methods) -> {
            if (!path.startsWith("/_local/")) methods.keySet().forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path));
        });
        var served = new TreeSet<String>();
        try (var termwise = LocalTermwise.start(0, Map.of())) {
            served.addAll(termwise.routeKeys());
        }
        assertEquals(served, deployed, "template.yaml");
        assertEquals(served, documented, "openapi.yaml");
    }

    /**
     * Every error code and reason code the code can answer with is listed in openapi.yaml, with its meaning: found in
     * the sources as Termwise writes them (a refusal naming a field, a not-found, an error answer, a decision's reason).
     */
    @Test
    @SuppressWarnings("unchecked")
    void every_error_and_reason_code_is_listed_in_openapi() throws Exception {
        var openapi = yaml("openapi.yaml");
        var errors = ((Map<String, Object>) openapi.get("x-error-codes")).keySet();
        var reasons = ((Map<String, Object>) openapi.get("x-reason-codes")).keySet();
        var errorCall = java.util.regex.Pattern.compile("(?:badField\\(\\s*[^,]+,|new RequestRefused\\(\\s*\\d{3}\\s*,|notFound\\(|ApiResponses\\.error\\(\\s*[^,]+,)\\s*\"([A-Z][A-Z0-9_]+)\"");
        var reasonCall = java.util.regex.Pattern.compile("new Reason\\(\\s*\"([A-Z][A-Z0-9_]*[A-Z0-9])\"");
        var missing = new TreeSet<String>();
        var root = java.nio.file.Path.of("../..").toAbsolutePath().normalize();
        try (var sources = java.nio.file.Files.walk(root)) {
            for (var file : sources.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/") && !f.toString().contains("/target/")).toList()) {
                var text = java.nio.file.Files.readString(file);
                errorCall.matcher(text).results().map(m -> m.group(1)).filter(c -> !errors.contains(c)).forEach(c -> missing.add("error " + c + " (" + file.getFileName() + ")"));
                reasonCall.matcher(text).results().map(m -> m.group(1)).filter(c -> !reasons.contains(c)).forEach(c -> missing.add("reason " + c + " (" + file.getFileName() + ")"));
            }
        }
        assertTrue(missing.isEmpty(), "not in openapi.yaml's x-error-codes / x-reason-codes: " + missing);
        assertTrue(errors.size() > 30 && reasons.size() > 80, errors.size() + " errors, " + reasons.size() + " reasons");
    }
}
