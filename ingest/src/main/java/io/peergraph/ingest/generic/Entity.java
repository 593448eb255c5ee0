package io.peergraph.ingest.generic;

import static io.peergraph.ingest.generic.Field.Type.BOOLEAN;
import static io.peergraph.ingest.generic.Field.Type.DATE;
import static io.peergraph.ingest.generic.Field.Type.DATETIME;
import static io.peergraph.ingest.generic.Field.Type.ENUM;
import static io.peergraph.ingest.generic.Field.Type.LIST;
import static io.peergraph.ingest.generic.Field.Type.NUMBER;
import static io.peergraph.ingest.generic.Field.Type.TEXT;
import static io.peergraph.ingest.generic.Field.optional;
import static io.peergraph.ingest.generic.Field.required;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entity types of the generic import format (docs/import-format.md): their fields, the natural key
 * that makes a re-import a no-op, and the Cypher that writes a batch of them ({@code $rows}, one map per
 * record, with {@code id} derived from the key). References to other records use their natural keys.
 */
public enum Entity {

    CUSTOMERS("customers", PublicId.CUSTOMER, "handle", "MATCH (n:Customer {handle: key})", List.of(
            required("handle", TEXT), optional("displayName", TEXT), optional("kind", ENUM), optional("email", TEXT),
            optional("memberOf", TEXT), optional("role", ENUM)), """
            UNWIND $rows AS row
            MERGE (c:Customer {handle: row.handle})
              ON CREATE SET c.id = row.id, c.createdAt = datetime()
            SET c.displayName = coalesce(row.displayName, c.displayName, row.handle), c.kind = coalesce(row.kind, c.kind, 'PERSON'),
                c.email = coalesce(row.email, c.email), c.updatedAt = datetime()
            WITH c, row WHERE row.memberOf IS NOT NULL
            MATCH (org:Customer {handle: row.memberOf})
            MERGE (c)-[m:MEMBER_OF]->(org) SET m.role = coalesce(row.role, 'MEMBER')
            """),

    PRODUCTS("products", PublicId.PRODUCT, "key", "MATCH (n:Product {key: key})", List.of(
            required("key", TEXT), required("name", TEXT), optional("verified", BOOLEAN), optional("steamAppId", NUMBER)), """
            UNWIND $rows AS row
            MERGE (p:Product {key: row.key})
              ON CREATE SET p.id = row.id, p.createdAt = datetime()
            SET p.name = row.name, p.verified = coalesce(row.verified, p.verified, false),
                p.steamAppId = coalesce(row.steamAppId, p.steamAppId), p.updatedAt = datetime()
            """),

    ITEMS("items", PublicId.ITEM, "sourceKey", "MATCH (n:Item {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("product", TEXT), optional("nickname", TEXT),
            optional("location", TEXT), optional("acquiredOn", DATE), optional("status", ENUM), optional("privacy", ENUM)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner}), (p:Product {key: row.product})
            MERGE (i:Item {sourceKey: row.sourceKey})
              ON CREATE SET i.id = row.id, i.createdAt = datetime()
            SET i.nickname = row.nickname, i.location = row.location, i.acquiredOn = row.acquiredOn,
                i.status = coalesce(row.status, 'ACTIVE'), i.privacy = coalesce(row.privacy, 'PRIVATE'), i.updatedAt = datetime()
            MERGE (owner)-[:OWNS]->(i)
            MERGE (i)-[:INSTANCE_OF]->(p)
            """),

    CONFIGURATIONS("configurations", PublicId.CONFIGURATION, "sourceKey", "MATCH (n:Configuration {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), optional("name", TEXT), optional("privacy", ENUM),
            optional("item", TEXT), required("items", Field.Type.ITEMS)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner})
            MERGE (cfg:Configuration {sourceKey: row.sourceKey})
              ON CREATE SET cfg.id = row.id, cfg.createdAt = datetime(), cfg.listedInPeers = true, cfg.inStatistics = true
            SET cfg.name = coalesce(row.name, cfg.name, row.sourceKey), cfg.privacy = coalesce(row.privacy, cfg.privacy, 'COMMUNITY'),
                cfg.updatedAt = datetime()
            MERGE (owner)-[:OWNS]->(cfg)
            WITH row, cfg
            CALL (row, cfg) {
              UNWIND row.items AS item
              MERGE (ci:ConfigItem {key: item.key})
                ON CREATE SET ci.id = item.id, ci.kind = item.kind, ci.value = item.value, ci.configCount = 0,
                              ci.createdAt = datetime(), ci.updatedAt = datetime()
              MERGE (cfg)-[inc:INCLUDES]->(ci)
                ON CREATE SET inc.raw = item.raw, ci.configCount = ci.configCount + 1
            }
            CALL (row, cfg) {
              MATCH (i:Item {sourceKey: row.item})
              MERGE (cfg)-[:OF_ITEM]->(i)
            }
            """),

    REPORTS("reports", PublicId.REPORT, "sourceKey", "MATCH (n:Report {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("configuration", TEXT), optional("product", TEXT),
            required("title", TEXT), optional("text", TEXT), optional("status", ENUM), optional("privacy", ENUM),
            optional("occurredAt", DATETIME), optional("symptoms", LIST)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner}), (cfg:Configuration {sourceKey: row.configuration})
            MERGE (r:Report {sourceKey: row.sourceKey})
              ON CREATE SET r.id = row.id, r.createdAt = datetime()
            SET r.title = row.title, r.text = row.text, r.status = coalesce(row.status, 'OPEN'),
                r.privacy = coalesce(row.privacy, 'COMMUNITY'), r.occurredAt = row.occurredAt, r.updatedAt = datetime()
            MERGE (owner)-[:REPORTED]->(r)
            MERGE (r)-[:ON]->(cfg)
            WITH row, r
            CALL (row, r) {
              MATCH (p:Product {key: row.product})
              MERGE (r)-[:ABOUT]->(p)
            }
            // The writer has merged the batch's symptoms and their broader ones (SymptomHierarchy) beforehand.
            CALL (row, r) {
              UNWIND row.symptomKeys AS key
              MATCH (s:Symptom {key: key})
              MERGE (r)-[:SHOWS]->(s)
            }
            """),

    INTERACTIONS("interactions", PublicId.INTERACTION, "sourceKey", "MATCH (n:Interaction {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("report", TEXT), required("channel", ENUM), optional("direction", ENUM),
            optional("text", TEXT), optional("outcome", ENUM), optional("at", DATETIME)), """
            UNWIND $rows AS row
            MATCH (r:Report {sourceKey: row.report})
            MERGE (i:Interaction {sourceKey: row.sourceKey})
              ON CREATE SET i.id = row.id, i.createdAt = datetime()
            SET i.channel = row.channel, i.direction = coalesce(row.direction, 'INBOUND'), i.text = row.text,
                i.outcome = row.outcome, i.at = coalesce(row.at, datetime()), i.updatedAt = datetime()
            MERGE (r)-[:HAS_INTERACTION]->(i)
            """),

    SOLUTIONS("solutions", PublicId.SOLUTION, "sourceKey", "MATCH (n:Solution {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("proposer", TEXT), required("title", TEXT), optional("steps", TEXT),
            optional("kind", ENUM), optional("symptoms", LIST), optional("triedOn", LIST)), """
            UNWIND $rows AS row
            MATCH (proposer:Customer {handle: row.proposer})
            MERGE (sol:Solution {sourceKey: row.sourceKey})
              ON CREATE SET sol.id = row.id, sol.createdAt = datetime()
            SET sol.title = row.title, sol.steps = row.steps, sol.kind = coalesce(row.kind, 'OTHER'), sol.updatedAt = datetime()
            MERGE (proposer)-[:PROPOSED]->(sol)
            WITH row, sol
            CALL (row, sol) {
              UNWIND coalesce(row.symptoms, []) AS key
              MATCH (s:Symptom {key: key})
              MERGE (sol)-[:SOLVES]->(s)
            }
            CALL (row, sol) {
              UNWIND coalesce(row.triedOn, []) AS reportKey
              MATCH (r:Report {sourceKey: reportKey})
              MERGE (r)-[:TRIED]->(sol)
            }
            """),

    CONFIRMATIONS("confirmations", PublicId.CONFIRMATION, "sourceKey", "MATCH (n:Confirmation {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("customer", TEXT), required("solution", TEXT), optional("configuration", TEXT),
            required("worked", BOOLEAN), optional("note", TEXT), optional("at", DATETIME)), """
            UNWIND $rows AS row
            MATCH (c:Customer {handle: row.customer}), (sol:Solution {sourceKey: row.solution})
            MERGE (cf:Confirmation {sourceKey: row.sourceKey})
              ON CREATE SET cf.id = row.id, cf.createdAt = datetime()
            SET cf.worked = row.worked, cf.note = row.note, cf.at = coalesce(row.at, datetime()), cf.updatedAt = datetime()
            MERGE (c)-[:CONFIRMED]->(cf)
            MERGE (cf)-[:OF]->(sol)
            WITH row, cf
            CALL (row, cf) {
              MATCH (cfg:Configuration {sourceKey: row.configuration})
              MERGE (cf)-[:WITH]->(cfg)
            }
            """),

    // Written by ontology-seeds' Tagging (EntityWriter): this Cypher only finds each record's target and customer. A
    // record is in the graph when the tag its label lands on (after merges) carries the record's application.
    TAGS("tags", PublicId.TAG, "sourceKey", """
            WITH key, split(key, '|') AS part
            MATCH (typed:Tag {normalized: part[2]})
            OPTIONAL MATCH (typed)-[:MERGED_INTO*1..10]->(survivor:Tag) WHERE NOT EXISTS { (survivor)-[:MERGED_INTO]->() }
            WITH key, coalesce(survivor, typed) AS tag
            MATCH (n)-[t:TAGGED]->(tag) WHERE t.sourceKey = key""", List.of(
            required("target", TEXT), required("label", TEXT), optional("by", TEXT), optional("at", DATETIME)), """
            UNWIND $rows AS row
            CALL (row) {
              OPTIONAL MATCH (r:Report {sourceKey: row.targetKey}) WHERE row.targetType = 'report' RETURN r AS target
              UNION
              OPTIONAL MATCH (s:Solution {sourceKey: row.targetKey}) WHERE row.targetType = 'solution' RETURN s AS target
              UNION
              OPTIONAL MATCH (p:Product {key: row.targetKey}) WHERE row.targetType = 'product' RETURN p AS target
              UNION
              OPTIONAL MATCH (c:Configuration {sourceKey: row.targetKey}) WHERE row.targetType = 'configuration' RETURN c AS target
            }
            WITH row, target WHERE target IS NOT NULL
            OPTIONAL MATCH (by:Customer {handle: row.by})
            RETURN row.sourceKey AS sourceKey, target.id AS thingId, by.id AS customerId
            """),

    MEASUREMENTS("measurements", PublicId.MEASUREMENT, "sourceKey", "MATCH (n:Measurement {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("customer", TEXT), required("metric", TEXT), required("value", NUMBER),
            optional("unit", TEXT), optional("at", DATETIME), optional("configuration", TEXT), optional("item", TEXT)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.customer}), (metric:Metric {key: row.metric})
            OPTIONAL MATCH (cfg:Configuration {sourceKey: row.configuration})
            OPTIONAL MATCH (item:Item {sourceKey: row.item})
            WITH row, owner, metric, coalesce(cfg, item) AS target WHERE target IS NOT NULL
            MERGE (m:Measurement {sourceKey: row.sourceKey})
              ON CREATE SET m.id = row.id, m.value = toFloat(row.value), m.unit = coalesce(row.unit, metric.unit),
                            m.at = coalesce(row.at, datetime()), m.createdAt = datetime(), m.updatedAt = datetime()
            MERGE (owner)-[:MEASURED]->(m)
            MERGE (m)-[:OF_METRIC]->(metric)
            MERGE (m)-[:ABOUT]->(target)
            WITH target, metric, m
            // As graph-model's MeasurementStore: each configuration keeps its latest value per metric.
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
            """);

    /**
     * The graph grows fast during an import, so Neo4j would re-plan every statement again and again as its
     * statistics move; their plans are seeks on the natural keys' unique constraints whatever the statistics.
     */
    static final String REUSE_PLAN = "CYPHER replan=skip\n";

    private final String label;
    private final PublicId idType;
    private final String keyField;
    private final String matchByKey;
    private final List<Field> fields;
    private final String write;

    Entity(String label, PublicId idType, String keyField, String matchByKey, List<Field> fields, String write) {
        this.label = label;
        this.idType = idType;
        this.keyField = keyField;
        this.matchByKey = matchByKey;
        this.fields = fields;
        this.write = write;
    }

    public static Optional<Entity> named(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    public String label() {
        return label;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<String> requiredColumns() {
        return fields.stream().filter(Field::required).map(Field::name).toList();
    }

    PublicId idType() {
        return idType;
    }

    String keyField() {
        return keyField;
    }

    /** Returns the keys already in the graph, for {@code $keys}. */
    String existingCypher() {
        return REUSE_PLAN + "UNWIND $keys AS key\n" + matchByKey + "\nRETURN collect(DISTINCT key) AS known";
    }

    String writeCypher() {
        return REUSE_PLAN + write;
    }

    /**
     * The outbox event a batch of this entity records, and where its aggregates are from the written record
     * {@code n}: whatever a search document shows (a case with its configuration's items, interactions and tags;
     * a solution with its confirmation counts; a product) gets an event in the batch's own transaction, so the
     * index catches up with an import without a reindex. Customers, items and measurements are not searched.
     */
    Optional<OutboxChange> outboxChange() {
        return Optional.ofNullable(switch (this) {
            case PRODUCTS -> new OutboxChange(EventType.ProductChanged, "WITH n AS aggregate");
            case CONFIGURATIONS -> new OutboxChange(EventType.ReportChanged, "MATCH (n)<-[:ON]-(aggregate:Report)");
            case REPORTS -> new OutboxChange(EventType.ReportChanged, "WITH n AS aggregate");
            // ReportChanged, not InteractionAdded: imported history must not notify anyone as if it were new.
            case INTERACTIONS -> new OutboxChange(EventType.ReportChanged, "MATCH (n)<-[:HAS_INTERACTION]-(aggregate:Report)");
            case SOLUTIONS -> new OutboxChange(EventType.SolutionChanged, "WITH n AS aggregate");
            case CONFIRMATIONS -> new OutboxChange(EventType.ConfirmationRecorded, "MATCH (n)-[:OF]->(aggregate:Solution)");
            case TAGS -> new OutboxChange(EventType.TagApplied, "WITH n AS aggregate");
            case CUSTOMERS, ITEMS, MEASUREMENTS -> null;
        });
    }

    /** An outbox event type and the Cypher (from {@code n}) to the aggregates it is about. */
    record OutboxChange(EventType type, String toAggregate) {}

    /** The ids of the aggregates of the records with keys {@code $keys} (the same match as {@link #existingCypher}). */
    String aggregatesCypher(OutboxChange change) {
        return "UNWIND $keys AS key\n" + matchByKey + "\n" + change.toAggregate() + "\nRETURN collect(DISTINCT aggregate.id) AS ids";
    }

    /** Why a record was not written although valid: what it refers to is missing. */
    String unresolvedReason() {
        String missing = switch (this) {
            case CUSTOMERS, PRODUCTS -> "a record it depends on";
            case ITEMS -> "its owner (customer handle) or its product (key)";
            case CONFIGURATIONS -> "its owner (customer handle)";
            case REPORTS -> "its owner (customer handle) or its configuration (sourceKey)";
            case INTERACTIONS -> "its report (sourceKey)";
            case SOLUTIONS -> "its proposer (customer handle)";
            case CONFIRMATIONS -> "its customer (handle) or its solution (sourceKey)";
            case TAGS -> "its target";
            case MEASUREMENTS -> "its customer (handle), its metric (key), or the configuration or item it is about";
        };
        return missing + " is not in the graph: import that first (docs/import-format.md lists the order)";
    }
}
