package io.peergraph.graph.symptom;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.text.FullTextQuery;
import io.peergraph.graph.text.Text;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/** The symptoms customers can report. */
public class SymptomStore {

    private static final String RETURN = "RETURN s {.id, .key, .name, broaderId: head([(s)-[:BROADER]->(b:Symptom) | b.id])} AS s";

    private final Neo4jClient client;

    public SymptomStore(Neo4jClient client) {
        this.client = client;
    }

    public Optional<Symptom> byId(String id) {
        return client.query("MATCH (s:Symptom {id: $id}) " + RETURN).bind(id).to("id")
                .fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).one();
    }

    public List<Symptom> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (s:Symptom {id: id}) " + RETURN).bind(List.copyOf(ids)).to("ids")
                .fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    /**
     * Symptoms in key order, optionally those whose key or name, or a label of their taxonomy concept, has every
     * word of {@code search} ("popping sound" finds audio/crackling through its alternative label).
     */
    public List<Symptom> page(String search, String afterKey, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("afterKey", afterKey);
        p.put("size", size);
        if (search == null) {
            return List.copyOf(client.query(PAGE).bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
        }
        Optional<String> words = FullTextQuery.allWords(search);
        if (words.isEmpty()) {
            return List.of();
        }
        p.put("words", words.get());
        p.put("labelWords", FullTextQuery.allWordsAnyForm(search).orElseThrow());
        return List.copyOf(client.query(SEARCH_PAGE).bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    // In key order through the symptom_key constraint's index.
    private static final String PAGE = """
            MATCH (s:Symptom)
            WHERE $afterKey IS NULL OR s.key > $afterKey
            WITH s ORDER BY s.key LIMIT $size
            """ + RETURN;

    // Symptoms whose key or name has every word (full-text index symptom_text), or whose taxonomy concept has a
    // preferred or alternative English label with every word, stemmed or one typo away (concept_labels_en, migration
    // 14: kept current by the concept itself, so a moderator's label change is found at once); the user's words are
    // escaped by FullTextQuery, never parsed. Then in key order like the unfiltered page.
    private static final String SEARCH_PAGE = """
            CALL () {
              CALL db.index.fulltext.queryNodes('symptom_text', $words) YIELD node
              RETURN node AS s
              UNION
              CALL db.index.fulltext.queryNodes('concept_labels_en', $labelWords) YIELD node
              MATCH (s:Symptom)-[:CLASSIFIED_AS]->(node)
              RETURN s
            }
            WITH s WHERE $afterKey IS NULL OR s.key > $afterKey
            WITH s ORDER BY s.key LIMIT $size
            """ + RETURN;

    /** The symptom with this key, created (under {@code broaderKey} when given) if it is new. */
    public Symptom findOrAdd(String key, String name, String broaderKey) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("id", PublicId.SYMPTOM.fromKey(key));
        p.put("name", name);
        p.put("broaderKey", broaderKey);
        return client.query("""
                        MERGE (s:Symptom {key: $key})
                        ON CREATE SET s.id = $id, s.name = $name, s.createdAt = datetime(), s.updatedAt = datetime()
                        WITH s
                        OPTIONAL MATCH (b:Symptom {key: $broaderKey})
                        FOREACH (_ IN CASE WHEN b IS NULL THEN [] ELSE [1] END | MERGE (s)-[:BROADER]->(b))
                        WITH s
                        """ + RETURN).bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).one().orElseThrow();
    }

    static Symptom map(Value s) {
        return new Symptom(s.get("id").asString(), s.get("key").asString(), s.get("name").asString(null), s.get("broaderId").asString(null));
    }
}
