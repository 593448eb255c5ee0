package io.peergraph.ingest.engine;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * Creates the symptoms a batch refers to, with their broader ones, and classifies new ones under the symptom scheme's
 * concept with their key as notation, once per batch rather than once per record:
 * a popular symptom is on thousands of reports, and merging it (and its BROADER link) per report locks and
 * re-checks the same dense node again and again. Relies on the unique constraint on Symptom.key.
 */
public final class SymptomHierarchy {

    /** A symptom key ("audio/crackling"), its display name, and the broader key ("audio"), null at the top. */
    public record Node(String key, String name, String broader) {}

    private static final String SYMPTOMS = "CYPHER replan=skip\n" + """
            UNWIND $symptoms AS s
            MERGE (sym:Symptom {key: s.key})
              ON CREATE SET sym.id = s.id, sym.name = s.name, sym.createdAt = datetime(), sym.updatedAt = datetime()
            """;

    private static final String HIERARCHY = "CYPHER replan=skip\n" + """
            UNWIND $symptoms AS s
            WITH s WHERE s.broader IS NOT NULL
            MATCH (narrower:Symptom {key: s.key}), (broader:Symptom {key: s.broader})
            WITH narrower, broader, EXISTS { (narrower)-[:BROADER]->(broader) } AS linked
            MERGE (narrower)-[:BROADER]->(broader)
            WITH narrower WHERE NOT linked
            RETURN collect(narrower.id) AS newlyLinked
            """;

    private SymptomHierarchy() {}

    /**
     * Merges {@code symptoms} (broader ones included by the caller) and links each to its broader one; returns each
     * symptom's peer-signature terms by id, the {@code $symptomTerms} of {@link PeerSignature#SET_NEW}, read once per
     * batch so that signing its thousands of reports walks no taxonomy.
     */
    public static Map<String, List<String>> write(TransactionContext tx, Collection<Node> symptoms) {
        merge(tx, symptoms);
        return PeerSignature.symptomTerms(tx, symptoms.stream().map(s -> PublicId.SYMPTOM.fromKey(s.key())).toList());
    }

    /** What {@link #write} does without reading the terms (for a writer that reads them for other symptoms too). */
    public static void merge(TransactionContext tx, Collection<Node> symptoms) {
        if (symptoms.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = symptoms.stream().map(SymptomHierarchy::row).toList();
        tx.run(SYMPTOMS, Map.of("symptoms", rows)).consume();
        List<String> newlyLinked = tx.run(HIERARCHY, Map.of("symptoms", rows)).single().get("newlyLinked").asList(Value::asString);
        // Classified as they arrive (CLI and /admin/import alike), so hierarchy-aware questions see them at once.
        List<String> newlyClassified = ConceptHierarchy.classifySymptoms(tx, symptoms.stream().map(Node::key).toList());
        // A symptom new to this batch has no reports yet; one that was in the graph before (made elsewhere, or before
        // the seeds) has, and their signatures now lack the broader symptom or the concepts.
        SignatureResign.underSymptoms(tx, newlyLinked, "broader symptom linked on import");
        SignatureResign.ofSymptoms(tx, newlyClassified, "symptom classified on import");
    }

    /**
     * "audio/crackling" → [audio, audio/crackling], each named after its last part ("Crackling"). Keys are
     * lower-cased; an empty part ("audio//x") is refused with IllegalArgumentException.
     */
    public static List<Node> chain(String key) {
        String[] parts = key.strip().toLowerCase(java.util.Locale.ROOT).split("/", -1);
        List<Node> chain = new java.util.ArrayList<>(parts.length);
        String broader = null;
        for (String part : parts) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("has a key with an empty part: '" + key + "' (use keys such as audio/crackling)");
            }
            String k = broader == null ? name : broader + "/" + name;
            chain.add(new Node(k, Character.toUpperCase(name.charAt(0)) + name.substring(1).replace('-', ' '), broader));
            broader = k;
        }
        return chain;
    }

    private static Map<String, Object> row(Node s) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", s.key());
        row.put("id", PublicId.SYMPTOM.fromKey(s.key()));
        row.put("name", s.name());
        row.put("broader", s.broader());
        return row;
    }
}
