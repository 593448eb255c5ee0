package io.peergraph.graph.taxonomy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Hierarchy-aware filters: a concept or a symptom stands for itself and everything narrower, so "display
 * problem" also finds "screen tearing"; and the classification of symptoms as concepts of the symptom scheme.
 * Depth is bounded ({@link #MAX_DEPTH} in the pattern, {@code $maxDepth} ≤ it as a parameter) so a deep or
 * damaged taxonomy cannot make a filter explode.
 */
public final class ConceptHierarchy {

    /** Upper bound written into the patterns; Cypher does not take variable-length bounds as parameters. */
    public static final int MAX_DEPTH = 10;

    /**
     * Ids of the concept with IRI {@code $iri} and all its narrower concepts down to {@code $maxDepth} levels.
     * Starts from the unique index {@code concept_iri}, then walks BROADER backwards.
     */
    private static final String CONCEPT_AND_NARROWER = """
            MATCH (root:Concept {iri: $iri})
            CALL (root) {
              MATCH path = (n:Concept)-[:BROADER*0..10]->(root)
              WHERE length(path) <= $maxDepth
              RETURN DISTINCT n
            }
            RETURN collect(n.id) AS conceptIds
            """;

    /**
     * Ids of the symptom with key {@code $key} and every symptom under it: narrower Symptom nodes, and symptoms
     * classified as the symptom's concept or any narrower concept. Starts from the unique index {@code symptom_key}.
     */
    private static final String SYMPTOM_AND_NARROWER = """
            MATCH (symptom:Symptom {key: $key})
            CALL (symptom) {
              MATCH path = (n:Symptom)-[:BROADER*0..10]->(symptom)
              WHERE length(path) <= $maxDepth
              RETURN n
              UNION
              MATCH (symptom)-[:CLASSIFIED_AS]->(:Concept)<-[:BROADER*0..10]-(narrower:Concept)<-[:CLASSIFIED_AS]-(n:Symptom)
              RETURN n
            }
            RETURN collect(DISTINCT n.id) AS symptomIds
            """;

    /** Concepts directly under {@code $iri}, by English label. */
    private static final String CHILDREN = """
            MATCH (:Concept {iri: $iri})<-[:BROADER]-(c:Concept)
            RETURN c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)} AS concept
            ORDER BY concept.label, c.iri
            """;

    /** Broader concepts of {@code $iri} up to {@code $maxDepth} levels, nearest first. */
    private static final String ANCESTORS = """
            MATCH (:Concept {iri: $iri})-[path:BROADER*1..10]->(c:Concept)
            WHERE size(path) <= $maxDepth
            WITH c, min(size(path)) AS distance
            RETURN c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)} AS concept
            ORDER BY distance, c.iri
            """;

    /** The symptom scheme: its concepts' notations are Symptom keys (ingest's ProtonDB vocabulary). */
    public static final String SYMPTOM_SCHEME = "https://peergraph.io/taxonomy/symptoms";

    /**
     * Links each symptom not classified yet to the concept of scheme {@code $scheme} (or of a domain's symptom scheme,
     * graph-model {@code SymptomSchemes}) whose notation is its key: a label
     * scan of symptoms with a degree check (hundreds, not the reports), then the index {@code concept_notation}. Cheap
     * enough for every start and after every import; a symptom a moderator classified elsewhere is left alone.
     */
    private static final String CLASSIFY_SYMPTOMS = """
            MATCH (s:Symptom) WHERE NOT EXISTS { (s)-[:CLASSIFIED_AS]->() }
            MATCH (c:Concept {notation: s.key})-[:IN_SCHEME]->(scheme:ConceptScheme)
            WHERE (scheme.iri = $scheme OR scheme:SymptomScheme) AND c.status <> 'DEPRECATED'
            MERGE (s)-[:CLASSIFIED_AS]->(c)
            RETURN collect(DISTINCT s.id) AS linked
            """;

    /** The same for the symptoms with keys {@code $keys} (an import batch's), from the unique constraint on Symptom.key. */
    private static final String CLASSIFY_SYMPTOM_KEYS = """
            UNWIND $keys AS key
            MATCH (s:Symptom {key: key}) WHERE NOT EXISTS { (s)-[:CLASSIFIED_AS]->() }
            MATCH (c:Concept {notation: key})-[:IN_SCHEME]->(scheme:ConceptScheme)
            WHERE (scheme.iri = $scheme OR scheme:SymptomScheme) AND c.status <> 'DEPRECATED'
            MERGE (s)-[:CLASSIFIED_AS]->(c)
            RETURN collect(DISTINCT s.id) AS linked
            """;

    private final Driver driver;

    public ConceptHierarchy(GraphConnection graph) {
        this.driver = graph.driver();
    }

    public List<String> conceptAndNarrower(String iri, int maxDepth) {
        return ids(CONCEPT_AND_NARROWER, Map.of("iri", iri, "maxDepth", bounded(maxDepth)), "conceptIds");
    }

    public List<String> symptomAndNarrower(String key, int maxDepth) {
        return ids(SYMPTOM_AND_NARROWER, Map.of("key", key, "maxDepth", bounded(maxDepth)), "symptomIds");
    }

    public List<ConceptRef> children(String iri) {
        return concepts(CHILDREN, Map.of("iri", iri));
    }

    public List<ConceptRef> ancestors(String iri, int maxDepth) {
        return concepts(ANCESTORS, Map.of("iri", iri, "maxDepth", bounded(maxDepth)));
    }

    /**
     * Classifies the symptoms not classified yet by the scheme's notations; returns how many it linked. Their reports'
     * peer signatures gain the concepts in the same transaction, or through the re-sign queue when they are many.
     */
    public int classifySymptoms(String schemeIri) {
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                List<String> linked = tx.run(CLASSIFY_SYMPTOMS, Map.of("scheme", schemeIri)).single().get("linked").asList(Value::asString);
                SignatureResign.ofSymptoms(tx, linked, "symptoms classified at start");
                return linked.size();
            });
        }
    }

    /**
     * Classifies the symptoms with these keys (if not yet) in the caller's transaction, e.g. as an import creates them;
     * returns the ids of those it linked, whose reports (if any) the caller re-signs ({@code SignatureResign}).
     */
    public static List<String> classifySymptoms(TransactionContext tx, Collection<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return tx.run(CLASSIFY_SYMPTOM_KEYS, Map.of("keys", List.copyOf(keys), "scheme", SYMPTOM_SCHEME)).single().get("linked")
                .asList(Value::asString);
    }

    private List<String> ids(String query, Map<String, Object> params, String column) {
        try (Session session = driver.session()) {
            var rows = session.run(query, params).list();
            return rows.isEmpty() ? List.of() : rows.getFirst().get(column).asList(Value::asString);
        }
    }

    private List<ConceptRef> concepts(String query, Map<String, Object> params) {
        try (Session session = driver.session()) {
            return session.run(query, params).list(r -> {
                Value c = r.get("concept");
                return new ConceptRef(c.get("id").asString(), c.get("iri").asString(), c.get("label").asString(null));
            });
        }
    }

    private static int bounded(int depth) {
        return Math.max(0, Math.min(depth, MAX_DEPTH));
    }
}
