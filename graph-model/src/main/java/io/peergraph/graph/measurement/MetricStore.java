package io.peergraph.graph.measurement;

import io.peergraph.graph.id.PublicId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Metric definitions ({@code :Metric}, unique {@code key}: constraint {@code metric_key}). */
public class MetricStore {

    private static final String RETURN = "RETURN m {.id, .key, .name, .unit, .direction, .min, .max} AS metric";

    private final Neo4jClient client;

    public MetricStore(Neo4jClient client) {
        this.client = client;
    }

    /** Defines a metric; empty when one with this key exists already (definitions are not silently changed). */
    public Optional<Metric> define(Metric m) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", PublicId.CONCEPT.fromKey("metric:" + m.key()));
        p.put("key", m.key());
        p.put("name", m.name());
        p.put("unit", m.unit());
        p.put("direction", m.direction().name());
        p.put("min", m.min());
        p.put("max", m.max());
        return client.query("""
                        OPTIONAL MATCH (existing:Metric {key: $key})
                        WITH existing WHERE existing IS NULL
                        CREATE (m:Metric {id: $id, key: $key, name: $name, unit: $unit, direction: $direction,
                                          min: $min, max: $max, createdAt: datetime(), updatedAt: datetime()})
                        """ + RETURN).bindAll(p).fetchAs(Metric.class).mappedBy((t, r) -> map(r.get("metric"))).one();
    }

    public Optional<Metric> byKey(String key) {
        return client.query("MATCH (m:Metric {key: $key}) " + RETURN).bind(key).to("key")
                .fetchAs(Metric.class).mappedBy((t, r) -> map(r.get("metric"))).one();
    }

    public List<Metric> byKeys(Collection<String> keys) {
        return List.copyOf(client.query("UNWIND $keys AS key MATCH (m:Metric {key: key}) " + RETURN).bind(List.copyOf(keys)).to("keys")
                .fetchAs(Metric.class).mappedBy((t, r) -> map(r.get("metric"))).all());
    }

    /** As {@link #byKeys(Collection)}, inside a transaction of the plain driver (the importer's batches). */
    public static List<Metric> byKeys(org.neo4j.driver.TransactionContext tx, Collection<String> keys) {
        return tx.run("UNWIND $keys AS key MATCH (m:Metric {key: key}) " + RETURN, Map.of("keys", List.copyOf(keys)))
                .list(r -> map(r.get("metric")));
    }

    public List<Metric> all() {
        return List.copyOf(client.query("MATCH (m:Metric) WITH m ORDER BY m.key " + RETURN)
                .fetchAs(Metric.class).mappedBy((t, r) -> map(r.get("metric"))).all());
    }

    static Metric map(Value m) {
        return new Metric(m.get("id").asString(), m.get("key").asString(), m.get("name").asString(), m.get("unit").asString(),
                Metric.Direction.valueOf(m.get("direction").asString()), m.get("min").asDouble(), m.get("max").asDouble());
    }
}
