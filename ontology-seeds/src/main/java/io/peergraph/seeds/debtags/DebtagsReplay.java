package io.peergraph.seeds.debtags;

import io.peergraph.graph.id.PublicId;
import io.peergraph.seeds.tags.TagRequest;
import io.peergraph.seeds.tags.Tagging;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

/**
 * Replays debtags assignments ({@code package: tag, tag, …} per line) as customers tagging products: each
 * package becomes a product {@code debian:<package>}, and each of its tags is applied by one of
 * {@code customers} synthetic customers, picked from the package and tag so a replay is repeatable.
 */
public final class DebtagsReplay {

    public record Result(int packages, int applications, long millis) {
        public double applicationsPerSecond() {
            return millis == 0 ? applications : applications * 1000.0 / millis;
        }
    }

    // Relies on the unique constraint product_key.
    private static final String PRODUCTS = """
            UNWIND $products AS p
            MERGE (product:Product {key: p.key})
            ON CREATE SET product.id = p.id, product.name = p.name, product.verified = true,
                          product.createdAt = datetime(), product.updatedAt = datetime()
            """;

    private static final int BATCH = 2000;

    private final Driver driver;
    private final Tagging tagging;
    private final int customers;

    public DebtagsReplay(Driver driver, int customers) {
        this.driver = driver;
        this.tagging = new Tagging(driver);
        this.customers = customers;
    }

    public Result replay(BufferedReader assignments) {
        long started = System.nanoTime();
        int packages = 0;
        int applications = 0;
        List<Map<String, Object>> products = new ArrayList<>();
        List<TagRequest> requests = new ArrayList<>();
        try {
            for (String line = assignments.readLine(); line != null; line = assignments.readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String productId = PublicId.PRODUCT.fromKey("debian:" + name);
                products.add(Map.of("key", "debian:" + name, "id", productId, "name", name));
                packages++;
                for (String tag : line.substring(colon + 1).split(",")) {
                    if (!tag.isBlank()) {
                        requests.add(new TagRequest(customer(name, tag.strip()), productId, tag.strip()));
                    }
                }
                if (requests.size() >= BATCH) {
                    applications += flush(products, requests);
                }
            }
            applications += flush(products, requests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(packages, applications, (System.nanoTime() - started) / 1_000_000);
    }

    private int flush(List<Map<String, Object>> products, List<TagRequest> requests) {
        if (!products.isEmpty()) {
            try (Session session = driver.session()) {
                session.executeWrite(tx -> tx.run(PRODUCTS, Map.of("products", products)).consume());
            }
        }
        int applied = requests.isEmpty() ? 0 : tagging.tagAll(requests).size();
        products.clear();
        requests.clear();
        return applied;
    }

    private String customer(String packageName, String tag) {
        return PublicId.CUSTOMER.fromKey("debtags-replay-" + Math.floorMod((packageName + tag).hashCode(), customers));
    }
}
