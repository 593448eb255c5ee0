package io.peergraph.search.sync;

import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.text.Stems;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Loads the current state of searchable things from the graph, a batch per query. The indexer always indexes
 * what the graph holds now, never what an event said, so a late or repeated event cannot make a document stale.
 */
public class GraphDocuments {

    private final Neo4jClient client;

    public GraphDocuments(Neo4jClient client) {
        this.client = client;
    }

    /** The documents of the things that exist, by id; ids of deleted things are simply absent. */
    public Map<String, Object> load(SearchIndex index, Collection<String> ids) {
        List<?> docs = switch (index) {
            case CASES -> cases(ids);
            case SOLUTIONS -> solutions(ids);
            case PRODUCTS -> products(ids);
        };
        return docs.stream().collect(Collectors.toMap(GraphDocuments::idOf, Function.identity()));
    }

    /** A page of ids in id order after {@code afterId} (null: from the start), for full rebuilds and sampling. */
    public List<String> ids(SearchIndex index, String afterId, int limit) {
        // Index: the uniqueness constraint on <label>.id serves both the range and the order.
        return List.copyOf(client.query("""
                        MATCH (n:%s) WHERE $afterId IS NULL OR n.id > $afterId
                        RETURN n.id AS id ORDER BY n.id LIMIT $limit
                        """.formatted(label(index)))
                .bind(afterId).to("afterId").bind(limit).to("limit")
                .fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }

    public long count(SearchIndex index) {
        return client.query("MATCH (n:%s) RETURN count(n) AS n".formatted(label(index)))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** Up to {@code size} ids picked at random. */
    public List<String> sample(SearchIndex index, int size) {
        return List.copyOf(client.query("MATCH (n:%s) WITH n.id AS id ORDER BY rand() LIMIT $size RETURN id".formatted(label(index)))
                .bind(size).to("size").fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
    }

    private List<CaseDocument> cases(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: id})
                        OPTIONAL MATCH (r)-[:ABOUT]->(p:Product)
                        RETURN r {.id, .privacy, .status, .title, .text, .occurredAt, .updatedAt, ownerId: owner.id,
                                  productId: p.id, productName: p.name,
                                  symptoms: [(r)-[:SHOWS]->(s:Symptom) | s {.id, .key, .name}],
                                  items: [(r)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) | i {.id, .kind, .value}],
                                  interactions: [(r)-[:HAS_INTERACTION]->(i:Interaction) | i {.id, .channel, .outcome, .text, .at}],
                                  tags: [(r)-[:TAGGED]->(t:Tag) | t.normalized]} AS r
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(CaseDocument.class).mappedBy((t, r) -> caseOf(r.get("r"))).all());
    }

    private static CaseDocument caseOf(Value r) {
        String title = r.get("title").asString(null);
        String text = r.get("text").asString(null);
        List<Value> symptoms = r.get("symptoms").asList(v -> v).stream()
                .sorted(Comparator.comparing(s -> s.get("key").asString())).toList();
        List<Value> interactions = r.get("interactions").asList(v -> v).stream()
                .sorted(Comparator.comparing((Value i) -> i.get("at").asZonedDateTime()).thenComparing(i -> i.get("id").asString()))
                .toList();
        List<CaseDocument.Item> items = r.get("items").asList(i -> new CaseDocument.Item(i.get("id").asString(),
                i.get("kind").asString(null), i.get("value").asString(null))).stream()
                .sorted(Comparator.comparing(CaseDocument.Item::id)).toList();
        return CaseDocument.of(r.get("id").asString(), r.get("ownerId").asString(), r.get("privacy").asString("COMMUNITY"),
                r.get("status").asString("OPEN"), title, text,
                interactions.stream().map(i -> i.get("text").asString(null)).filter(Objects::nonNull).toList(),
                sortedDistinct(interactions.stream().map(i -> i.get("channel").asString(null))),
                sortedDistinct(interactions.stream().map(i -> i.get("outcome").asString(null))),
                r.get("productId").asString(null), r.get("productName").asString(null),
                symptoms.stream().map(s -> s.get("id").asString()).toList(),
                symptoms.stream().map(s -> s.get("key").asString()).toList(),
                symptoms.stream().map(s -> s.get("name").asString(null)).filter(Objects::nonNull).toList(),
                items.stream().map(CaseDocument.Item::id).toList(), items,
                sortedDistinct(r.get("tags").asList(Value::asString).stream()),
                instant(r.get("occurredAt")), instant(r.get("updatedAt")));
    }

    private List<SolutionDocument> solutions(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (proposer:Customer)-[:PROPOSED]->(sol:Solution {id: id})
                        RETURN sol {.id, .title, .steps, .kind, .createdAt, proposerId: proposer.id,
                                    symptoms: [(sol)-[:SOLVES]->(s:Symptom) | s {.id, .key}],
                                    worked: COUNT { (sol)<-[:OF]-(c:Confirmation) WHERE c.worked },
                                    confirmations: COUNT { (sol)<-[:OF]-(:Confirmation) },
                                    tags: [(sol)-[:TAGGED]->(t:Tag) | t.normalized]} AS sol
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(SolutionDocument.class).mappedBy((t, r) -> {
                    Value s = r.get("sol");
                    List<Value> symptoms = s.get("symptoms").asList(v -> v).stream()
                            .sorted(Comparator.comparing(v -> v.get("key").asString())).toList();
                    String title = s.get("title").asString(null);
                    String steps = s.get("steps").asString(null);
                    return new SolutionDocument(s.get("id").asString(), s.get("proposerId").asString(), title, steps,
                            Stems.joined(title + "\n" + (steps == null ? "" : steps)), s.get("kind").asString("OTHER"),
                            symptoms.stream().map(v -> v.get("id").asString()).toList(),
                            symptoms.stream().map(v -> v.get("key").asString()).toList(),
                            s.get("worked").asInt(), s.get("confirmations").asInt(),
                            sortedDistinct(s.get("tags").asList(Value::asString).stream()), instant(s.get("createdAt")));
                }).all());
    }

    private List<ProductDocument> products(Collection<String> ids) {
        return List.copyOf(client.query("""
                        UNWIND $ids AS id
                        MATCH (p:Product {id: id})
                        RETURN p {.id, .key, .name, .verified, tags: [(p)-[:TAGGED]->(t:Tag) | t.normalized]} AS p
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(ProductDocument.class).mappedBy((t, r) -> {
                    Value p = r.get("p");
                    return new ProductDocument(p.get("id").asString(), p.get("key").asString(null), p.get("name").asString(null),
                            p.get("verified").asBoolean(false), sortedDistinct(p.get("tags").asList(Value::asString).stream()));
                }).all());
    }

    static String label(SearchIndex index) {
        return switch (index) {
            case CASES -> "Report";
            case SOLUTIONS -> "Solution";
            case PRODUCTS -> "Product";
        };
    }

    private static String idOf(Object doc) {
        return switch (doc) {
            case CaseDocument c -> c.id();
            case SolutionDocument s -> s.id();
            case ProductDocument p -> p.id();
            default -> throw new IllegalArgumentException("not a search document: " + doc);
        };
    }

    private static List<String> sortedDistinct(Stream<String> values) {
        return values.filter(Objects::nonNull).distinct().sorted().toList();
    }

    /** ISO-8601 in UTC with millisecond precision: what Elasticsearch's date type keeps, so verify compares equal. */
    private static String instant(Value v) {
        ZonedDateTime t = v.isNull() ? null : v.asZonedDateTime();
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(ChronoUnit.MILLIS));
    }
}
