package io.peergraph.ingest.protondb;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.ingest.engine.BatchWriter;
import io.peergraph.ingest.engine.ConfigItems;
import io.peergraph.ingest.engine.SymptomHierarchy;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.protondb.ProtonDbReport.Tried;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.TransactionContext;

/**
 * Writes ProtonDB reports as docs/graph-model.md lays them out, one batch per call, MERGE on natural keys
 * throughout (relies on the unique constraints of migrations 1 and 2: Product.key, Customer.handle,
 * ConfigItem.key, Symptom.key and the sourceKey of Configuration, Report, Interaction, Solution, Confirmation).
 */
public final class ProtonDbWriter implements BatchWriter<ProtonDbReport> {

    /**
     * The graph grows fast during an import, so Neo4j would re-plan these statements again and again as its
     * statistics move (measured: an eighth of the import's CPU). Their plans are index seeks on unique
     * constraints whatever the statistics, so the first plan is kept.
     */
    private static final String REUSE_PLAN = "CYPHER replan=skip\n";

    /** Shared solutions (a launch option, a Proton version) are proposed by the community, not by one reporter. */
    static final String COMMUNITY_HANDLE = "protondb-community";

    private static final String EXISTING = REUSE_PLAN + """
            UNWIND $keys AS key
            MATCH (r:Report {sourceKey: key})
            RETURN collect(r.sourceKey) AS known
            """;

    /** Configurations already in the graph: their items are linked, so a batch sends items only for new ones. */
    private static final String EXISTING_CONFIGURATIONS = REUSE_PLAN + """
            UNWIND $keys AS key
            MATCH (c:Configuration {sourceKey: key})
            RETURN collect(key) AS known
            """;

    private static final String SOLUTIONS = REUSE_PLAN + """
            MERGE (community:Customer {handle: $communityHandle})
              ON CREATE SET community.id = $communityId, community.displayName = 'ProtonDB community',
                            community.kind = 'ORGANISATION', community.createdAt = datetime(), community.updatedAt = datetime()
            WITH community
            UNWIND $solutions AS s
            MERGE (sol:Solution {sourceKey: s.sourceKey})
              ON CREATE SET sol.id = s.id, sol.title = s.title, sol.steps = s.steps, sol.kind = s.kind,
                            sol.createdAt = datetime(), sol.updatedAt = datetime()
            MERGE (community)-[:PROPOSED]->(sol)
            WITH sol, s
            UNWIND s.symptomKeys AS symptomKey
            MATCH (symptom:Symptom {key: symptomKey})
            MERGE (sol)-[:SOLVES]->(symptom)
            """;

    private static final String REPORTS = REUSE_PLAN + """
            UNWIND $rows AS row
            MERGE (p:Product {key: row.productKey})
              ON CREATE SET p.id = row.productId, p.name = row.productName, p.verified = true, p.steamAppId = row.steamAppId,
                            p.createdAt = datetime(), p.updatedAt = datetime()
            MERGE (c:Customer {handle: row.handle})
              ON CREATE SET c.id = row.customerId, c.displayName = row.displayName, c.kind = 'PERSON',
                            c.createdAt = datetime(), c.updatedAt = datetime()
            MERGE (cfg:Configuration {sourceKey: row.configurationKey})
              ON CREATE SET cfg.id = row.configurationId, cfg.name = row.configurationName, cfg.privacy = 'COMMUNITY',
                            cfg.listedInPeers = true, cfg.inStatistics = true, cfg.createdAt = datetime(), cfg.updatedAt = datetime()
            MERGE (c)-[:OWNS]->(cfg)
            WITH row, p, c, cfg
            // Items come with new configurations only; the writer has merged and counted them (ConfigItems) beforehand.
            CALL (row, cfg) {
              UNWIND row.items AS item
              MATCH (ci:ConfigItem {key: item.key})
              CREATE (cfg)-[:INCLUDES {raw: item.raw}]->(ci)
            }
            // The engine wrote only reports that are not in the graph (checked in this transaction): CREATE is safe.
            CREATE (c)-[:REPORTED]->(r:Report {sourceKey: row.sourceKey, id: row.id, title: row.title, text: row.text,
                        status: row.status, privacy: 'COMMUNITY', occurredAt: row.occurredAt, source: 'protondb',
                        sourceFormat: row.format, verdict: row.verdict, createdAt: datetime(), updatedAt: datetime()})
            CREATE (r)-[:ON]->(cfg)
            CREATE (r)-[:ABOUT]->(p)
            CREATE (r)-[:HAS_INTERACTION]->(:Interaction {sourceKey: row.interactionKey, id: row.interactionId, channel: 'WEB',
                        direction: 'INBOUND', outcome: 'REPORTED', at: row.occurredAt, createdAt: datetime(), updatedAt: datetime()})
            WITH row, c, cfg, r
            CALL (row, r) {
              UNWIND row.symptomKeys AS symptomKey
              MATCH (s:Symptom {key: symptomKey})
              CREATE (r)-[:SHOWS]->(s)
              RETURN collect(s.id) AS symptoms
            }
            CALL (row, c, cfg, r) {
              UNWIND row.tried AS t
              MATCH (sol:Solution {sourceKey: t.solutionKey})
              CREATE (r)-[:TRIED]->(sol)
              CREATE (c)-[:CONFIRMED]->(cf:Confirmation {sourceKey: t.confirmationKey, id: t.confirmationId, worked: row.worked,
                          note: t.note, at: row.occurredAt, createdAt: datetime(), updatedAt: datetime()})
              CREATE (cf)-[:OF]->(sol)
              CREATE (cf)-[:WITH]->(cfg)
            }
            WITH row, c AS owner, cfg, r, symptoms, COLLECT { MATCH (cfg)-[:INCLUDES]->(i:ConfigItem) RETURN i.id } AS items
            """ + PeerSignature.SET_NEW;

    @Override
    public Set<String> existing(TransactionContext tx, Collection<String> keys) {
        return new HashSet<>(tx.run(EXISTING, Map.of("keys", List.copyOf(keys))).single().get("known").asList(v -> v.asString()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> write(TransactionContext tx, List<ProtonDbReport> reports) {
        if (reports.isEmpty()) {
            return Map.of();
        }
        Map<String, Symptom> symptoms = new LinkedHashMap<>();
        Map<String, Solution> solutions = new LinkedHashMap<>();
        Map<String, Set<String>> solves = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>(reports.size());
        List<String> reportIds = new ArrayList<>(reports.size());
        Set<String> configurationsWithItems = new HashSet<>(tx.run(EXISTING_CONFIGURATIONS,
                Map.of("keys", reports.stream().map(r -> configurationKey(r)).distinct().toList())).single().get("known").asList(v -> v.asString()));
        for (ProtonDbReport report : reports) {
            report.symptoms().forEach(s -> Symptoms.withBroader(s.key()).forEach(b -> symptoms.putIfAbsent(b.key(), b)));
            for (Tried t : report.tried()) {
                solutions.putIfAbsent(t.solution().sourceKey(), t.solution());
                // What was tried on a case with these symptoms is a solution for them; confirmations say how well it did.
                report.symptoms().forEach(s -> solves.computeIfAbsent(t.solution().sourceKey(), k -> new LinkedHashSet<>()).add(s.key()));
            }
            Map<String, Object> row = row(report);
            if (!configurationsWithItems.add(configurationKey(report))) {
                row.put("items", List.of());
            }
            rows.add(row);
            reportIds.add((String) row.get("id"));
        }
        Map<String, List<String>> symptomTerms = SymptomHierarchy.write(tx,
                symptoms.values().stream().map(s -> new SymptomHierarchy.Node(s.key(), s.name(), s.broader())).toList());
        tx.run(SOLUTIONS, Map.of("communityHandle", COMMUNITY_HANDLE, "communityId", PublicId.CUSTOMER.fromKey(COMMUNITY_HANDLE),
                "solutions", solutions.values().stream().map(s -> solutionRow(s, solves.getOrDefault(s.sourceKey(), Set.of()))).toList()))
                .consume();
        ConfigItems.merge(tx, rows.stream().map(row -> (List<Map<String, Object>>) row.get("items")).toList());
        tx.run(REPORTS, Map.of("rows", rows, "symptomTerms", symptomTerms)).consume();
        // Last: the outbox counter stays locked until the batch commits. New cases, the products they are about
        // (new ones need a document) and the solutions whose confirmation counts moved.
        Outbox.recordAll(tx, EventType.ProductChanged,
                rows.stream().map(r -> (String) r.get("productId")).distinct().toList(), IMPORTED);
        Outbox.recordAll(tx, EventType.ReportChanged, reportIds, IMPORTED);
        Outbox.recordAll(tx, EventType.ConfirmationRecorded,
                solutions.keySet().stream().map(PublicId.SOLUTION::fromKey).toList(), IMPORTED);
        return Map.of(); // a report brings everything it refers to
    }

    private static Map<String, Object> row(ProtonDbReport r) {
        String hash = r.sourceKey().substring(r.sourceKey().lastIndexOf(':') + 1);
        String handle = "protondb-" + r.systemHash();
        String configurationKey = configurationKey(r);
        String productKey = "steam:" + r.steamAppId();
        Map<String, Object> row = new HashMap<>();
        row.put("sourceKey", r.sourceKey());
        row.put("id", PublicId.REPORT.fromKey(r.sourceKey()));
        row.put("productKey", productKey);
        row.put("productId", PublicId.PRODUCT.fromKey(productKey));
        row.put("productName", r.gameTitle());
        row.put("steamAppId", Long.parseLong(r.steamAppId()));
        row.put("handle", handle);
        row.put("customerId", PublicId.CUSTOMER.fromKey(handle));
        row.put("displayName", "ProtonDB user " + r.systemHash().substring(0, 6));
        row.put("configurationKey", configurationKey);
        row.put("configurationId", PublicId.CONFIGURATION.fromKey(configurationKey));
        row.put("configurationName", "ProtonDB system " + r.systemHash().substring(0, 6));
        Map<String, Map<String, Object>> items = new LinkedHashMap<>(); // each item once: one INCLUDES each
        r.items().forEach(item -> items.putIfAbsent(item.key(), itemRow(item)));
        row.put("items", List.copyOf(items.values()));
        row.put("title", r.title());
        row.put("text", r.text());
        row.put("status", r.worked() ? "SOLVED" : "OPEN");
        row.put("occurredAt", r.occurredAt().atOffset(ZoneOffset.UTC));
        row.put("format", r.format());
        row.put("verdict", r.verdict());
        row.put("worked", r.worked());
        row.put("interactionKey", "protondb:interaction:" + hash);
        row.put("interactionId", PublicId.INTERACTION.fromKey("protondb:interaction:" + hash));
        row.put("symptomKeys", r.symptoms().stream().map(Symptom::key).toList());
        row.put("tried", r.tried().stream().map(t -> {
            String confirmationKey = "protondb:confirmation:" + hash + ":" + t.solution().sourceKey();
            Map<String, Object> tried = new HashMap<>();
            tried.put("solutionKey", t.solution().sourceKey());
            tried.put("confirmationKey", confirmationKey);
            tried.put("confirmationId", PublicId.CONFIRMATION.fromKey(confirmationKey));
            tried.put("note", t.note());
            return tried;
        }).toList());
        return row;
    }

    private static String configurationKey(ProtonDbReport r) {
        return "protondb:configuration:" + r.systemHash();
    }

    private static Map<String, Object> itemRow(NormalisedItem item) {
        return Map.of("key", item.key(), "id", item.nodeId(), "kind", item.kind(), "value", item.value(), "raw", item.raw());
    }

    private static Map<String, Object> solutionRow(Solution s, Set<String> symptomKeys) {
        return Map.of("sourceKey", s.sourceKey(), "id", PublicId.SOLUTION.fromKey(s.sourceKey()), "title", s.title(),
                "steps", s.steps(), "kind", s.kind(), "symptomKeys", List.copyOf(symptomKeys));
    }
}
