package io.peergraph.bench.generate;

import io.peergraph.graph.facet.ItemClassification;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.solution.ConfirmationTotals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;

/**
 * Writes a synthetic community into Neo4j over Bolt as docs/graph-model.md says, in batches of UNWIND: one
 * transaction per batch of customers (with their configurations, reports and the reports' peer signature,
 * refreshed by {@link PeerSignature#refresh} itself so that loading measures the real write path), then the
 * solutions, then the confirmations that refer to them.
 */
public final class CommunityLoader {

    /** Statistics of one load. */
    public record LoadStats(long customers, long reports, long solutions, long confirmations, double seconds) {
        public double reportsPerSecond() {
            return reports / seconds;
        }
    }

    private static final String STATIC_NODES = """
            UNWIND $symptoms AS s
            CREATE (:Symptom {id: s.id, key: s.key, name: s.name, createdAt: $at, updatedAt: $at})
            WITH count(*) AS done
            UNWIND $products AS p
            CREATE (:Product {id: p.id, key: p.key, name: p.name, verified: true, createdAt: $at, updatedAt: $at})
            WITH count(*) AS done
            UNWIND $items AS i
            CREATE (:ConfigItem {id: i.id, key: i.key, kind: i.kind, value: i.value, configCount: 0, createdAt: $at, updatedAt: $at})
            """;

    private static final String CUSTOMERS = """
            UNWIND $customers AS c
            CREATE (customer:Customer {id: c.id, handle: c.handle, displayName: c.handle, kind: 'PERSON', createdAt: $at, updatedAt: $at})
            WITH customer, c
            UNWIND c.configurations AS k
            CREATE (customer)-[:OWNS]->(cfg:Configuration {id: k.id, sourceKey: k.sourceKey, name: k.name, privacy: 'COMMUNITY',
                    listedInPeers: true, inStatistics: true, createdAt: $at, updatedAt: $at})
            WITH cfg, k
            UNWIND k.items AS itemId
            MATCH (item:ConfigItem {id: itemId})
            CREATE (cfg)-[:INCLUDES {raw: item.value}]->(item)
            """;

    // Counted per batch in Java: one write per item and batch instead of one per INCLUDES on the hot items.
    private static final String CONFIG_COUNTS = """
            UNWIND $counts AS c
            MATCH (item:ConfigItem {id: c.id})
            SET item.configCount = item.configCount + c.n
            """;

    private static final String REPORTS = """
            UNWIND $reports AS r
            MATCH (owner:Customer {id: r.ownerId}), (cfg:Configuration {id: r.configurationId}), (product:Product {id: r.productId})
            CREATE (owner)-[:REPORTED]->(report:Report {id: r.id, sourceKey: r.sourceKey, title: r.title, status: r.status,
                    privacy: 'COMMUNITY', occurredAt: r.occurredAt, createdAt: r.occurredAt, updatedAt: r.occurredAt})-[:ON]->(cfg)
            CREATE (report)-[:ABOUT]->(product)
            WITH report, r
            UNWIND r.symptomIds AS symptomId
            MATCH (symptom:Symptom {id: symptomId})
            CREATE (report)-[:SHOWS]->(symptom)
            """;

    private static final String SOLUTIONS = """
            UNWIND $solutions AS s
            MATCH (proposer:Customer {id: s.proposerId}), (symptom:Symptom {id: s.symptomId})
            CREATE (proposer)-[:PROPOSED]->(:Solution {id: s.id, sourceKey: s.sourceKey, title: s.title, steps: s.steps,
                    kind: s.kind, createdAt: $at, updatedAt: $at})-[:SOLVES]->(symptom)
            """;

    private static final String CONFIRMATIONS = """
            UNWIND $confirmations AS c
            MATCH (customer:Customer {id: c.customerId}), (solution:Solution {id: c.solutionId}), (cfg:Configuration {id: c.configurationId})
            CREATE (customer)-[:CONFIRMED]->(cf:Confirmation {id: c.id, sourceKey: c.sourceKey, worked: c.worked, at: c.at,
                    createdAt: c.at, updatedAt: c.at})-[:OF]->(solution)
            CREATE (cf)-[:WITH]->(cfg)
            """;

    private final Driver driver;
    private final int customersPerBatch;

    public CommunityLoader(Driver driver, int customersPerBatch) {
        this.driver = driver;
        this.customersPerBatch = customersPerBatch;
    }

    /** Loads the community into an empty store. */
    public LoadStats load(SyntheticCommunity community) {
        long started = System.nanoTime();
        SchemaMigrations.apply(driver);
        int customerCount = community.shape().customers();
        long reports = 0;
        long confirmations = 0;
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> writeVocabulary(tx, community.vocabulary()));
            for (int from = 0; from < customerCount; from += customersPerBatch) {
                List<SyntheticCommunity.Customer> batch = range(from, customerCount).mapToObj(community::customer).toList();
                session.executeWriteWithoutResult(tx -> writeCustomers(tx, batch, community));
                reports += batch.stream().mapToInt(c -> c.reports().size()).sum();
                progress(from, from + batch.size(), customerCount, started);
            }
            List<SyntheticCommunity.Solution> solutions = community.solutions();
            for (int from = 0; from < solutions.size(); from += 10 * customersPerBatch) {
                List<SyntheticCommunity.Solution> batch = solutions.subList(from, Math.min(solutions.size(), from + 10 * customersPerBatch));
                session.executeWriteWithoutResult(tx -> tx.run(SOLUTIONS, Map.of("at", SyntheticCommunity.EPOCH,
                        "solutions", batch.stream().map(s -> solutionRow(s, community)).toList())).consume());
            }
            for (int from = 0; from < customerCount; from += customersPerBatch) {
                List<Map<String, Object>> rows = rows(range(from, customerCount), i -> community.confirmations(i).stream()
                        .map(CommunityLoader::confirmationRow).toList());
                session.executeWriteWithoutResult(tx -> tx.run(CONFIRMATIONS, Map.of("confirmations", rows)).consume());
                confirmations += rows.size();
            }
            // The solutions' confirmation totals, as the product's writes keep them, counted once here (a bulk load).
            session.run(ConfirmationTotals.RECOUNT_ALL).consume();
            return new LoadStats(customerCount, reports, solutions.size(), confirmations, (System.nanoTime() - started) / 1e9);
        }
    }

    private IntStream range(int from, int customerCount) {
        return IntStream.range(from, Math.min(customerCount, from + customersPerBatch));
    }

    private static void writeVocabulary(TransactionContext tx, Vocabulary vocabulary) {
        tx.run(STATIC_NODES, Map.of("at", SyntheticCommunity.EPOCH,
                "symptoms", vocabulary.symptoms.stream().map(s -> Map.of("id", s.id(), "key", s.key(), "name", s.name())).toList(),
                "products", vocabulary.products.stream().map(p -> Map.of("id", p.id(), "key", p.key(), "name", p.name())).toList(),
                "items", vocabulary.allItems().stream().map(i -> Map.of("id", i.id(), "key", i.key(), "kind", i.kind(), "value", i.value())).toList()))
                .consume();
        // Classified into concepts (generated families: driver major, OS, …) as imports classify items, so the reports'
        // signatures carry their concepts when written and a start finds nothing to re-sign.
        ItemClassification.classifyAll(tx);
    }

    private static void writeCustomers(TransactionContext tx, List<SyntheticCommunity.Customer> batch, SyntheticCommunity community) {
        Map<String, Integer> configCounts = new TreeMap<>();
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (SyntheticCommunity.Customer c : batch) {
            customers.add(Map.of("id", c.id(), "handle", c.handle(), "configurations", c.configurations().stream().map(k -> {
                k.items().forEach(i -> configCounts.merge(i.id(), 1, Integer::sum));
                return Map.of("id", k.id(), "sourceKey", k.sourceKey(), "name", k.name(),
                        "items", k.items().stream().map(Vocabulary.Item::id).toList());
            }).toList()));
            c.reports().forEach(r -> reports.add(Map.of("id", r.id(), "sourceKey", r.sourceKey(), "ownerId", c.id(),
                    "configurationId", r.configurationId(), "productId", r.productId(), "title", r.title(), "status", r.status(),
                    "occurredAt", r.occurredAt(), "symptomIds", r.symptomRanks().stream().map(community::symptomId).toList())));
        }
        tx.run(CUSTOMERS, Map.of("customers", customers, "at", SyntheticCommunity.EPOCH)).consume();
        tx.run(CONFIG_COUNTS, Map.of("counts", configCounts.entrySet().stream()
                .map(e -> Map.of("id", e.getKey(), "n", e.getValue())).toList())).consume();
        tx.run(REPORTS, Map.of("reports", reports)).consume();
        PeerSignature.refresh(tx, reports.stream().map(r -> (String) r.get("id")).toList());
    }

    private static List<Map<String, Object>> rows(IntStream customers, IntFunction<List<Map<String, Object>>> rowsOf) {
        return customers.mapToObj(rowsOf).flatMap(List::stream).toList();
    }

    private static Map<String, Object> solutionRow(SyntheticCommunity.Solution s, SyntheticCommunity community) {
        return Map.of("id", s.id(), "sourceKey", s.sourceKey(), "proposerId", s.proposerId(), "symptomId", community.symptomId(s.symptomRank()),
                "title", s.title(), "steps", "Steps of " + s.title(), "kind", s.kind().name());
    }

    private static Map<String, Object> confirmationRow(SyntheticCommunity.Confirmation c) {
        return Map.of("id", c.id(), "sourceKey", c.sourceKey(), "customerId", c.customerId(), "solutionId", c.solutionId(),
                "configurationId", c.configurationId(), "worked", c.worked(), "at", c.at());
    }

    /** Prints a line each time another tenth of the customers is in. */
    private static void progress(long before, long done, long total, long started) {
        if (done * 10 / total != before * 10 / total || done == total) {
            System.out.printf("  loaded %,d / %,d customers with their reports (%.0f s)%n", done, total, (System.nanoTime() - started) / 1e9);
        }
    }
}
