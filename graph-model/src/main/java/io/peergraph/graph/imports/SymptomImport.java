package io.peergraph.graph.imports;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.symptom.SymptomName;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * Creates the symptoms a batch refers to, with their broader ones, once per batch rather than once per record: a
 * popular symptom is on thousands of reports, and merging it (and its BROADER link) per report locks and re-checks
 * the same dense node again and again. Relies on the unique constraint on Symptom.key.
 */
public final class SymptomImport {

    /**
     * A symptom key ("audio/crackling"), its display name, and the broader key ("audio"), null at the top. The name is
     * canonical and keeps {@link SymptomName}'s rule, else IllegalArgumentException: made in a mapper, the record is
     * rejected before anything of it is written.
     */
    public record Node(String key, String name, String broader) {
        public Node {
            name = SymptomName.canonical(name);
        }
    }

    /**
     * A new symptom takes the English prefLabel of the concept a domain's symptom scheme ({@code :SymptomScheme}) gives
     * its key, when that label keeps {@link SymptomName}'s rule: "Maths in the lowest quarter", not the key's last part
     * "Lowest quarter", which says nothing of which subject. Looked up by the index {@code concept_notation}, per
     * distinct key of the batch. The PC seed scheme is no domain scheme: ProtonDB's names stay the importer's own.
     */
    private static final String SYMPTOMS = RecordImport.REUSE_PLAN + """
            UNWIND $symptoms AS s
            OPTIONAL CALL (s) {
              MATCH (c:Concept {notation: s.key})-[:IN_SCHEME]->(:ConceptScheme:SymptomScheme)
              WHERE c.status <> 'DEPRECATED'
              WITH trim(coalesce(c.prefLabel_en, c.prefLabel)) AS label
              WHERE size(label) >= $min AND size(label) <= $max AND toLower(label) <> toUpper(label) // a word
              RETURN label LIMIT 1
            }
            MERGE (sym:Symptom {key: s.key})
              ON CREATE SET sym.id = s.id, sym.name = coalesce(label, s.name), sym.createdAt = datetime(), sym.updatedAt = datetime()
            """;

    private static final String HIERARCHY = RecordImport.REUSE_PLAN + """
            UNWIND $symptoms AS s
            WITH s WHERE s.broader IS NOT NULL
            MATCH (narrower:Symptom {key: s.key}), (broader:Symptom {key: s.broader})
            WITH narrower, broader, EXISTS { (narrower)-[:BROADER]->(broader) } AS linked
            MERGE (narrower)-[:BROADER]->(broader)
            WITH narrower WHERE NOT linked
            RETURN collect(narrower.id) AS newlyLinked
            """;

    private SymptomImport() {}

    /**
     * Merges {@code symptoms} (broader ones included by the caller) and links each to its broader one. A symptom new
     * to this batch has no reports yet; one that was in the graph before (made elsewhere, or before the seeds) has,
     * and their signatures now lack the broader symptom: they are re-signed here ({@link SignatureResign}).
     */
    public static void merge(SimpleQueryRunner tx, Collection<Node> symptoms) {
        if (symptoms.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = symptoms.stream().map(SymptomImport::row).toList();
        tx.run(SYMPTOMS, Map.of("symptoms", rows, "min", SymptomName.MIN, "max", SymptomName.MAX)).consume();
        List<String> newlyLinked = tx.run(HIERARCHY, Map.of("symptoms", rows)).single().get("newlyLinked").asList(Value::asString);
        SignatureResign.underSymptoms(tx, newlyLinked, "broader symptom linked on import");
    }

    private static Map<String, Object> row(Node s) {
        Map<String, Object> row = new HashMap<>();
        row.put("key", s.key());
        row.put("id", PublicId.SYMPTOM.fromKey(s.key()));
        row.put("name", s.name()); // canonical and checked by Node: the one rule for names (SymptomStore.findOrAdd, customers' symptoms)
        row.put("broader", s.broader());
        return row;
    }
}
