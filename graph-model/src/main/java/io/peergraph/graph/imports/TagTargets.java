package io.peergraph.graph.imports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * What imported tags land on: the taxonomy's tagging writes tags (as the API's), this only finds each record's
 * target and tagger, and tells which records are in the graph already. A tag record's key is
 * {@code <type>:<key>|<tagger handle>|<normalised label>}; it is in the graph when the tag its label lands on
 * (after merges) carries the record's application ({@code TAGGED.sourceKey}).
 */
public final class TagTargets {

    private static final String EXISTING = RecordImport.REUSE_PLAN + """
            UNWIND $keys AS key
            WITH key, split(key, '|') AS part
            MATCH (typed:Tag {normalized: part[2]})
            OPTIONAL MATCH (typed)-[:MERGED_INTO*1..10]->(survivor:Tag) WHERE NOT EXISTS { (survivor)-[:MERGED_INTO]->() }
            WITH key, coalesce(survivor, typed) AS tag
            MATCH (n)-[t:TAGGED]->(tag) WHERE t.sourceKey = key
            RETURN collect(DISTINCT key) AS known
            """;

    private static final String FIND = RecordImport.REUSE_PLAN + """
            UNWIND $rows AS row
            CALL (row) {
              OPTIONAL MATCH (r:Report {sourceKey: row.targetKey}) WHERE row.targetType = 'report' RETURN r AS target
              UNION
              OPTIONAL MATCH (s:Solution {sourceKey: row.targetKey}) WHERE row.targetType = 'solution' RETURN s AS target
              UNION
              OPTIONAL MATCH (p:Product {key: row.targetKey}) WHERE row.targetType = 'product' RETURN p AS target
              UNION
              OPTIONAL MATCH (c:Configuration {sourceKey: row.targetKey}) WHERE row.targetType = 'configuration' RETURN c AS target
            }
            WITH row, target WHERE target IS NOT NULL
            OPTIONAL MATCH (by:Customer {handle: row.by})
            RETURN row.sourceKey AS sourceKey, target.id AS thingId, by.id AS customerId
            """;

    /** A tag record to place: {@code targetType} report, solution, product or configuration; {@code by} a handle or null. */
    public record Wanted(String sourceKey, String targetType, String targetKey, String by) {}

    /** Where a tag record lands: the target's id, and the tagger's id (null when unknown). */
    public record Found(String sourceKey, String thingId, String customerId) {}

    private TagTargets() {}

    /** Which of these tag record keys the graph holds. */
    public static Set<String> existing(SimpleQueryRunner tx, Collection<String> keys) {
        return RecordImport.existing(tx, EXISTING, keys);
    }

    /** The targets found, each once per record; a record whose target is not in the graph is left out. */
    public static List<Found> find(SimpleQueryRunner tx, List<Wanted> wanted) {
        List<Map<String, Object>> rows = new ArrayList<>(wanted.size());
        for (Wanted w : wanted) {
            Map<String, Object> row = new java.util.HashMap<>();
            row.put("sourceKey", w.sourceKey());
            row.put("targetType", w.targetType());
            row.put("targetKey", w.targetKey());
            row.put("by", w.by());
            rows.add(row);
        }
        List<Found> found = new ArrayList<>();
        tx.run(FIND, Map.of("rows", rows)).forEachRemaining(r ->
                found.add(new Found(r.get("sourceKey").asString(), r.get("thingId").asString(), r.get("customerId").asString(null))));
        return found;
    }
}
