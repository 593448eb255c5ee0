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

    /** These symptoms whoever may see them: for moderators, and a symptom's broader one (never a customer's). */
    public List<Symptom> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (s:Symptom {id: id}) " + RETURN).bind(List.copyOf(ids)).to("ids")
                .fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    /**
     * Of these symptoms (a report's, a solution's), those {@code viewerId} (null: anyone) may see where they are shown
     * ({@link SymptomVisibility#SHOWN}); the others are left out.
     */
    public List<Symptom> shown(Collection<String> ids, String viewerId) {
        return byIdsWhere(ids, SymptomVisibility.SHOWN, viewerId);
    }

    /** The symptom if the customer {@code viewerId} (null: anyone) may see and report it ({@link SymptomVisibility}). */
    public Optional<Symptom> visible(String id, String viewerId) {
        return visible(List.of(id), viewerId).stream().findFirst();
    }

    /** Those of the symptoms that the customer {@code viewerId} (null: anyone) may see and report. */
    public List<Symptom> visible(Collection<String> ids, String viewerId) {
        return byIdsWhere(ids, SymptomVisibility.VISIBLE, viewerId);
    }

    /** The symptoms with these ids that meet a condition of {@link SymptomVisibility} for {@code viewerId}. */
    private List<Symptom> byIdsWhere(Collection<String> ids, String condition, String viewerId) {
        Map<String, Object> p = new HashMap<>();
        p.put("ids", List.copyOf(ids));
        p.put("viewerId", viewerId);
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (s:Symptom {id: id}) WHERE " + condition + " " + RETURN)
                .bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    /**
     * The symptoms closest to a description, best first, among those {@code viewerId} may see: any of its words in a
     * symptom's key or name, or in a label of its concept in any form (stemmed, one typo away), by full-text score.
     * What a customer is offered before describing a new symptom.
     */
    public List<Symptom> closest(String description, String viewerId, int size) {
        Optional<String> words = FullTextQuery.anyWord(description);
        Optional<String> labelWords = FullTextQuery.anyWordAnyForm(description);
        if (words.isEmpty() || labelWords.isEmpty()) {
            return List.of();
        }
        Map<String, Object> p = new HashMap<>();
        p.put("words", words.get());
        p.put("labelWords", labelWords.get());
        p.put("viewerId", viewerId);
        p.put("size", size);
        return List.copyOf(client.query(CLOSEST).bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

    // symptom_text and concept_labels_en (migration 14) as in SEARCH_PAGE, any word instead of every word; a symptom
    // found both ways counts its best score.
    private static final String CLOSEST = """
            CALL () {
              CALL db.index.fulltext.queryNodes('symptom_text', $words, {limit: 50}) YIELD node, score
              RETURN node AS s, score
              UNION
              CALL db.index.fulltext.queryNodes('concept_labels_en', $labelWords, {limit: 50}) YIELD node, score
              MATCH (s:Symptom)-[:CLASSIFIED_AS]->(node)
              RETURN s, score
            }
            WITH s, max(score) AS score WHERE\s""" + SymptomVisibility.VISIBLE + """

            WITH s, score ORDER BY score DESC, s.key LIMIT $size
            """ + RETURN;

    /**
     * Symptoms in key order, optionally those whose key or name, or a label of their taxonomy concept, has every
     * word of {@code search} ("popping sound" finds audio/crackling through its alternative label); only those the
     * customer {@code viewerId} (null: anyone) may see ({@link SymptomVisibility}).
     */
    public List<Symptom> page(String search, String afterKey, int size, String viewerId) {
        Map<String, Object> p = new HashMap<>();
        p.put("viewerId", viewerId);
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
            WHERE ($afterKey IS NULL OR s.key > $afterKey) AND\s""" + SymptomVisibility.VISIBLE + """

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
            WITH s WHERE ($afterKey IS NULL OR s.key > $afterKey) AND\s""" + SymptomVisibility.VISIBLE + """

            WITH s ORDER BY s.key LIMIT $size
            """ + RETURN;

    /**
     * The symptom with this key, created (under {@code broaderKey} when given) if it is new; its name as {@link SymptomName}
     * has it, IllegalArgumentException (nothing written) for a name the rule refuses.
     */
    public Symptom findOrAdd(String key, String name, String broaderKey) {
        Map<String, Object> p = new HashMap<>();
        p.put("key", key);
        p.put("id", PublicId.SYMPTOM.fromKey(key));
        p.put("name", SymptomName.canonical(name));
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
