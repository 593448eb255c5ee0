package io.peergraph.seeds.testing;

import io.peergraph.graph.id.PublicId;
import java.util.Map;
import org.neo4j.driver.Driver;

/** Minimal products and customers to tag in tests. */
public final class Things {

    private Things() {}

    public static String product(Driver driver, String name) {
        String id = PublicId.PRODUCT.fromKey("name:" + name);
        try (var session = driver.session()) {
            session.run("MERGE (p:Product {key: $key}) ON CREATE SET p.id = $id, p.name = $name, p.verified = true",
                    Map.of("key", "name:" + name, "id", id, "name", name)).consume();
        }
        return id;
    }

    public static String customer(String handle) {
        return PublicId.CUSTOMER.fromKey(handle);
    }
}
