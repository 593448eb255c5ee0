package io.peergraph.graph.searchable;

import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.searchable.SearchableNodes.ItemRef;
import io.peergraph.graph.stuff.Privacy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Case search on the graph alone, for the search module's fallback while Elasticsearch is unreachable: reports
 * by the graph's own full-text index {@code report_text} (Report title and text), and similar reports by graph
 * overlap. Same visibility rules and filters as the index; no facets, highlights or stemming.
 */
public class GraphReportSearch {

    /**
     * Who asks and what narrows the answer; every part is optional and parts combine with AND, values within a
     * part with OR. What the viewer may see is {@link Visibility}'s rule.
     */
    public record Filter(Viewer viewer, String productId, List<String> symptomIds, List<String> configItemIds,
                         List<String> statuses, List<String> channels, Instant from, Instant to, List<String> tags) {

        public static Filter visibleTo(Viewer viewer) {
            return new Filter(viewer, null, List.of(), List.of(), List.of(), List.of(), null, null, List.of());
        }
    }

    /** A report found: its score, and the key it is ordered by (the score, or its time without text). */
    public record Hit(String id, double score, double key) {}

    /** A similar report and what it shares with the query. */
    public record SimilarReport(String id, double score, List<ItemRef> sharedItems, List<String> sharedSymptomIds,
                                boolean sameProduct) {}

    /** Lucene query syntax characters and operators: removed, so user text is only ever words. */
    private static final Pattern SYNTAX = Pattern.compile("[+\\-&|!(){}\\[\\]^\"~*?:\\\\/]|\\b(AND|OR|NOT|TO)\\b");

    // Visibility (the one rule: Visibility) and filters, shared by both queries.
    private static final String VISIBLE_AND_FILTERED = """
            MATCH (owner:Customer)-[:REPORTED]->(r)
            WHERE """ + Visibility.cypherSees("r", "owner", Privacy.COMMUNITY, Visibility.CypherViewer.PARAMETERS) + """

              AND ($productId IS NULL OR EXISTS { (r)-[:ABOUT]->(:Product {id: $productId}) })
              AND (size($symptomIds) = 0 OR EXISTS { (r)-[:SHOWS]->(s:Symptom) WHERE s.id IN $symptomIds })
              AND (size($configItemIds) = 0 OR EXISTS { (r)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) WHERE i.id IN $configItemIds })
              AND (size($statuses) = 0 OR r.status IN $statuses)
              AND (size($channels) = 0 OR EXISTS { (r)-[:HAS_INTERACTION]->(i:Interaction) WHERE i.channel IN $channels })
              AND (size($tags) = 0 OR EXISTS { (r)-[:TAGGED]->(t:Tag) WHERE t.normalized IN $tags })
              AND ($from IS NULL OR r.occurredAt >= datetime($from))
              AND ($to IS NULL OR r.occurredAt < datetime($to))
            """;

    private final Neo4jClient client;

    public GraphReportSearch(Neo4jClient client) {
        this.client = client;
    }

    /**
     * Up to {@code size} reports after the position ({@code afterValue}, {@code afterId}; null: from the start),
     * best first: by full-text score with {@code text}, newest first without.
     */
    public List<Hit> search(Filter filter, String text, Double afterValue, String afterId, int size) {
        Map<String, Object> p = parameters(filter);
        String words = text == null ? "" : SYNTAX.matcher(text).replaceAll(" ").strip();
        p.put("text", words);
        p.put("afterValue", afterValue);
        p.put("afterId", afterId);
        p.put("size", size);
        String cypher = words.isEmpty()
                ? """
                  MATCH (r:Report)
                  """ + VISIBLE_AND_FILTERED + """
                  WITH r, toFloat(r.occurredAt.epochMillis) AS key, 0.0 AS score
                  WHERE $afterId IS NULL OR key < $afterValue OR (key = $afterValue AND r.id > $afterId)
                  RETURN r.id AS id, key, score ORDER BY key DESC, id LIMIT $size
                  """
                // Index: report_text (full-text on Report title and text).
                : """
                  CALL db.index.fulltext.queryNodes('report_text', $text) YIELD node AS r, score
                  """ + VISIBLE_AND_FILTERED + """
                  WITH r, score AS key, score
                  WHERE $afterId IS NULL OR key < $afterValue OR (key = $afterValue AND r.id > $afterId)
                  RETURN r.id AS id, key, score ORDER BY key DESC, id LIMIT $size
                  """;
        return List.copyOf(client.query(cypher).bindAll(p).fetchAs(Hit.class).mappedBy((t, r) -> new Hit(
                r.get("id").asString(), r.get("score").asDouble(), r.get("key").asDouble())).all());
    }

    /**
     * Reports the viewer may see sharing configuration items (each weighted by rarity, 1/log2(1 + configurations
     * with it)), symptoms (2 each) and the product (1) with the query, best first. The item weight is not
     * {@link io.peergraph.graph.stuff.Rarity} on purpose: it needs no count of all configurations, and the fixed
     * symptom and product weights are set against its scale (at most 1); replacing it would reorder the answers.
     */
    public List<SimilarReport> similar(Viewer viewer, List<String> itemIds, List<String> symptomIds, String productId,
                                       String excludeId, int size) {
        Map<String, Object> p = parameters(Filter.visibleTo(viewer));
        p.put("itemIds", itemIds);
        p.put("querySymptoms", symptomIds);
        p.put("queryProduct", productId);
        p.put("excludeId", excludeId);
        p.put("size", size);
        return List.copyOf(client.query("""
                        CALL () {
                          UNWIND $itemIds AS itemId
                          MATCH (i:ConfigItem {id: itemId})<-[:INCLUDES]-(:Configuration)<-[:ON]-(r:Report)
                          RETURN r, 1.0 / (log(1 + coalesce(i.configCount, 1)) / log(2) + 1) AS w
                          UNION ALL
                          UNWIND $querySymptoms AS symptomId
                          MATCH (:Symptom {id: symptomId})<-[:SHOWS]-(r:Report)
                          RETURN r, 2.0 AS w
                          UNION ALL
                          MATCH (:Product {id: $queryProduct})<-[:ABOUT]-(r:Report)
                          RETURN r, 1.0 AS w
                        }
                        WITH r, sum(w) AS score WHERE $excludeId IS NULL OR r.id <> $excludeId
                        """ + VISIBLE_AND_FILTERED + """
                        RETURN r.id AS id, score,
                               [(r)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) WHERE i.id IN $itemIds | i {.id, .kind, .value}] AS items,
                               [(r)-[:SHOWS]->(s:Symptom) WHERE s.id IN $querySymptoms | s.id] AS symptoms,
                               EXISTS { (r)-[:ABOUT]->(:Product {id: $queryProduct}) } AS sameProduct
                        ORDER BY score DESC, id LIMIT $size
                        """).bindAll(p).fetchAs(SimilarReport.class).mappedBy((t, r) -> new SimilarReport(r.get("id").asString(),
                        r.get("score").asDouble(),
                        r.get("items").asList(i -> new ItemRef(i.get("id").asString(), i.get("kind").asString(null), i.get("value").asString(null))),
                        r.get("symptoms").asList(Value::asString), r.get("sameProduct").asBoolean())).all());
    }

    private static Map<String, Object> parameters(Filter f) {
        Map<String, Object> p = new HashMap<>(Visibility.parameters(f.viewer()));
        p.put("productId", f.productId());
        p.put("symptomIds", f.symptomIds());
        p.put("configItemIds", f.configItemIds());
        p.put("statuses", f.statuses());
        p.put("channels", f.channels());
        p.put("tags", f.tags());
        p.put("from", f.from() == null ? null : f.from().toString());
        p.put("to", f.to() == null ? null : f.to().toString());
        return p;
    }
}
