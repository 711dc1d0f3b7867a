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
        paths.forEach((path, methods) -> methods.keySet().forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        var served = new TreeSet<String>();
        try (var termwise = LocalTermwise.start(0, Map.of())) {
            served.addAll(termwise.routeKeys());
        }
        assertEquals(served, deployed, "template.yaml");
        assertEquals(served, documented, "openapi.yaml");
    }
}
