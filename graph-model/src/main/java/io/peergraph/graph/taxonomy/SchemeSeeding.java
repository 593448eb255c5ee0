package io.peergraph.graph.taxonomy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.SignatureResign;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Writes one seed scheme into the graph as {@code :ConceptScheme} and {@code :Concept} nodes, in one transaction:
 * reads what is stored, lets the caller (the SKOS loader, which knows what a seed means) {@linkplain SchemePlanner
 * plan} only the facts that differ, and writes those. Reports under a concept whose broader links the seed moved are
 * re-signed in the same transaction (or queued, {@link SignatureResign}); concepts of the scheme that the seed no
 * longer lists are deprecated, never deleted, unless a moderator owns their status.
 */
public final class SchemeSeeding {

    /** A concept-to-concept link a seed states; the relationship type of the same name. */
    public enum Link { BROADER, RELATED, REPLACED_BY }

    /** A stored concept as the seed diff needs it: properties, outgoing links by target IRI, membership of the scheme. */
    public record StoredConcept(Map<String, Object> props, List<String> broader, List<String> related, List<String> replacedBy,
                                boolean member, boolean top) {}

    /**
     * What the store holds for a scheme: its properties (empty when new), its concepts the seed lists, by IRI, and
     * which of the link targets the seed names exist already.
     */
    public record StoredScheme(Map<String, Object> props, Map<String, StoredConcept> concepts, Set<String> existingTargets) {}

    /** A concept to create or update: the facts that changed (null value = remove), its label keys, whether it is a top concept. */
    public record ConceptWrite(String iri, Map<String, Object> changes, List<String> labelKeys, boolean top) {}

    /** Replaces a concept's outgoing links of one type with these targets. */
    public record LinksWrite(String iri, List<String> targets) {}

    /**
     * The writes of one load. {@code schemeChanges} null leaves the scheme node as it is; {@code conceptIris} are all
     * the concepts the seed lists (the scheme's other seed concepts are retired with {@code retireReason}).
     */
    public record SchemeWrite(Map<String, Object> schemeChanges, String version, List<String> conceptIris, List<ConceptWrite> concepts,
                              Map<Link, List<LinksWrite>> links, String retireReason) {}

    /** Decides the writes from the stored state; empty writes nothing (the store holds a newer version). May run twice on a retry. */
    @FunctionalInterface
    public interface SchemePlanner extends Function<StoredScheme, Optional<SchemeWrite>> {}

    /** What the load did: {@code skipped} when the planner wrote nothing, else how many concepts it retired. */
    public record Seeded(boolean skipped, int retired) {}

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

    /** Replaces a concept's outgoing edges of one type with the seed's; %s is a {@link Link} name, never user text. */
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

    public SchemeSeeding(GraphConnection graph) {
        this.driver = graph.driver();
    }

    /**
     * Loads one scheme in one transaction. {@code conceptIris} are the concepts the seed lists, {@code linkTargets} the
     * IRIs its links point at (the stored state says which exist).
     */
    public Seeded seed(String schemeIri, List<String> conceptIris, Collection<String> linkTargets, SchemePlanner planner) {
        try (var session = driver.session()) {
            return session.executeWrite(tx -> seed(tx, schemeIri, conceptIris, linkTargets, planner, ZonedDateTime.now(ZoneOffset.UTC)));
        }
    }

    private static Seeded seed(TransactionContext tx, String schemeIri, List<String> conceptIris, Collection<String> linkTargets,
                               SchemePlanner planner, ZonedDateTime now) {
        var stored = tx.run(SCHEME_STATE, Map.of("iri", schemeIri)).list();
        Map<String, Object> schemeProps = stored.isEmpty() ? Map.of() : stored.getFirst().get("props").asMap();
        Map<String, StoredConcept> concepts = new HashMap<>();
        tx.run(CONCEPT_STATE, Map.of("iris", conceptIris, "scheme", schemeIri)).forEachRemaining(r -> concepts.put(r.get("iri").asString(),
                new StoredConcept(r.get("props").asMap(), r.get("broader").asList(Value::asString), r.get("related").asList(Value::asString),
                        r.get("replacedBy").asList(Value::asString), r.get("member").asBoolean(), r.get("top").asBoolean())));
        Set<String> existing = new HashSet<>(tx.run(EXISTING, Map.of("iris", List.copyOf(new HashSet<>(linkTargets)))).single().get("found")
                .asList(Value::asString));
        Optional<SchemeWrite> planned = planner.apply(new StoredScheme(schemeProps, concepts, existing));
        if (planned.isEmpty()) {
            return new Seeded(true, 0);
        }
        SchemeWrite write = planned.get();
        if (write.schemeChanges() != null) {
            Map<String, Object> params = new HashMap<>();
            params.put("iri", schemeIri);
            params.put("id", PublicId.CONCEPT_SCHEME.fromKey(schemeIri));
            params.put("changes", write.schemeChanges());
            params.put("now", now);
            tx.run(UPSERT_SCHEME, params).consume();
        }
        List<Map<String, Object>> rows = write.concepts().stream().map(c -> {
            Map<String, Object> row = new HashMap<>();
            row.put("iri", c.iri());
            row.put("id", PublicId.CONCEPT.fromKey(c.iri()));
            row.put("changes", c.changes());
            row.put("labelKeys", c.labelKeys());
            row.put("top", c.top());
            return row;
        }).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("scheme", schemeIri);
        params.put("version", write.version());
        params.put("now", now);
        params.put("rows", rows);
        tx.run(UPSERT_CONCEPTS, params).consume();
        Map<Link, List<LinksWrite>> links = new EnumMap<>(Link.class);
        links.putAll(write.links());
        links.forEach((type, writes) -> tx.run(REPLACE_OUTGOING.formatted(type.name()),
                Map.of("rows", writes.stream().map(w -> Map.of("iri", w.iri(), "targets", w.targets())).toList())).consume());
        // Reports under a concept whose broader links the seed changed carry the old concepts above it in their peer
        // signatures: re-signed in this transaction, or queued when they are many.
        List<String> moved = links.getOrDefault(Link.BROADER, List.of()).stream().map(LinksWrite::iri).toList();
        if (!moved.isEmpty()) {
            List<String> movedIds = tx.run(CONCEPT_IDS, Map.of("iris", moved)).single().get("ids").asList(Value::asString);
            SignatureResign.underConcepts(tx, movedIds, "seed " + schemeIri + " " + write.version());
        }
        params.put("iris", write.conceptIris());
        params.put("reason", write.retireReason());
        return new Seeded(false, tx.run(RETIRE_MISSING, params).single().get("retired").asInt());
    }
}
