package io.peergraph.search.cases;

import java.util.List;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A symptom together with every narrower one, from the graph's {@code BROADER} links at query time, so that a
 * search for "audio problems" finds "crackling" cases even when the taxonomy changed after they were indexed.
 */
public class SymptomTree {

    private final Neo4jClient client;

    public SymptomTree(Neo4jClient client) {
        this.client = client;
    }

    /** The symptom and its narrower symptoms (empty when there is no such symptom). */
    public List<String> withNarrower(String symptomId) {
        return List.copyOf(client.query("""
                        MATCH (s:Symptom {id: $id})
                        MATCH (n:Symptom)-[:BROADER*0..]->(s)
                        RETURN DISTINCT n.id AS id
                        """).bind(symptomId).to("id").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }
}
