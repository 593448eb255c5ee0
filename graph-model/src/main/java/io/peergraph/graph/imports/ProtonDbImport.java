package io.peergraph.graph.imports;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.solution.ConfirmationTotals;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * Writes ProtonDB reports as docs/graph-model.md lays them out, a batch at a time: each report brings its game
 * (product), its reporter (customer), the reporter's system (configuration with its items), the report's web
 * interaction, and the solutions it tried with the reporter's confirmations. Shared nodes are merged on their natural
 * keys (the unique constraints of migrations 1 and 2: Product.key, Customer.handle, ConfigItem.key, Symptom.key and
 * the sourceKey of Configuration, Report, Interaction, Solution, Confirmation); the reports themselves are created.
 */
public final class ProtonDbImport {

    /** Shared solutions (a launch option, a Proton version) are proposed by the community, not by one reporter. */
    public static final String COMMUNITY_HANDLE = "protondb-community";

    private static final String SOLUTIONS = RecordImport.REUSE_PLAN + """
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

    private static final String REPORTS = RecordImport.REUSE_PLAN + """
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
            // Items come with new configurations only, merged and counted (ConfigItemCounts) beforehand.
            CALL (row, cfg) {
              UNWIND row.items AS item
              MATCH (ci:ConfigItem {key: item.key})
              CREATE (cfg)-[:INCLUDES {raw: item.raw}]->(ci)
            }
            // Only reports that are not in the graph are given (checked in this transaction): CREATE is safe.
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
              """ + ConfirmationTotals.lock("sol") + ConfirmationTotals.count("sol", "cf") + """
            }
            WITH row, c AS owner, cfg, r, symptoms,
            """ + PeerSignature.ITEM_TERMS + " AS items\n" + PeerSignature.SET_NEW;

    private ProtonDbImport() {}

    /** Which of these report source keys the graph holds. */
    public static Set<String> existingReports(SimpleQueryRunner tx, Collection<String> sourceKeys) {
        return RecordImport.REPORTS.existing(tx, sourceKeys);
    }

    /** Which of these configuration source keys the graph holds: their items are linked, a batch sends none for them. */
    public static Set<String> existingConfigurations(SimpleQueryRunner tx, Collection<String> sourceKeys) {
        return RecordImport.CONFIGURATIONS.existing(tx, sourceKeys);
    }

    /**
     * Writes a batch of new reports with everything they bring, signs them for peer search and records the outbox
     * events of the new cases, the products they are about and the solutions whose confirmation counts moved.
     *
     * <p>{@code solutions}: the solutions the batch's reports tried, each once ({@code sourceKey}, {@code id},
     * {@code title}, {@code steps}, {@code kind}, {@code symptomKeys} it solves). {@code reports}: one row per report
     * ({@code sourceKey}, {@code id}, {@code productKey}, {@code productId}, {@code productName}, {@code steamAppId},
     * {@code handle}, {@code customerId}, {@code displayName}, {@code configurationKey}, {@code configurationId},
     * {@code configurationName}, {@code items} (empty for a configuration in the graph), {@code title}, {@code text},
     * {@code status}, {@code occurredAt}, {@code format}, {@code verdict}, {@code worked}, {@code interactionKey},
     * {@code interactionId}, {@code symptomKeys}, {@code tried}: maps of {@code solutionKey}, {@code confirmationKey},
     * {@code confirmationId}, {@code note}). The symptoms are merged beforehand ({@link SymptomImport}).
     */
    @SuppressWarnings("unchecked")
    public static void importBatch(SimpleQueryRunner tx, List<Map<String, Object>> solutions, List<Map<String, Object>> reports) {
        if (reports.isEmpty()) {
            return;
        }
        tx.run(SOLUTIONS, Map.of("communityHandle", COMMUNITY_HANDLE, "communityId", PublicId.CUSTOMER.fromKey(COMMUNITY_HANDLE),
                "solutions", solutions)).consume();
        ConfigItemCounts.include(tx, reports.stream().map(row -> (List<Map<String, Object>>) row.get("items")).toList());
        // The terms of the batch's symptoms, once: signing its thousands of reports walks no taxonomy.
        Set<String> shown = new LinkedHashSet<>();
        reports.forEach(row -> shown.addAll((List<String>) row.get("symptomKeys")));
        Map<String, List<String>> symptomTerms = PeerSignature.symptomTerms(tx, shown.stream().map(PublicId.SYMPTOM::fromKey).toList());
        tx.run(REPORTS, Map.of("rows", reports, "symptomTerms", symptomTerms)).consume();
        // Last: the outbox counter stays locked until the batch commits.
        Outbox.recordAll(tx, EventType.ProductChanged,
                reports.stream().map(r -> (String) r.get("productId")).distinct().toList(), RecordImport.IMPORTED);
        Outbox.recordAll(tx, EventType.ReportChanged, reports.stream().map(r -> (String) r.get("id")).toList(), RecordImport.IMPORTED);
        Outbox.recordAll(tx, EventType.ConfirmationRecorded, solutions.stream().map(s -> (String) s.get("id")).toList(),
                RecordImport.IMPORTED);
    }
}
