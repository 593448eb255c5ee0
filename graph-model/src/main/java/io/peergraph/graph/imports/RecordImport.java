package io.peergraph.graph.imports;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.solution.ConfirmationTotals;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * Writes a batch of one record type of the generic import format (docs/import-format.md), in the importer's
 * transaction: {@link #existing} tells which natural keys the graph holds, {@link #importBatch} writes the others.
 * A row is one record: its fields as the format names them (absent ones left out), {@code id} derived from its key;
 * references to other records are their natural keys. Reports carry {@code symptomKeys} (leaf symptom keys, each
 * once, merged beforehand with {@link SymptomImport}); configurations carry {@code items} (maps with {@code key},
 * {@code id}, {@code kind}, {@code value}, {@code raw}, each item once).
 *
 * <p>{@link #importBatch} is given only records whose keys the graph does not hold (checked in the same
 * transaction), so its statements CREATE the records and their relationships (no MERGE: nothing to find, and no
 * relationship check on a node just made); the unique constraints on the natural keys still refuse a duplicate.
 * Shared nodes (config items) are merged and counted ({@link ConfigItemCounts}); new reports are signed for peer
 * search ({@link PeerSignature#SET_NEW}); whatever a search document shows gets its outbox event.
 *
 * <p>Tags are not here: their targets are found by {@link TagTargets} and the tags applied by the taxonomy's tagging,
 * as the API's are.
 */
public enum RecordImport {

    CUSTOMERS("MATCH (n:Customer {handle: key})", "handle", """
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

    PRODUCTS("MATCH (n:Product {key: key})", "key", """
            UNWIND $rows AS row
            CREATE (p:Product {key: row.key, id: row.id, name: row.name, verified: coalesce(row.verified, false),
                               steamAppId: row.steamAppId, createdAt: datetime(), updatedAt: datetime()})
            RETURN collect(row.key) AS written, collect(p.id) AS aggregates
            """),

    ITEMS("MATCH (n:Item {sourceKey: key})", "sourceKey", """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner}), (p:Product {key: row.product})
            CREATE (owner)-[:OWNS]->(i:Item {sourceKey: row.sourceKey, id: row.id, nickname: row.nickname, location: row.location,
                        acquiredOn: row.acquiredOn, status: coalesce(row.status, 'ACTIVE'), privacy: coalesce(row.privacy, 'PRIVATE'),
                        createdAt: datetime(), updatedAt: datetime()})-[:INSTANCE_OF]->(p)
            RETURN collect(row.sourceKey) AS written, [] AS aggregates
            """),

    CONFIGURATIONS("MATCH (n:Configuration {sourceKey: key})", "sourceKey", """
            UNWIND $rows AS row
            MATCH (owner:Customer {handle: row.owner})
            CREATE (owner)-[:OWNS]->(cfg:Configuration {sourceKey: row.sourceKey, id: row.id, name: coalesce(row.name, row.sourceKey),
                        privacy: coalesce(row.privacy, 'COMMUNITY'), listedInPeers: true, inStatistics: true,
                        createdAt: datetime(), updatedAt: datetime()})
            WITH row, cfg
            // The batch's items are merged and counted (ConfigItemCounts) beforehand; each is listed once per configuration.
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

    REPORTS("MATCH (n:Report {sourceKey: key})", "sourceKey", """
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
            // The batch's symptoms and their broader ones are merged (SymptomImport) beforehand; each is listed once.
            CALL (row, r) {
              UNWIND row.symptomKeys AS key
              MATCH (s:Symptom {key: key})
              CREATE (r)-[:SHOWS]->(s)
              RETURN collect(s.id) AS symptoms
            }
            WITH row, owner, cfg, r, symptoms,
            """ + PeerSignature.ITEM_TERMS + " AS items\n" + PeerSignature.SET_NEW + """
            RETURN collect(row.sourceKey) AS written, collect(r.id) AS aggregates
            """),

    INTERACTIONS("MATCH (n:Interaction {sourceKey: key})", "sourceKey", """
            UNWIND $rows AS row
            MATCH (r:Report {sourceKey: row.report})
            CREATE (r)-[:HAS_INTERACTION]->(i:Interaction {sourceKey: row.sourceKey, id: row.id, channel: row.channel,
                        direction: coalesce(row.direction, 'INBOUND'), text: row.text, outcome: row.outcome, at: coalesce(row.at, datetime()),
                        createdAt: datetime(), updatedAt: datetime()})
            RETURN collect(row.sourceKey) AS written, collect(DISTINCT r.id) AS aggregates
            """),

    SOLUTIONS("MATCH (n:Solution {sourceKey: key})", "sourceKey", """
            UNWIND $rows AS row
            // Every report of triedOn must be there: a solution written without some of them would count as imported and
            // stay so (a re-import leaves a known record unchanged), its TRIED links lost for good. Unique index on
            // Report.sourceKey.
            WITH row WHERE all(reportKey IN coalesce(row.triedOn, []) WHERE EXISTS { (:Report {sourceKey: reportKey}) })
            MATCH (proposer:Customer {handle: row.proposer})
            CREATE (proposer)-[:PROPOSED]->(sol:Solution {sourceKey: row.sourceKey, id: row.id, title: row.title, steps: row.steps,
                        kind: coalesce(row.kind, 'OTHER'), createdAt: datetime(), updatedAt: datetime()})
            WITH row, sol
            // The batch's symptoms and their broader ones are merged (SymptomImport) beforehand; each symptom and report
            // is listed once.
            CALL (row, sol) {
              UNWIND row.symptomKeys AS key
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

    CONFIRMATIONS("MATCH (n:Confirmation {sourceKey: key})", "sourceKey", """
            UNWIND $rows AS row
            MATCH (c:Customer {handle: row.customer}), (sol:Solution {sourceKey: row.solution})
            CREATE (c)-[:CONFIRMED]->(cf:Confirmation {sourceKey: row.sourceKey, id: row.id, worked: row.worked, note: row.note,
                        at: coalesce(row.at, datetime()), createdAt: datetime(), updatedAt: datetime()})-[:OF]->(sol)
            """ + ConfirmationTotals.lock("sol") + ConfirmationTotals.count("sol", "cf") + """
            WITH row, cf, sol
            CALL (row, cf) {
              MATCH (cfg:Configuration {sourceKey: row.configuration})
              CREATE (cf)-[:WITH]->(cfg)
            }
            RETURN collect(row.sourceKey) AS written, collect(DISTINCT sol.id) AS aggregates
            """),

    /** Rows whose value fits their metric (MeasurementRule, checked by the caller); a missing metric drops out. */
    MEASUREMENTS("MATCH (n:Measurement {sourceKey: key})", "sourceKey", """
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
            // As MeasurementStore: each configuration keeps its latest value per metric.
            CALL (target, metric, m) {
            """ + MeasurementStore.KEEP_LATEST + """
            }
            RETURN collect(row.sourceKey) AS written, [] AS aggregates
            """);

    /**
     * The payload of the outbox events imports record, so that consumers that notify people can leave bulk loads out
     * (imported history must not notify anyone as if it were new).
     */
    public static final Map<String, String> IMPORTED = Map.of("source", "import");

    /**
     * The graph grows fast during an import, so Neo4j would re-plan every statement again and again as its
     * statistics move (measured: an eighth of the import's CPU); their plans are seeks on the natural keys' unique
     * constraints whatever the statistics, so the first plan is kept.
     */
    static final String REUSE_PLAN = "CYPHER replan=skip\n";

    private final String existing;
    private final String keyField;
    private final String write;

    RecordImport(String matchByKey, String keyField, String write) {
        this.existing = REUSE_PLAN + "UNWIND $keys AS key\n" + matchByKey + "\nRETURN collect(DISTINCT key) AS known";
        this.keyField = keyField;
        this.write = REUSE_PLAN + write;
    }

    /** The row field that holds a record's natural key ({@code handle}, {@code key} or {@code sourceKey}). */
    public String keyField() {
        return keyField;
    }

    /** Which of these natural keys the graph holds. */
    public Set<String> existing(SimpleQueryRunner tx, Collection<String> keys) {
        return existing(tx, existing, keys);
    }

    /**
     * Writes the rows (records new to the graph) and returns the keys it wrote: a record whose required reference
     * is missing is left out. Records the outbox events of what it wrote last.
     */
    @SuppressWarnings("unchecked")
    public Set<String> importBatch(SimpleQueryRunner tx, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("rows", rows);
        if (this == REPORTS) {
            // The terms of every symptom the batch shows, read in this transaction so they follow the taxonomy as it is
            // now, once per batch: signing its thousands of reports walks no taxonomy.
            Set<String> shown = new LinkedHashSet<>();
            rows.forEach(row -> ((List<String>) row.get("symptomKeys")).forEach(shown::add));
            params.put("symptomTerms", PeerSignature.symptomTerms(tx, shown.stream().map(PublicId.SYMPTOM::fromKey).toList()));
        }
        if (this == CONFIGURATIONS) {
            ConfigItemCounts.include(tx, rows.stream().map(row -> (List<Map<String, Object>>) row.get("items")).toList());
        }
        Record result = tx.run(write, params).single();
        // Last statement of the batch: the outbox counter stays locked until the batch commits.
        outboxEvent().ifPresent(type -> Outbox.recordAll(tx, type, result.get("aggregates").asList(Value::asString), IMPORTED));
        return new HashSet<>(result.get("written").asList(Value::asString));
    }

    /**
     * The outbox event for the aggregates a batch's statement returns: whatever a search document shows (a case
     * with its interactions; a solution with its confirmation counts; a product) gets an event in the batch's own
     * transaction, so the index catches up with an import without a reindex. Customers, items and measurements are
     * not searched; a new configuration has no cases yet.
     */
    private Optional<EventType> outboxEvent() {
        return Optional.ofNullable(switch (this) {
            case PRODUCTS -> EventType.ProductChanged;
            // ReportChanged, not InteractionAdded: imported history must not notify anyone as if it were new.
            case REPORTS, INTERACTIONS -> EventType.ReportChanged;
            case SOLUTIONS -> EventType.SolutionChanged;
            case CONFIRMATIONS -> EventType.ConfirmationRecorded;
            case CUSTOMERS, ITEMS, CONFIGURATIONS, MEASUREMENTS -> null;
        });
    }

    static Set<String> existing(SimpleQueryRunner tx, String cypher, Collection<String> keys) {
        return new HashSet<>(tx.run(cypher, Map.of("keys", List.copyOf(keys))).single().get("known").asList(Value::asString));
    }
}
