package io.peergraph.seeds.debtags;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.VerifiedProducts;
import io.peergraph.graph.tag.TagRequest;
import io.peergraph.graph.tag.Tags;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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

    private static final int BATCH = 2000;

    private final GraphConnection graph;
    private final Tags tagging;
    private final int customers;

    public DebtagsReplay(GraphConnection graph, int customers) {
        this.graph = graph;
        this.tagging = new Tags(graph);
        this.customers = customers;
    }

    public Result replay(BufferedReader assignments) {
        long started = System.nanoTime();
        int packages = 0;
        int applications = 0;
        List<VerifiedProducts.Entry> products = new ArrayList<>();
        List<TagRequest> requests = new ArrayList<>();
        try {
            for (String line = assignments.readLine(); line != null; line = assignments.readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                VerifiedProducts.Entry product = new VerifiedProducts.Entry("debian:" + name, name);
                String productId = product.id();
                products.add(product);
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

    private int flush(List<VerifiedProducts.Entry> products, List<TagRequest> requests) {
        VerifiedProducts.ensure(graph, products);
        int applied = requests.isEmpty() ? 0 : tagging.tagAll(requests).size();
        products.clear();
        requests.clear();
        return applied;
    }

    private String customer(String packageName, String tag) {
        return PublicId.CUSTOMER.fromKey("debtags-replay-" + Math.floorMod((packageName + tag).hashCode(), customers));
    }
}
