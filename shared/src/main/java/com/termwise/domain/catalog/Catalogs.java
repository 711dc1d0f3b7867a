package com.termwise.domain.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalogs a deployment serves, by id. Built-in ones are read from {@code /catalogs/<id>.yaml} by name (no scanning). */
public final class Catalogs {

    private final Map<String, Catalog> byId;

    public Catalogs(List<Catalog> catalogs) {
        var map = new LinkedHashMap<String, Catalog>();
        catalogs.forEach(c -> map.put(c.id(), c));
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    public static Catalogs builtIn() {
        return new Catalogs(CatalogLoader.BUILT_IN.stream().map(Catalogs::loadResource).toList());
    }

    static Catalog loadResource(String id) {
        var file = "catalogs/" + id + ".yaml";
        try (InputStream in = Catalogs.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) throw new CatalogException(file + ":0: (document): not found on the classpath");
            return CatalogLoader.load(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    public Optional<Catalog> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Catalog> all() {
        return List.copyOf(byId.values());
    }
}
