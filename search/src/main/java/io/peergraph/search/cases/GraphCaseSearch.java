package io.peergraph.search.cases;

import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.stuff.Privacy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The fallback while Elasticsearch is unreachable: case search on the graph's own full-text index
 * {@code report_text} (Report title and text) and similar cases by graph overlap. Same visibility rules and
 * filters; no facets, highlights or stemming.
 */
public class GraphCaseSearch {

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

    public GraphCaseSearch(Neo4jClient client) {
        this.client = client;
    }

    public CasePage search(Viewer viewer, CaseQuery query) {
        Map<String, Object> p = filterParameters(viewer, query.filter());
        String words = query.hasText() ? SYNTAX.matcher(query.text()).replaceAll(" ").strip() : "";
        p.put("text", words);
        p.put("afterValue", query.after() == null ? null : query.after().value());
        p.put("afterId", query.after() == null ? null : query.after().id());
        p.put("size", query.size() + 1);
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
        List<CaseHit> hits = List.copyOf(client.query(cypher).bindAll(p).fetchAs(CaseHit.class).mappedBy((t, r) -> new CaseHit(
                r.get("id").asString(), r.get("score").asDouble(), new CaseQuery.SortKey(r.get("key").asDouble(), r.get("id").asString()),
                Map.of())).all());
        boolean more = hits.size() > query.size();
        return new CasePage(more ? hits.subList(0, query.size()) : hits, -1, List.of(), more, true);
    }

    /**
     * Cases sharing configuration items (each weighted by rarity, 1/log2(1 + configurations with it)),
     * symptoms (2 each) and the product (1) with the query. The item weight is not graph-model's Rarity on purpose:
     * it needs no count of all configurations, and the fixed symptom and product weights are set against its scale
     * (at most 1); replacing it would reorder the fallback's answers (see Rarity).
     */
    public List<SimilarCase> similar(Viewer viewer, SimilarQuery query) {
        Map<String, Object> p = filterParameters(viewer, CaseFilter.none());
        p.put("itemIds", query.configItemIds());
        p.put("querySymptoms", query.symptomIds());
        p.put("queryProduct", query.productId());
        p.put("excludeId", query.excludeId());
        p.put("size", query.size());
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
                        """).bindAll(p).fetchAs(SimilarCase.class).mappedBy((t, r) -> new SimilarCase(r.get("id").asString(),
                        r.get("score").asDouble(),
                        r.get("items").asList(i -> new io.peergraph.search.sync.CaseDocument.Item(i.get("id").asString(),
                                i.get("kind").asString(null), i.get("value").asString(null))),
                        r.get("symptoms").asList(org.neo4j.driver.Value::asString), r.get("sameProduct").asBoolean(), List.of(),
                        Map.of("graph", 1))).all());
    }

    private static Map<String, Object> filterParameters(Viewer viewer, CaseFilter f) {
        Map<String, Object> p = new HashMap<>(Visibility.parameters(viewer));
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
