package io.peergraph.graph.stuff;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.text.FullTextQuery;
import io.peergraph.graph.text.Text;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.annotation.Transactional;

/** The product catalog. */
public class ProductStore {

    private static final String FIELDS = "{.id, .key, .name, .verified, .createdAt}";

    private final Neo4jClient client;

    public ProductStore(Neo4jClient client) {
        this.client = client;
    }

    public Optional<Product> byId(String id) {
        return client.query("MATCH (p:Product {id: $id}) RETURN p %s AS p".formatted(FIELDS)).bind(id).to("id")
                .fetchAs(Product.class).mappedBy((t, r) -> map(r.get("p"))).one();
    }

    public List<Product> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (p:Product {id: id}) RETURN p %s AS p".formatted(FIELDS))
                .bind(List.copyOf(ids)).to("ids").fetchAs(Product.class).mappedBy((t, r) -> map(r.get("p"))).all());
    }

    /**
     * A page of products in name order after {@code afterName}/{@code afterId}. With {@code search}, names that
     * have every word of it (the last also as a prefix); the search text is matched, never parsed as query syntax.
     */
    public List<Product> page(String search, String afterName, String afterId, int size) {
        Map<String, Object> p = new HashMap<>();
        p.put("afterName", afterName);
        p.put("afterId", afterId);
        p.put("size", size);
        if (search == null) {
            return List.copyOf(client.query(PAGE).bindAll(p).fetchAs(Product.class).mappedBy((t, r) -> map(r.get("p"))).all());
        }
        Optional<String> words = FullTextQuery.allWords(search);
        if (words.isEmpty()) {
            return List.of();
        }
        p.put("words", words.get());
        return List.copyOf(client.query(SEARCH_PAGE).bindAll(p).fetchAs(Product.class).mappedBy((t, r) -> map(r.get("p"))).all());
    }

    // In name order through the product_name index.
    private static final String PAGE = """
            MATCH (p:Product)
            WHERE $afterId IS NULL OR p.name > $afterName OR (p.name = $afterName AND p.id > $afterId)
            RETURN p %s AS p ORDER BY p.name, p.id LIMIT $size
            """.formatted(FIELDS);

    // The products whose name has every word (full-text index product_text; the user's words are escaped by
    // FullTextQuery, never parsed), then in name order like the unfiltered page.
    private static final String SEARCH_PAGE = """
            CALL db.index.fulltext.queryNodes('product_text', $words) YIELD node AS p
            WHERE $afterId IS NULL OR p.name > $afterName OR (p.name = $afterName AND p.id > $afterId)
            RETURN p %s AS p ORDER BY p.name, p.id LIMIT $size
            """.formatted(FIELDS);

    /**
     * The catalog entry with this name, or a new unverified one for moderators to verify or merge. Names are
     * compared after normalisation, so "Half-Life 2" and "half-life  2" are one product.
     */
    @Transactional
    public Product findOrAddUnverified(String name) {
        String clean = Text.line(name);
        String key = "name:" + clean.toLowerCase(Locale.ROOT);
        Product product = client.query("""
                        MERGE (p:Product {key: $key})
                        ON CREATE SET p.id = $id, p.name = $name, p.verified = false, p.createdAt = datetime(), p.updatedAt = datetime()
                        RETURN p %s AS p
                        """.formatted(FIELDS))
                .bindAll(Map.of("key", key, "id", PublicId.PRODUCT.fromKey(key), "name", clean))
                .fetchAs(Product.class).mappedBy((t, r) -> map(r.get("p"))).one().orElseThrow();
        Outbox.record(client, EventType.ProductChanged, product.id(), Map.of());
        return product;
    }

    static Product map(Value p) {
        return new Product(p.get("id").asString(), p.get("key").asString(), p.get("name").asString(),
                p.get("verified").asBoolean(false), p.get("createdAt").asZonedDateTime(null));
    }
}
