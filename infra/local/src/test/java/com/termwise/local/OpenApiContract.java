package com.termwise.local;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * openapi.yaml's response schemas, checked against what Termwise really answers: the journeys' client ({@link Api})
 * hands every {@code /v1} response here, so each journey holds the contract as it goes. A response whose route and
 * status declare a schema must match it; one that declares none is recorded, and ResponseSchemaTest holds that the
 * routes customers and their account page read all declare one.
 */
final class OpenApiContract {

    private static final String BASE = "https://termwise.test/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final OpenApiContract OPENAPI = new OpenApiContract(Path.of("../../openapi.yaml"));

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();
    /** "METHOD /template status" of every /v1 response seen, with whether a schema checked it. */
    final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    record Route(String method, String template, Pattern path) {}

    OpenApiContract(Path file) {
        try {
            document = YAMLMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var json = JSON.writeValueAsString(document);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(BASE, json)));
        for (var path : document.get("paths").propertyNames()) {
            if (!path.startsWith("/v1/")) continue;
            var pattern = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            for (var method : document.get("paths").get(path).propertyNames()) routes.add(new Route(method.toUpperCase(), path, pattern));
        }
        // a literal path before a template that would also match it (/v1/enrolments before /v1/enrolments/{id}/...)
        routes.sort(java.util.Comparator.comparingInt(r -> r.template().split("\\{").length));
    }

    /** Checks one response; an AssertionError lists what does not match, with the route and the body. */
    void check(String method, String path, int status, String body) {
        var route = routes.stream().filter(r -> r.method().equals(method) && r.path().matcher(path).matches()).findFirst();
        if (route.isEmpty()) return; // a route openapi.yaml does not list: ContractFilesTest holds the list itself
        var key = method + " " + route.get().template() + " " + status;
        var schema = schemas.computeIfAbsent(key, k -> schemaOf(route.get(), status));
        seen.merge(key, schema.isPresent(), Boolean::logicalOr);
        if (schema.isEmpty() || body == null || body.isBlank()) return;
        var errors = schema.get().validate(JSON.readTree(body));
        if (!errors.isEmpty()) {
            throw new AssertionError(key + " does not match openapi.yaml: " + errors.stream().map(Object::toString).toList() + "\n" + body);
        }
    }

    private Optional<Schema> schemaOf(Route route, int status) {
        var pointer = "/paths/" + escape(route.template()) + "/" + route.method().toLowerCase() + "/responses/" + status;
        var response = document.at(pointer);
        if (response.isMissingNode()) return Optional.empty();
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = document.at(pointer);
        }
        var schema = response.at("/content/application~1json/schema");
        if (schema.isMissingNode()) return Optional.empty();
        var at = schema.has("$ref") ? schema.get("$ref").asString() : "#" + pointer + "/content/application~1json/schema";
        return Optional.of(registry.getSchema(SchemaLocation.of(BASE + at)));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
