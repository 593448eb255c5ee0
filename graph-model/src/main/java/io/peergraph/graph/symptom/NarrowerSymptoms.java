package io.peergraph.graph.symptom;

import java.util.List;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A symptom together with every narrower one, from the graph at query time, so that a search for "audio problems"
 * finds "crackling" cases even when the taxonomy changed after they were indexed: narrower by key (Symptom
 * {@code BROADER}) and by the living taxonomy (symptoms {@code CLASSIFIED_AS} the symptom's concept or a narrower one,
 * as peersWithSymptom expands them).
 */
public class NarrowerSymptoms {

    private final Neo4jClient client;

    public NarrowerSymptoms(Neo4jClient client) {
        this.client = client;
    }

    /** The symptom and its narrower symptoms (empty when there is no such symptom). */
    public List<String> withNarrower(String symptomId) {
        return List.copyOf(client.query("""
                        MATCH (s:Symptom {id: $id})
                        CALL (s) {
                          MATCH (n:Symptom)-[:BROADER*0..]->(s)
                          RETURN n
                          UNION
                          MATCH (s)-[:CLASSIFIED_AS]->(:Concept)<-[:BROADER*0..8]-(:Concept)<-[:CLASSIFIED_AS]-(n:Symptom)
                          RETURN n
                        }
                        RETURN n.id AS id
                        """).bind(symptomId).to("id").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }
}
