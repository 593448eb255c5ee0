package io.peergraph.graph.stuff;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.paging.PageRequest;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/** A customer's items: their own instances of catalog products. */
public class ItemStore {

    private static final String RETURN = """
            RETURN item {.id, .nickname, .location, .acquiredOn, .status, .privacy, .createdAt, .updatedAt,
                         ownerId: owner.id, productId: product.id} AS item
            """;

    private final Neo4jClient client;

    public ItemStore(Neo4jClient client) {
        this.client = client;
    }

    public record NewItem(String ownerId, String productId, String nickname, String location, LocalDate acquiredOn,
                          Item.Status status, Privacy privacy) {}

    public Item create(NewItem n) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", PublicId.ITEM.random());
        p.put("ownerId", n.ownerId());
        p.put("productId", n.productId());
        p.put("nickname", n.nickname());
        p.put("location", n.location());
        p.put("acquiredOn", n.acquiredOn());
        p.put("status", n.status().name());
        p.put("privacy", n.privacy().name());
        return client.query("""
                        MATCH (owner:Customer {id: $ownerId}), (product:Product {id: $productId})
                        CREATE (owner)-[:OWNS]->(item:Item {id: $id, nickname: $nickname, location: $location,
                                acquiredOn: $acquiredOn, status: $status, privacy: $privacy,
                                createdAt: datetime(), updatedAt: datetime()})-[:INSTANCE_OF]->(product)
                        """ + RETURN)
                .bindAll(p).fetchAs(Item.class).mappedBy((t, r) -> map(r.get("item"))).one().orElseThrow();
    }

    public record ItemChange(String nickname, String location, LocalDate acquiredOn, Item.Status status, Privacy privacy) {}

    /** Applies the non-null parts of the change. */
    public Item update(String id, ItemChange c) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("nickname", c.nickname());
        p.put("location", c.location());
        p.put("acquiredOn", c.acquiredOn());
        p.put("status", c.status() == null ? null : c.status().name());
        p.put("privacy", c.privacy() == null ? null : c.privacy().name());
        return client.query("""
                        MATCH (owner:Customer)-[:OWNS]->(item:Item {id: $id})-[:INSTANCE_OF]->(product:Product)
                        SET item.nickname = coalesce($nickname, item.nickname), item.location = coalesce($location, item.location),
                            item.acquiredOn = coalesce($acquiredOn, item.acquiredOn), item.status = coalesce($status, item.status),
                            item.privacy = coalesce($privacy, item.privacy), item.updatedAt = datetime()
                        """ + RETURN)
                .bindAll(p).fetchAs(Item.class).mappedBy((t, r) -> map(r.get("item"))).one().orElseThrow();
    }

    public void delete(String id) {
        client.query("MATCH (item:Item {id: $id}) DETACH DELETE item").bind(id).to("id").run();
    }

    public Optional<Item> byId(String id) {
        return client.query("MATCH (owner:Customer)-[:OWNS]->(item:Item {id: $id})-[:INSTANCE_OF]->(product:Product) " + RETURN)
                .bind(id).to("id").fetchAs(Item.class).mappedBy((t, r) -> map(r.get("item"))).one();
    }

    public List<Item> byIds(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (owner:Customer)-[:OWNS]->(item:Item {id: id})-[:INSTANCE_OF]->(product:Product)
                        """ + RETURN)
                .bind(List.copyOf(ids)).to("ids").fetchAs(Item.class).mappedBy((t, r) -> map(r.get("item"))).all());
    }

    /** A keyset page of the owner's items, newest first. */
    public List<Item> byOwner(String ownerId, PageRequest page) {
        Map<String, Object> p = new HashMap<>();
        p.put("ownerId", ownerId);
        p.put("afterTime", page.afterTime());
        p.put("afterId", page.afterId());
        p.put("size", page.size());
        return List.copyOf(client.query("""
                        MATCH (owner:Customer {id: $ownerId})-[:OWNS]->(item:Item)-[:INSTANCE_OF]->(product:Product)
                        WITH owner, item, product, item.createdAt.epochMillis AS t
                        WHERE $afterId IS NULL OR t < $afterTime OR (t = $afterTime AND item.id < $afterId)
                        WITH owner, item, product ORDER BY item.createdAt DESC, item.id DESC LIMIT $size
                        """ + RETURN)
                .bindAll(p).fetchAs(Item.class).mappedBy((t, r) -> map(r.get("item"))).all());
    }

    static Item map(Value i) {
        return new Item(i.get("id").asString(), i.get("ownerId").asString(), i.get("productId").asString(),
                i.get("nickname").asString(null), i.get("location").asString(null),
                i.get("acquiredOn").isNull() ? null : i.get("acquiredOn").asLocalDate(),
                Item.Status.valueOf(i.get("status").asString("ACTIVE")), Privacy.valueOf(i.get("privacy").asString("PRIVATE")),
                i.get("createdAt").asZonedDateTime(null), i.get("updatedAt").asZonedDateTime(null));
    }
}
