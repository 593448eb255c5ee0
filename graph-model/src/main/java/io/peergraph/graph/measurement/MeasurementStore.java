package io.peergraph.graph.measurement;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Customers' numbers about their stuff. A batch is one Cypher statement, hence one transaction: all of it is
 * written or none. A client-supplied key makes a write idempotent: the measurement's {@code sourceKey} (unique,
 * constraint {@code measurement_source_key}) is the customer's id and the key, so a replayed batch finds what
 * it wrote. Each configuration keeps its latest value per metric on {@code (:Configuration)-[:LATEST_VALUE]->(:Metric)}
 * (a measurement of an item counts for the configurations of that item): what statistics read.
 */
public class MeasurementStore {

    /**
     * Each configuration keeps its latest value per metric: from measurement {@code m} of {@code metric} about
     * {@code target} (a configuration, or an item of configurations), moves {@code LATEST_VALUE} when {@code m} is
     * not older. Importers writing measurements in bulk end with the same.
     */
    public static final String KEEP_LATEST = """
            CALL (target) {
              WITH target WHERE target:Configuration
              RETURN target AS cfg
              UNION
              MATCH (cfg:Configuration)-[:OF_ITEM]->(target)
              RETURN cfg
            }
            MERGE (cfg)-[l:LATEST_VALUE]->(metric)
            WITH l, m WHERE l.at IS NULL OR m.at >= l.at
            SET l.value = m.value, l.at = m.at, l.measurementId = m.id
            """;

    private static final String RECORD = """
            UNWIND $rows AS row
            MATCH (owner:Customer {id: row.customerId})
            MATCH (metric:Metric {key: row.metric})
            OPTIONAL MATCH (cfg:Configuration {id: row.target})
            OPTIONAL MATCH (item:Item {id: row.target})
            WITH owner, row, metric, coalesce(cfg, item) AS target WHERE target IS NOT NULL
            MERGE (m:Measurement {sourceKey: row.sourceKey})
              ON CREATE SET m.id = row.id, m.value = row.value, m.unit = row.unit, m.at = row.at,
                            m.createdAt = datetime(), m.updatedAt = datetime(), m.fresh = true
            WITH owner, row, metric, target, m, coalesce(m.fresh, false) AS fresh
            REMOVE m.fresh
            MERGE (owner)-[:MEASURED]->(m)
            MERGE (m)-[:OF_METRIC]->(metric)
            MERGE (m)-[:ABOUT]->(target)
            WITH row, metric, target, m, fresh
            CALL (target, metric, m, fresh) {
              WITH target, metric, m, fresh WHERE fresh
            """ + KEEP_LATEST + """
            }
            RETURN m.id AS id, fresh,
                   m.value = row.value AND m.unit = row.unit AND m.at = row.at
                   AND EXISTS { (m)-[:ABOUT]->(t) WHERE t.id = row.target } AS same
            """;

    private final Neo4jClient client;

    public MeasurementStore(Neo4jClient client) {
        this.client = client;
    }

    /** One measurement to write; targets and metrics must exist (checked by the caller). */
    public record NewMeasurement(String targetId, String metricKey, double value, String unit, OffsetDateTime at, String clientKey) {}

    /** What happened to one measurement: written now, or found from an earlier run of the same key. */
    public record Recorded(String id, boolean created, boolean sameAsBefore) {}

    /**
     * Writes the batch for the customer in one statement, in input order, and records an outbox event per new
     * measurement (a replayed key records none), so both commit in the caller's transaction or neither does.
     */
    public List<Recorded> record(String customerId, List<NewMeasurement> batch) {
        return recordAll(Map.of(customerId, batch));
    }

    /**
     * Several customers' batches in one statement (imports, generated data): one commit instead of one per
     * customer. Results in the map's iteration order, each batch in input order.
     */
    public List<Recorded> recordAll(Map<String, List<NewMeasurement>> batches) {
        List<Map<String, Object>> rows = batches.entrySet().stream().flatMap(b -> b.getValue().stream().map(n -> {
            String sourceKey = "measurement:" + b.getKey() + ":" + (n.clientKey() == null ? "once:" + UUID.randomUUID() : n.clientKey());
            return Map.<String, Object>of("customerId", b.getKey(), "target", n.targetId(), "metric", n.metricKey(), "value", n.value(),
                    "unit", n.unit(), "at", n.at(), "sourceKey", sourceKey, "id", PublicId.MEASUREMENT.fromKey(sourceKey));
        })).toList();
        List<Recorded> recorded = List.copyOf(client.query(RECORD).bind(rows).to("rows").fetchAs(Recorded.class)
                .mappedBy((t, r) -> new Recorded(r.get("id").asString(), r.get("fresh").asBoolean(), r.get("same").asBoolean())).all());
        Outbox.recordAll(client, EventType.MeasurementRecorded,
                recorded.stream().filter(Recorded::created).map(Recorded::id).distinct().toList(), Map.of());
        return recorded;
    }

    /** How many measurements a customer has of a metric (for tests and checks). */
    public long count(String customerId, String metricKey) {
        return client.query("""
                        MATCH (:Customer {id: $customerId})-[:MEASURED]->(m:Measurement)-[:OF_METRIC]->(:Metric {key: $metric})
                        RETURN count(m) AS n""").bindAll(Map.of("customerId", customerId, "metric", metricKey))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** The latest value of a metric for a configuration, if any. */
    public Optional<Double> latest(String configurationId, String metricKey) {
        return client.query("""
                        MATCH (:Configuration {id: $configurationId})-[l:LATEST_VALUE]->(:Metric {key: $metric})
                        RETURN l.value AS value""").bindAll(Map.of("configurationId", configurationId, "metric", metricKey))
                .fetchAs(Double.class).mappedBy((t, r) -> r.get("value").asDouble()).one();
    }
}
