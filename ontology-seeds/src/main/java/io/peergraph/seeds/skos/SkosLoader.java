package io.peergraph.seeds.skos;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.SignatureResign;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.jena.rdf.model.Model;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes SKOS schemes into the graph as {@code :ConceptScheme} and {@code :Concept} nodes, one transaction per
 * scheme. Loading is a diff: only facts that differ are written (so loading the same seed twice changes
 * nothing, timestamps included), never a fact listed in the node's {@code moderated} (a moderator's word
 * beats any seed), and never an older version than the store holds. Concepts a newer seed no longer lists
 * are deprecated, not deleted, so their IRIs keep resolving.
 */
public final class SkosLoader {

    private static final Logger log = LoggerFactory.getLogger(SkosLoader.class);

    public static final String SEED_ORIGIN = "SEED";

    private static final String SCHEME_STATE = """
            MATCH (s:ConceptScheme {iri: $iri})
            RETURN properties(s) AS props
            """;

    private static final String UPSERT_SCHEME = """
            MERGE (s:ConceptScheme {iri: $iri})
            ON CREATE SET s.id = $id, s.origin = 'SEED', s.moderated = [], s.createdAt = $now
            SET s += $changes, s.updatedAt = $now
            """;

    private static final String CONCEPT_STATE = """
            UNWIND $iris AS iri
            MATCH (c:Concept {iri: iri})
            RETURN c.iri AS iri, properties(c) AS props,
                   [(c)-[:BROADER]->(b:Concept) | b.iri] AS broader,
                   [(c)-[:RELATED]->(r:Concept) | r.iri] AS related,
                   [(c)-[:REPLACED_BY]->(r:Concept) | r.iri] AS replacedBy,
                   EXISTS { (c)-[:IN_SCHEME]->(:ConceptScheme {iri: $scheme}) } AS member,
                   EXISTS { (c)-[:TOP_CONCEPT_OF]->(:ConceptScheme {iri: $scheme}) } AS top
            """;

    private static final String EXISTING = """
            UNWIND $iris AS iri
            MATCH (c:Concept {iri: iri})
            RETURN collect(c.iri) AS found
            """;

    // Relies on the unique constraint concept_iri.
    private static final String UPSERT_CONCEPTS = """
            UNWIND $rows AS row
            MERGE (c:Concept {iri: row.iri})
            ON CREATE SET c.id = row.id, c.origin = 'SEED', c.moderated = [], c.createdAt = $now
            SET c += row.changes, c.labelKeys = row.labelKeys, c.seedVersion = $version, c.updatedAt = $now
            WITH c, row
            MATCH (s:ConceptScheme {iri: $scheme})
            MERGE (c)-[:IN_SCHEME]->(s)
            WITH c, row, s
            CALL (c, row, s) {
              WITH * WHERE row.top
              MERGE (c)-[:TOP_CONCEPT_OF]->(s)
            }
            CALL (c, row, s) {
              WITH * WHERE NOT row.top AND NOT 'inScheme' IN c.moderated
              MATCH (c)-[t:TOP_CONCEPT_OF]->(s)
              DELETE t
            }
            """;

    /** Replaces a concept's outgoing edges of one type with the seed's; %s is a type from this class. */
    private static final String REPLACE_OUTGOING = """
            UNWIND $rows AS row
            MATCH (c:Concept {iri: row.iri})
            CALL (c) {
              MATCH (c)-[r:%1$s]->(:Concept)
              DELETE r
            }
            CALL (c, row) {
              UNWIND row.targets AS target
              MATCH (t:Concept {iri: target})
              CREATE (c)-[:%1$s {origin: 'SEED'}]->(t)
            }
            """;

    private static final String CONCEPT_IDS = """
            UNWIND $iris AS iri
            MATCH (c:Concept {iri: iri})
            RETURN collect(c.id) AS ids
            """;

    private static final String RETIRE_MISSING = """
            MATCH (c:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: $scheme})
            WHERE c.origin = 'SEED' AND NOT c.iri IN $iris AND c.status <> 'DEPRECATED' AND NOT 'status' IN c.moderated
            SET c.status = 'DEPRECATED', c.deprecationReason = $reason, c.seedVersion = $version, c.updatedAt = $now
            RETURN count(c) AS retired
            """;

    private final Driver driver;

    public SkosLoader(Driver driver) {
        this.driver = driver;
    }

    /**
     * Loads every scheme in the model; concepts outside any scheme are logged and skipped. A scheme whose links
     * point into a scheme loaded after it is loaded a second time, once every concept exists.
     */
    public List<LoadReport> load(Model model) {
        SkosReader.Result read = SkosReader.read(model);
        if (!read.conceptsOutsideSchemes().isEmpty()) {
            log.warn("Skipping {} concepts that belong to no scheme, e.g. {}", read.conceptsOutsideSchemes().size(),
                    read.conceptsOutsideSchemes().getFirst());
        }
        List<LoadReport> reports = new ArrayList<>(read.schemes().stream().map(this::load).toList());
        for (int i = 0; i < reports.size(); i++) {
            if (!reports.get(i).unresolved().isEmpty()) {
                reports.set(i, reports.get(i).then(load(read.schemes().get(i))));
            }
        }
        return reports;
    }

    public LoadReport load(SkosScheme scheme) {
        try (var session = driver.session()) {
            LoadReport report = session.executeWrite(tx -> load(tx, scheme, ZonedDateTime.now(ZoneOffset.UTC)));
            log.info("Seed {} {}: {}", scheme.iri(), scheme.version(), report);
            return report;
        }
    }

    private LoadReport load(TransactionContext tx, SkosScheme scheme, ZonedDateTime now) {
        List<Record> stored = tx.run(SCHEME_STATE, Map.of("iri", scheme.iri())).list();
        Map<String, Object> schemeProps = stored.isEmpty() ? Map.of() : stored.getFirst().get("props").asMap();
        if (schemeProps.get("seedVersion") instanceof String v && new SeedVersion(v).compareTo(scheme.version()) > 0) {
            return new LoadReport(scheme.iri(), scheme.version(), LoadReport.Outcome.SKIPPED_OLDER, 0, 0, 0, 0, 0, List.of());
        }
        boolean schemeChanged = upsertScheme(tx, scheme, schemeProps, now);

        List<String> iris = scheme.concepts().stream().map(SkosConcept::iri).toList();
        Map<String, Record> current = new HashMap<>();
        tx.run(CONCEPT_STATE, Map.of("iris", iris, "scheme", scheme.iri())).forEachRemaining(r -> current.put(r.get("iri").asString(), r));
        Set<String> resolvable = resolvable(tx, scheme);

        Diff diff = new Diff(scheme.iri(), resolvable);
        scheme.concepts().forEach(concept -> diff.add(concept, current.get(concept.iri())));

        Map<String, Object> params = new HashMap<>();
        params.put("scheme", scheme.iri());
        params.put("version", scheme.version().text());
        params.put("now", now);
        params.put("rows", diff.conceptRows);
        tx.run(UPSERT_CONCEPTS, params).consume();
        diff.edgeRows.forEach((type, rows) -> tx.run(REPLACE_OUTGOING.formatted(type), Map.of("rows", rows)).consume());
        // Reports under a concept whose broader links the seed changed carry the old concepts above it in their peer
        // signatures: re-signed in this transaction, or queued when they are many.
        List<String> moved = diff.edgeRows.get("BROADER").stream().map(row -> (String) row.get("iri")).toList();
        if (!moved.isEmpty()) {
            List<String> movedIds = tx.run(CONCEPT_IDS, Map.of("iris", moved)).single().get("ids").asList(v -> v.asString());
            SignatureResign.underConcepts(tx, movedIds, "seed " + scheme.iri() + " " + scheme.version().text());
        }

        params.put("iris", iris);
        params.put("reason", "Not in seed version " + scheme.version());
        int retired = tx.run(RETIRE_MISSING, params).single().get("retired").asInt();

        int unchanged = scheme.concepts().size() - diff.created - diff.updated;
        boolean changed = schemeChanged || diff.created + diff.updated + retired > 0;
        return new LoadReport(scheme.iri(), scheme.version(), changed ? LoadReport.Outcome.APPLIED : LoadReport.Outcome.UNCHANGED,
                diff.created, diff.updated, unchanged, retired, diff.keptByModerators, List.copyOf(diff.unresolved));
    }

    private boolean upsertScheme(TransactionContext tx, SkosScheme scheme, Map<String, Object> stored, ZonedDateTime now) {
        Map<String, Object> desired = new HashMap<>();
        scheme.prefLabels().forEach((lang, label) -> desired.put(ConceptProperties.key(ConceptProperties.PREF_LABEL, lang), label));
        scheme.definitions().forEach((lang, text) -> desired.put(ConceptProperties.key(ConceptProperties.DEFINITION, lang), text));
        desired.put("seedVersion", scheme.version().text());
        Map<String, Object> changes = changedFacts(desired, stored, schemeFactKeys(stored), List.of());
        if (!stored.isEmpty() && changes.isEmpty()) {
            return false;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("iri", scheme.iri());
        params.put("id", PublicId.CONCEPT_SCHEME.fromKey(scheme.iri()));
        params.put("changes", changes);
        params.put("now", now);
        tx.run(UPSERT_SCHEME, params).consume();
        return true;
    }

    private static Set<String> schemeFactKeys(Map<String, Object> stored) {
        Set<String> keys = new HashSet<>();
        stored.keySet().stream().filter(k -> k.startsWith(ConceptProperties.PREF_LABEL) || k.startsWith(ConceptProperties.DEFINITION)).forEach(keys::add);
        return keys;
    }

    /** Desired values that differ from stored ones; a stored fact the seed no longer states maps to null (removed). */
    static Map<String, Object> changedFacts(Map<String, Object> desired, Map<String, Object> stored, Set<String> storedFactKeys,
                                            List<?> moderated) {
        Map<String, Object> changes = new HashMap<>();
        Stream.concat(desired.keySet().stream(), storedFactKeys.stream()).distinct()
                .filter(key -> !moderated.contains(ConceptProperties.factOf(key)))
                .filter(key -> !Objects.equals(desired.get(key), stored.get(key)))
                .forEach(key -> changes.put(key, desired.get(key)));
        return changes;
    }

    private static Set<String> resolvable(TransactionContext tx, SkosScheme scheme) {
        Set<String> targets = new TreeSet<>();
        scheme.concepts().forEach(c -> {
            targets.addAll(c.broader());
            targets.addAll(c.related());
            if (c.replacedBy() != null) {
                targets.add(c.replacedBy());
            }
        });
        Set<String> found = new HashSet<>(tx.run(EXISTING, Map.of("iris", List.copyOf(targets))).single().get("found").asList(v -> v.asString()));
        scheme.concepts().forEach(c -> found.add(c.iri()));
        return found;
    }

    /** The writes one scheme needs, computed against the stored state. */
    private static final class Diff {
        private final String scheme;
        private final Set<String> resolvable;
        final List<Map<String, Object>> conceptRows = new ArrayList<>();
        final Map<String, List<Map<String, Object>>> edgeRows = Map.of("BROADER", new ArrayList<>(), "RELATED", new ArrayList<>(),
                "REPLACED_BY", new ArrayList<>());
        final Set<String> unresolved = new TreeSet<>();
        int created;
        int updated;
        int keptByModerators;

        Diff(String scheme, Set<String> resolvable) {
            this.scheme = scheme;
            this.resolvable = resolvable;
        }

        void add(SkosConcept concept, Record stored) {
            Map<String, Object> props = stored == null ? Map.of() : stored.get("props").asMap();
            List<Object> moderated = props.get("moderated") instanceof List<?> l ? List.copyOf(l) : List.of();
            Map<String, Object> desired = concept.literalFacts();
            Set<String> storedFacts = new HashSet<>(props.keySet());
            storedFacts.removeIf(key -> !ConceptProperties.isLiteralFact(key));
            Map<String, Object> changes = changedFacts(desired, props, storedFacts, moderated);
            keptByModerators += (int) Stream.concat(desired.keySet().stream(), storedFacts.stream()).distinct()
                    .filter(key -> moderated.contains(ConceptProperties.factOf(key)) && !Objects.equals(desired.get(key), props.get(key))).count();

            boolean edgesChanged = edges("BROADER", ConceptProperties.BROADER, concept.iri(), concept.broader(), stored, "broader", moderated);
            edgesChanged |= edges("RELATED", ConceptProperties.RELATED, concept.iri(), concept.related(), stored, "related", moderated);
            Set<String> replacement = concept.replacedBy() == null ? Set.of() : Set.of(concept.replacedBy());
            edgesChanged |= edges("REPLACED_BY", ConceptProperties.STATUS, concept.iri(), replacement, stored, "replacedBy", moderated);

            boolean top = concept.topConceptOf().contains(scheme);
            boolean membershipChanged = stored == null || !stored.get("member").asBoolean()
                    || (stored.get("top").asBoolean() != top && !moderated.contains(ConceptProperties.IN_SCHEME));
            if (stored != null && changes.isEmpty() && !edgesChanged && !membershipChanged) {
                return;
            }
            Map<String, Object> merged = new HashMap<>(props);
            changes.forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            Map<String, Object> row = new HashMap<>();
            row.put("iri", concept.iri());
            row.put("id", PublicId.CONCEPT.fromKey(concept.iri()));
            row.put("changes", changes);
            row.put("labelKeys", ConceptProperties.labelKeys(merged));
            row.put("top", top);
            conceptRows.add(row);
            if (stored == null) {
                created++;
            } else {
                updated++;
            }
        }

        private boolean edges(String type, String fact, String iri, Set<String> declared, Record stored, String column, List<Object> moderated) {
            if (moderated.contains(fact)) {
                return false;
            }
            Set<String> desired = new TreeSet<>();
            declared.forEach(target -> {
                if (resolvable.contains(target)) {
                    desired.add(target);
                } else {
                    unresolved.add(iri + " -> " + target);
                }
            });
            Set<String> current = stored == null ? Set.of() : new TreeSet<>(stored.get(column).asList(v -> v.asString()));
            if (desired.equals(current)) {
                return false;
            }
            edgeRows.get(type).add(Map.of("iri", iri, "targets", List.copyOf(desired)));
            return true;
        }
    }
}
