package io.peergraph.graph.tag;

import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** Which tags customers use, most used first: what moderators and tag clouds look at. */
public final class TagUsage {

    // Relies on the index tag_usage (Tag.usageCount) for the order; a search filters on the normalised label.
    // Tags merged into another are left out: their label lands on the survivor.
    private static final String MOST_USED = """
            MATCH (t:Tag)
            WHERE t.usageCount >= 0 AND NOT EXISTS { (t)-[:MERGED_INTO]->() }
              AND ($search IS NULL OR t.normalized CONTAINS $search)
              AND ($mapped IS NULL OR EXISTS { (t)-[:MEANS]->() } = $mapped)
            WITH t ORDER BY t.usageCount DESC, t.normalized SKIP $offset LIMIT $limit
            OPTIONAL MATCH (t)-[:MEANS]->(c:Concept)
            RETURN t {.id, .label, .normalized, .usageCount} AS tag,
                   CASE WHEN c IS NULL THEN null ELSE c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)} END AS concept
            """;

    private final Driver driver;

    public TagUsage(Driver driver) {
        this.driver = driver;
    }

    /** One page of tags; {@code search} is matched against normalised labels, {@code mapped} null means either. */
    public List<TagRef> mostUsed(String search, Boolean mapped, int offset, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("search", search == null ? null : TagLabel.normalize(search));
        p.put("mapped", mapped);
        p.put("offset", offset);
        p.put("limit", limit);
        try (Session session = driver.session()) {
            return session.run(MOST_USED, p).list(r -> {
                Value t = r.get("tag");
                Value c = r.get("concept");
                return new TagRef(t.get("id").asString(), t.get("label").asString(), t.get("normalized").asString(), t.get("usageCount").asLong(),
                        c.isNull() ? null : new ConceptRef(c.get("id").asString(), c.get("iri").asString(), c.get("label").asString(null)));
            });
        }
    }
}
