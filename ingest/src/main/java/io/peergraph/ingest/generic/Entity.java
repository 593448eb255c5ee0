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
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.peers.PeerSignature;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The entity types of the generic import format (docs/import-format.md): their fields, the natural key
 * that makes a re-import a no-op, and the Cypher that writes a batch of them ({@code $rows}, one map per
 * record, with {@code id} derived from the key). References to other records use their natural keys.
 *
 * <p>The engine hands a writer only records whose keys the graph does not hold (checked in the batch's own
 * transaction), so the statements CREATE the records and their relationships (no MERGE: nothing to find, and no
 * relationship check on a node just made); the unique constraints on the natural keys still refuse a duplicate.
 * Shared nodes (config items, symptoms, tags) are merged. Each statement returns the keys it {@code written}
 * (a record whose required reference is missing drops out) and the ids of the {@code aggregates} whose search
 * documents it changed.
 */
public enum Entity {

    CUSTOMERS("customers", PublicId.CUSTOMER, "handle", "MATCH (n:Customer {handle: key})", List.of(
            required("handle", TEXT), optional("displayName", TEXT), optional("kind", ENUM), optional("email", TEXT),
            optional("memberOf", TEXT), optional("role", ENUM)), """
            UNWIND $rows AS row
            CREATE (c:Customer {handle: row.handle, id: row.id, displayName: coalesce(row.displayName, row.handle),
                                kind: coalesce(row.kind, 'PERSON'), email: row.email, createdAt: datetime(), updatedAt: datetime()})
            WITH row, c
            CALL (row, c) {
              MATCH (org:Customer {handle: row.memberOf})
              CREATE (c)-[:MEMBER_OF {role: coalesce(row.role, 'MEMBER')}]->(org)
            }
            RETURN collect(row.handle) AS written, [] AS aggregates
            """),

    PRODUCTS("products", PublicId.PRODUCT, "key", "MATCH (n:Product {key: key})", List.of(
            required("key", TEXT), required("name", TEXT), optional("verified", BOOLEAN), optional("steamAppId", NUMBER)), """
            UNWIND $rows AS row
            CREATE (p:Product {key: row.key, id: row.id, name: row.name, verified: coalesce(row.verified, false),
                               steamAppId: row.steamAppId, createdAt: datetime(), updatedAt: datetime()})
            RETURN collect(row.key) AS written, collect(p.id) AS aggregates
            """),

    ITEMS("items", PublicId.ITEM, "sourceKey", "MATCH (n:Item {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("product", TEXT), optional("nickname", TEXT),
            optional("location", TEXT), optional("acquiredOn", DATE), optional("status", ENUM), optional("privacy", ENUM)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner}), (p:Product {key: row.product})
            CREATE (owner)-[:OWNS]->(i:Item {sourceKey: row.sourceKey, id: row.id, nickname: row.nickname, location: row.location,
                        acquiredOn: row.acquiredOn, status: coalesce(row.status, 'ACTIVE'), privacy: coalesce(row.privacy, 'PRIVATE'),
                        createdAt: datetime(), updatedAt: datetime()})-[:INSTANCE_OF]->(p)
            RETURN collect(row.sourceKey) AS written, [] AS aggregates
            """),

    CONFIGURATIONS("configurations", PublicId.CONFIGURATION, "sourceKey", "MATCH (n:Configuration {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), optional("name", TEXT), optional("privacy", ENUM),
            optional("item", TEXT), required("items", Field.Type.ITEMS)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner})
            CREATE (owner)-[:OWNS]->(cfg:Configuration {sourceKey: row.sourceKey, id: row.id, name: coalesce(row.name, row.sourceKey),
                        privacy: coalesce(row.privacy, 'COMMUNITY'), listedInPeers: true, inStatistics: true,
                        createdAt: datetime(), updatedAt: datetime()})
            WITH row, cfg
            // The writer has merged the batch's items and counted them (ConfigItems) beforehand; the mapper lists each
            // item once per configuration.
            CALL (row, cfg) {
              UNWIND row.items AS item
              MATCH (ci:ConfigItem {key: item.key})
              CREATE (cfg)-[:INCLUDES {raw: item.raw}]->(ci)
            }
            CALL (row, cfg) {
              MATCH (i:Item {sourceKey: row.item})
              CREATE (cfg)-[:OF_ITEM]->(i)
            }
            // A new configuration has no reports yet: no peer signature to refresh, no case to re-index.
            RETURN collect(row.sourceKey) AS written, [] AS aggregates
            """),

    REPORTS("reports", PublicId.REPORT, "sourceKey", "MATCH (n:Report {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("owner", TEXT), required("configuration", TEXT), optional("product", TEXT),
            required("title", TEXT), optional("text", TEXT), optional("status", ENUM), optional("privacy", ENUM),
            optional("occurredAt", DATETIME), optional("symptoms", LIST)), """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner}), (cfg:Configuration {sourceKey: row.configuration})
            CREATE (owner)-[:REPORTED]->(r:Report {sourceKey: row.sourceKey, id: row.id, title: row.title, text: row.text,
                        status: coalesce(row.status, 'OPEN'), privacy: coalesce(row.privacy, 'COMMUNITY'), occurredAt: row.occurredAt,
                        createdAt: datetime(), updatedAt: datetime()})-[:ON]->(cfg)
            WITH row, owner, cfg, r
            CALL (row, r) {
              MATCH (p:Product {key: row.product})
              CREATE (r)-[:ABOUT]->(p)
            }
            // The writer has merged the batch's symptoms and their broader ones (SymptomHierarchy) beforehand; the
            // mapper lists each symptom once.
            CALL (row, r) {
              UNWIND row.symptomKeys AS key
              MATCH (s:Symptom {key: key})
              CREATE (r)-[:SHOWS]->(s)
              RETURN collect(s.id) AS symptoms
            }
            WITH row, owner, cfg, r, symptoms, COLLECT { MATCH (cfg)-[:INCLUDES]->(i:ConfigItem) RETURN i.id } AS items
            """ + PeerSignature.SET_NEW + """
            RETURN collect(row.sourceKey) AS written, collect(r.id) AS aggregates
            """),

    INTERACTIONS("interactions", PublicId.INTERACTION, "sourceKey", "MATCH (n:Interaction {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("report", TEXT), required("channel", ENUM), optional("direction", ENUM),
            optional("text", TEXT), optional("outcome", ENUM), optional("at", DATETIME)), """
            UNWIND $rows AS row
            MATCH (r:Report {sourceKey: row.report})
            CREATE (r)-[:HAS_INTERACTION]->(i:Interaction {sourceKey: row.sourceKey, id: row.id, channel: row.channel,
                        direction: coalesce(row.direction, 'INBOUND'), text: row.text, outcome: row.outcome, at: coalesce(row.at, datetime()),
                        createdAt: datetime(), updatedAt: datetime()})
            RETURN collect(row.sourceKey) AS written, collect(DISTINCT r.id) AS aggregates
            """),

    SOLUTIONS("solutions", PublicId.SOLUTION, "sourceKey", "MATCH (n:Solution {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("proposer", TEXT), required("title", TEXT), optional("steps", TEXT),
            optional("kind", ENUM), optional("symptoms", LIST), optional("triedOn", LIST)), """
            UNWIND $rows AS row
            MATCH (proposer:Customer {handle: row.proposer})
            CREATE (proposer)-[:PROPOSED]->(sol:Solution {sourceKey: row.sourceKey, id: row.id, title: row.title, steps: row.steps,
                        kind: coalesce(row.kind, 'OTHER'), createdAt: datetime(), updatedAt: datetime()})
            WITH row, sol
            // The mapper lists each symptom and report once.
            CALL (row, sol) {
              UNWIND coalesce(row.symptoms, []) AS key
              MATCH (s:Symptom {key: key})
              CREATE (sol)-[:SOLVES]->(s)
            }
            CALL (row, sol) {
              UNWIND coalesce(row.triedOn, []) AS reportKey
              MATCH (r:Report {sourceKey: reportKey})
              CREATE (r)-[:TRIED]->(sol)
            }
            RETURN collect(row.sourceKey) AS written, collect(sol.id) AS aggregates
            """),

    CONFIRMATIONS("confirmations", PublicId.CONFIRMATION, "sourceKey", "MATCH (n:Confirmation {sourceKey: key})", List.of(
            required("sourceKey", TEXT), required("customer", TEXT), required("solution", TEXT), optional("configuration", TEXT),
            required("worked", BOOLEAN), optional("note", TEXT), optional("at", DATETIME)), """
            UNWIND $rows AS row
            MATCH (c:Customer {handle: row.customer}), (sol:Solution {sourceKey: row.solution})
            CREATE (c)-[:CONFIRMED]->(cf:Confirmation {sourceKey: row.sourceKey, id: row.id, worked: row.worked, note: row.note,
                        at: coalesce(row.at, datetime()), createdAt: datetime(), updatedAt: datetime()})-[:OF]->(sol)
            WITH row, cf, sol
            CALL (row, cf) {
              MATCH (cfg:Configuration {sourceKey: row.configuration})
              CREATE (cf)-[:WITH]->(cfg)
            }
            RETURN collect(row.sourceKey) AS written, collect(DISTINCT sol.id) AS aggregates
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
            WITH row, target, metric, m
            // As graph-model's MeasurementStore: each configuration keeps its latest value per metric.
            CALL (target, metric, m) {
            """ + MeasurementStore.KEEP_LATEST + """
            }
            RETURN collect(row.sourceKey) AS written, [] AS aggregates
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
     * The outbox event a batch of this entity records for the aggregates its statement returns: whatever a search
     * document shows (a case with its interactions and tags; a solution with its confirmation counts; a product)
     * gets an event in the batch's own transaction, so the index catches up with an import without a reindex.
     * Customers, items and measurements are not searched; a new configuration has no cases yet.
     */
    Optional<EventType> outboxEvent() {
        return Optional.ofNullable(switch (this) {
            case PRODUCTS -> EventType.ProductChanged;
            // ReportChanged, not InteractionAdded: imported history must not notify anyone as if it were new.
            case REPORTS, INTERACTIONS -> EventType.ReportChanged;
            case SOLUTIONS -> EventType.SolutionChanged;
            case CONFIRMATIONS -> EventType.ConfirmationRecorded;
            // Tags record theirs through Tagging, as the API's do.
            case CUSTOMERS, ITEMS, CONFIGURATIONS, MEASUREMENTS, TAGS -> null;
        });
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
