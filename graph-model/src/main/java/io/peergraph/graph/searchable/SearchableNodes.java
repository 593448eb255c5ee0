package io.peergraph.graph.searchable;

import io.peergraph.graph.symptom.SymptomVisibility;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The current state of the things the search indexes mirror, a batch per query, for the search module's indexer:
 * it indexes what the graph holds now, never what an event said, so a late or repeated event cannot make a
 * document stale. Ids of deleted things are simply absent from an answer.
 */
public class SearchableNodes {

    /** A report with what its case document needs. Lists come in no particular order. */
    public record ReportSource(String id, String ownerId, String privacy, String status, String title, String text,
                               ZonedDateTime occurredAt, ZonedDateTime updatedAt, String productId, String productName,
                               List<SymptomRef> symptoms, List<ItemRef> items, List<InteractionRef> interactions,
                               List<String> tags) {}

    public record SymptomRef(String id, String key, String name) {}

    public record ItemRef(String id, String kind, String value) {}

    public record InteractionRef(String id, String channel, String outcome, String text, ZonedDateTime at) {}

    /** A solution with its confirmations counted. Lists come in no particular order. */
    public record SolutionSource(String id, String proposerId, String title, String steps, String kind, List<SymptomRef> symptoms,
                                 int worked, int confirmations, List<String> tags, ZonedDateTime createdAt) {}

    public record ProductSource(String id, String key, String name, boolean verified, List<String> tags) {}

    private final Neo4jClient client;

    public SearchableNodes(Neo4jClient client) {
        this.client = client;
    }

    /** A page of ids in id order after {@code afterId} (null: from the start), for full rebuilds. */
    public List<String> ids(Searchable kind, String afterId, int limit) {
        // Index: the uniqueness constraint on <label>.id serves both the range and the order.
        return List.copyOf(client.query("""
                        MATCH (n:%s) WHERE $afterId IS NULL OR n.id > $afterId
                        RETURN n.id AS id ORDER BY n.id LIMIT $limit
                        """.formatted(kind.label()))
                .bind(afterId).to("afterId").bind(limit).to("limit")
                .fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }

    public long count(Searchable kind) {
        return client.query("MATCH (n:%s) RETURN count(n) AS n".formatted(kind.label()))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** Up to {@code size} ids picked at random. */
    public List<String> sample(Searchable kind, int size) {
        return List.copyOf(client.query("MATCH (n:%s) WITH n.id AS id ORDER BY rand() LIMIT $size RETURN id".formatted(kind.label()))
                .bind(size).to("size").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }

    public List<ReportSource> reports(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: id})
                        OPTIONAL MATCH (r)-[:ABOUT]->(p:Product)
                        RETURN r {.id, .privacy, .status, .title, .text, .occurredAt, .updatedAt, ownerId: owner.id,
                                  productId: p.id, productName: p.name,
                                  symptoms: [(r)-[:SHOWS]->(s:Symptom) WHERE """ + SymptomVisibility.PUBLIC + """
 | s {.id, .key, .name}],
                                  items: [(r)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) | i {.id, .kind, .value}],
                                  interactions: [(r)-[:HAS_INTERACTION]->(i:Interaction) | i {.id, .channel, .outcome, .text, .at}],
                                  tags: [(r)-[:TAGGED]->(t:Tag) | t.normalized]} AS r
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(ReportSource.class).mappedBy((t, row) -> {
                    Value r = row.get("r");
                    return new ReportSource(r.get("id").asString(), r.get("ownerId").asString(), r.get("privacy").asString("COMMUNITY"),
                            r.get("status").asString("OPEN"), r.get("title").asString(null), r.get("text").asString(null),
                            time(r.get("occurredAt")), time(r.get("updatedAt")), r.get("productId").asString(null),
                            r.get("productName").asString(null), r.get("symptoms").asList(SearchableNodes::symptom),
                            r.get("items").asList(i -> new ItemRef(i.get("id").asString(), i.get("kind").asString(null),
                                    i.get("value").asString(null))),
                            r.get("interactions").asList(i -> new InteractionRef(i.get("id").asString(), i.get("channel").asString(null),
                                    i.get("outcome").asString(null), i.get("text").asString(null), time(i.get("at")))),
                            r.get("tags").asList(Value::asString));
                }).all());
    }

    public List<SolutionSource> solutions(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (proposer:Customer)-[:PROPOSED]->(sol:Solution {id: id})
                        RETURN sol {.id, .title, .steps, .kind, .createdAt, proposerId: proposer.id,
                                    symptoms: [(sol)-[:SOLVES]->(s:Symptom) WHERE """ + SymptomVisibility.PUBLIC + """
 | s {.id, .key}],
                                    worked: COUNT { (sol)<-[:OF]-(c:Confirmation) WHERE c.worked },
                                    confirmations: COUNT { (sol)<-[:OF]-(:Confirmation) },
                                    tags: [(sol)-[:TAGGED]->(t:Tag) | t.normalized]} AS sol
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(SolutionSource.class).mappedBy((t, r) -> {
                    Value s = r.get("sol");
                    return new SolutionSource(s.get("id").asString(), s.get("proposerId").asString(), s.get("title").asString(null),
                            s.get("steps").asString(null), s.get("kind").asString("OTHER"), s.get("symptoms").asList(SearchableNodes::symptom),
                            s.get("worked").asInt(), s.get("confirmations").asInt(), s.get("tags").asList(Value::asString),
                            time(s.get("createdAt")));
                }).all());
    }

    public List<ProductSource> products(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (p:Product {id: id})
                        RETURN p {.id, .key, .name, .verified, tags: [(p)-[:TAGGED]->(t:Tag) | t.normalized]} AS p
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(ProductSource.class).mappedBy((t, r) -> {
                    Value p = r.get("p");
                    return new ProductSource(p.get("id").asString(), p.get("key").asString(null), p.get("name").asString(null),
                            p.get("verified").asBoolean(false), p.get("tags").asList(Value::asString));
                }).all());
    }

    private static SymptomRef symptom(Value s) {
        return new SymptomRef(s.get("id").asString(), s.get("key").asString(), s.get("name").asString(null));
    }

    private static ZonedDateTime time(Value v) {
        return v.isNull() ? null : v.asZonedDateTime();
    }
}
