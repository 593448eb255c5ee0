package io.peergraph.graph.symptom;

import io.peergraph.graph.id.PublicId;
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

    /** Symptoms in key order, optionally those whose key or name contains {@code search}. */
    public List<Symptom> page(String search, String afterKey, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("search", search == null ? null : Text.line(search).toLowerCase(Locale.ROOT));
        p.put("afterKey", afterKey);
        p.put("size", size);
        return List.copyOf(client.query("""
                        MATCH (s:Symptom)
                        WHERE ($search IS NULL OR s.key CONTAINS $search OR toLower(s.name) CONTAINS $search)
                          AND ($afterKey IS NULL OR s.key > $afterKey)
                        WITH s ORDER BY s.key LIMIT $size
                        """ + RETURN).bindAll(p).fetchAs(Symptom.class).mappedBy((t, r) -> map(r.get("s"))).all());
    }

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
