package com.termwise.domain.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalogs a deployment serves, by id, each in every version of its terms still in force for someone
 * ({@link TermsVersion}). Built-in ones are read from {@code /catalogs/<id>.yaml}, and their earlier versions from
 * the files that one names (no scanning).
 */
public final class Catalogs {

    private final Map<String, NavigableMap<LocalDate, Catalog>> byId;

    public Catalogs(List<Catalog> catalogs) {
        var map = new LinkedHashMap<String, NavigableMap<LocalDate, Catalog>>();
        for (var c : catalogs) {
            if (map.computeIfAbsent(c.id(), id -> new TreeMap<>()).put(c.version().inForceFrom(), c) != null) {
                throw new CatalogException(c.id() + ": termsVersion " + c.version().inForceFrom() + " is given twice");
            }
        }
        map.replaceAll((id, versions) -> Collections.unmodifiableNavigableMap(versions));
        this.byId = Collections.unmodifiableMap(map);
    }

    public static Catalogs builtIn() {
        var all = new ArrayList<Catalog>();
        for (var id : CatalogLoader.BUILT_IN) {
            var current = loadResource("catalogs/" + id + ".yaml");
            all.add(current);
            for (var earlier : current.version().earlier()) all.add(loadResource("catalogs/" + id + "@" + earlier + ".yaml"));
        }
        return new Catalogs(all);
    }

    static Catalog loadResource(String file) {
        return CatalogLoader.fromClasspath(file, CatalogLoader::load);
    }

    /**
     * The version of a catalog's terms in force on {@code day}: the latest that came into force on or before it. A day
     * before every version (a date of birth, a test's distant past) has the first version.
     */
    public Optional<Catalog> inForce(String id, LocalDate day) {
        return Optional.ofNullable(byId.get(id)).map(versions -> Optional.ofNullable(versions.floorEntry(day)).orElse(versions.firstEntry()).getValue());
    }

    /** The terms a contract was made under: exactly the version it recorded (one made before versions were recorded has the version of its order day). */
    public Catalog of(UnderTerms contract) {
        return inForce(contract.catalogId(), contract.termsVersion())
                .orElseThrow(() -> new IllegalStateException("unknown catalog " + contract.catalogId()));
    }

    /** Every catalog in the version in force on {@code day}. */
    public List<Catalog> all(LocalDate day) {
        return byId.keySet().stream().map(id -> inForce(id, day).orElseThrow()).toList();
    }
}
