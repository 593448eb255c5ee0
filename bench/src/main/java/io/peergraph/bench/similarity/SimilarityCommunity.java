package io.peergraph.bench.similarity;

import io.peergraph.graph.facet.ItemClassification;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A seeded community shaped like BENCHMARKS.md: one configuration per customer, one item per kind (gpu 300,
 * driver 100, kernel 50, os 40, cpu 200, ram 10 values) with Zipf(1.1) popularity; 60 % describe an item of one
 * of 200 products (Zipf too); half have an fps measurement that depends on the GPU. Values are named so that
 * item families exist (GPU generations, driver majors, kernel series, OS names), classified into their generated family
 * concepts as the service classifies items.
 */
final class SimilarityCommunity {

    static final String METRIC = "fps";

    private static final String LOAD = """
            UNWIND $rows AS row
            CREATE (o:Customer {id: row.ownerId, handle: row.handle, kind: 'PERSON', createdAt: datetime(), updatedAt: datetime()})
            CREATE (o)-[:OWNS]->(c:Configuration {id: row.id, name: 'pc', privacy: row.privacy, listedInPeers: row.listed,
                                                  inStatistics: row.stats, createdAt: datetime(), updatedAt: datetime()})
            FOREACH (_ IN CASE WHEN row.product IS NULL THEN [] ELSE [1] END |
              CREATE (o)-[:OWNS]->(it:Item {id: row.itemId, status: 'ACTIVE', privacy: 'PRIVATE', createdAt: datetime(), updatedAt: datetime()})
              CREATE (c)-[:OF_ITEM]->(it))
            WITH o, c, row
            CALL (c, row) {
              MATCH (p:Product {key: row.product}), (c)-[:OF_ITEM]->(it:Item)
              CREATE (it)-[:INSTANCE_OF]->(p)
            }
            WITH c, row
            UNWIND row.items AS key
            MATCH (ci:ConfigItem {key: key})
            CREATE (c)-[:INCLUDES {raw: ci.value}]->(ci)
            """;

    private static final String[][] KINDS = {{"gpu", "300"}, {"driver", "100"}, {"kernel", "50"}, {"os", "40"}, {"cpu", "200"}, {"ram", "10"}};

    private SimilarityCommunity() {}

    static void load(Driver driver, int customers, long seed) {
        Neo4jClient client = Neo4jClient.create(driver);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Zipf> zipf = new HashMap<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (String[] kind : KINDS) {
            int n = Integer.parseInt(kind[1]);
            zipf.put(kind[0], new Zipf(n, 1.1));
            for (int r = 0; r < n; r++) {
                ConfigItemValue v = new ConfigItemValue(kind[0], value(kind[0], r));
                items.add(Map.of("key", v.key(), "kind", v.kind(), "value", v.value(), "id", PublicId.CONFIG_ITEM.fromKey(v.key())));
            }
        }
        client.query("UNWIND $items AS i MERGE (ci:ConfigItem {key: i.key}) ON CREATE SET ci.id = i.id, ci.kind = i.kind, ci.value = i.value, ci.configCount = 0")
                .bind(items).to("items").run();
        client.query("UNWIND range(0, 199) AS p MERGE (:Product {key: 'bench:' + p, id: 'prd_bench' + p, name: 'Product ' + p, verified: true})").run();
        Zipf products = new Zipf(200, 1.1);
        MetricStore metrics = new MetricStore(client);
        Metric fps = metrics.byKey(METRIC).or(() -> metrics.define(new Metric(null, METRIC, "Frames per second", "frames/s",
                Metric.Direction.HIGHER_IS_BETTER, 0, 1000))).orElseThrow();
        MeasurementStore measurements = new MeasurementStore(client);
        int batch = 2000;
        for (int start = 0; start < customers; start += batch) {
            List<Map<String, Object>> rows = new ArrayList<>();
            Map<String, List<MeasurementStore.NewMeasurement>> measured = new HashMap<>();
            for (int i = start; i < Math.min(customers, start + batch); i++) {
                Map<String, Object> row = new HashMap<>();
                String ownerId = PublicId.CUSTOMER.fromKey("bench:" + seed + ":" + i);
                String id = PublicId.CONFIGURATION.fromKey("bench:" + seed + ":" + i);
                List<String> keys = new ArrayList<>();
                int gpu = 0;
                for (String[] kind : KINDS) {
                    int r = zipf.get(kind[0]).sample(random);
                    gpu = kind[0].equals("gpu") ? r : gpu;
                    keys.add(new ConfigItemValue(kind[0], value(kind[0], r)).key());
                }
                row.put("ownerId", ownerId);
                row.put("handle", "bench-" + seed + "-" + i);
                row.put("id", id);
                row.put("privacy", random.nextInt(20) == 0 ? "PRIVATE" : "COMMUNITY");
                row.put("listed", random.nextInt(10) != 0);
                row.put("stats", random.nextInt(10) != 0);
                boolean hasItem = random.nextInt(10) < 6;
                row.put("product", hasItem ? "bench:" + products.sample(random) : null);
                row.put("itemId", hasItem ? PublicId.ITEM.fromKey("bench:" + seed + ":" + i) : null);
                row.put("items", keys);
                rows.add(row);
                if (random.nextBoolean()) {
                    List<MeasurementStore.NewMeasurement> history = new ArrayList<>();
                    int first = 1 + random.nextInt(12);
                    int months = 1 + random.nextInt(4);
                    for (int month = first; month < first + months && month <= 12; month++) { // drivers improve a little each month
                        double value = Math.max(1, Math.min(999, 200 - gpu * 0.5 + month + random.nextDouble() * 60));
                        history.add(new MeasurementStore.NewMeasurement(id, fps.key(), Math.round(value), fps.unit(),
                                OffsetDateTime.of(2026, month, 1 + random.nextInt(28), 12, 0, 0, 0, ZoneOffset.UTC), "bench-" + month));
                    }
                    measured.put(ownerId, history);
                }
            }
            client.query(LOAD).bind(rows).to("rows").run();
            measurements.recordAll(measured); // one commit per batch, not one per customer
            if ((start / batch) % 10 == 0) {
                System.out.printf("  loaded %d/%d customers%n", start + rows.size(), customers);
            }
        }
        client.query("MATCH (ci:ConfigItem) SET ci.configCount = COUNT { (ci)<-[:INCLUDES]-() }").run();
        // As a service's writes classify them: generated family concepts (GPU generations, driver majors, kernel series
        // under their majors, OS names), which similarPeers reads at each question.
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> ItemClassification.classifyAll(tx));
        }
    }

    static String value(String kind, int rank) {
        return switch (kind) {
            case "gpu" -> "Vendor" + (char) ('A' + rank % 3) + " GPU " + (1000 + rank * 3);
            case "driver" -> "drv " + (rank / 10 + 1) + "." + rank % 10;
            case "kernel" -> (rank / 10 + 3) + "." + rank % 10;
            case "os" -> "Distro" + (char) ('A' + rank / 4) + " " + (18 + rank % 4) + ".04";
            case "cpu" -> "CPU " + (100 + rank);
            default -> (4 * (rank + 1)) + " GB";
        };
    }

    /** Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += 1 / Math.pow(r + 1, exponent);
                cumulative[r] = sum;
            }
            for (int r = 0; r < n; r++) {
                cumulative[r] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(at >= 0 ? at : -at - 1, cumulative.length - 1);
        }
    }
}
