package com.termwise.domain.catalog;

import com.termwise.domain.decision.Clause;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of a business's clause, as its terms put them, so a reader of a decision can read the
 * clause it cites. Kept beside each catalog ({@code terms/<catalog>.clauses.tsv}: one clause per line,
 * its number, a tab, its text), read when first asked for: deciding never needs it.
 */
public final class ClauseWording {

    private static final Map<String, Map<String, String>> BY_CATALOG = new ConcurrentHashMap<>();

    private ClauseWording() {}

    public static Optional<String> of(Clause clause) {
        return Optional.ofNullable(BY_CATALOG.computeIfAbsent(clause.source(), ClauseWording::load).get(clause.number()));
    }

    private static Map<String, String> load(String catalogId) {
        var texts = new HashMap<String, String>();
        var resource = ClauseWording.class.getResourceAsStream("/terms/" + catalogId + ".clauses.tsv");
        if (resource == null) return texts; // a statute (CCR 2013), or a catalog without its wording
        try (var in = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) continue;
                texts.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(texts);
    }
}
