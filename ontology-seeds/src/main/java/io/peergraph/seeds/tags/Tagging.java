package io.peergraph.seeds.tags;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.text.Text;
import io.peergraph.seeds.skos.ConceptRef;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Customers tagging their things, with synonyms resolved: a label that was merged into another tag lands
 * on the survivor, and a new label that is a concept's prefLabel, altLabel or notation means that concept
 * (or its replacement). Normalisation is graph-model's {@link TagStore#normalize}, so both agree on what
 * "the same tag" is. Each customer's application of a tag to a thing counts once.
 */
public final class Tagging {

    /** %s is the thing's label, taken from the type of its public id (never from user text). */
    private static final String APPLY = """
            UNWIND $rows AS row
            MATCH (thing:%s {id: row.thingId})
            MERGE (typed:Tag {normalized: row.normalized})
            ON CREATE SET typed.id = row.tagId, typed.label = row.label, typed.usageCount = 0,
                          typed.createdAt = $now, typed.updatedAt = $now
            WITH row, thing, typed
            CALL (typed) {
              OPTIONAL MATCH (typed)-[:MERGED_INTO*1..10]->(s:Tag)
              WHERE NOT EXISTS { (s)-[:MERGED_INTO]->() }
              RETURN coalesce(s, typed) AS tag
            }
            CALL (tag) {
              WITH tag WHERE tag.createdAt = $now AND NOT EXISTS { (tag)-[:MEANS]->() }
              MATCH (c:Concept) WHERE tag.normalized IN c.labelKeys
              OPTIONAL MATCH (c)-[:REPLACED_BY*1..10]->(r:Concept) WHERE r.status <> 'DEPRECATED'
              WITH tag, coalesce(r, c) AS meaning
              ORDER BY meaning.status = 'DEPRECATED', meaning.iri
              LIMIT 1
              MERGE (tag)-[:MEANS]->(meaning)
            }
            MERGE (thing)-[applied:TAGGED {by: row.customerId}]->(tag)
            ON CREATE SET applied.at = $now, tag.usageCount = tag.usageCount + 1, tag.updatedAt = $now
            RETURN row.thingId AS thingId, tag.id AS id, tag.label AS label, tag.normalized AS normalized, tag.usageCount AS usageCount,
                   head([(tag)-[:MEANS]->(c:Concept) | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)}]) AS concept
            """;

    // Relies on the unique constraint tag_label (Tag.normalized), then follows merges and replacements.
    private static final String RESOLVE_TAG = """
            MATCH (typed:Tag {normalized: $normalized})
            OPTIONAL MATCH (typed)-[:MERGED_INTO*1..10]->(s:Tag) WHERE NOT EXISTS { (s)-[:MERGED_INTO]->() }
            WITH coalesce(s, typed) AS tag
            OPTIONAL MATCH (tag)-[:MEANS]->(c:Concept)
            OPTIONAL MATCH (c)-[:REPLACED_BY*1..10]->(r:Concept) WHERE NOT EXISTS { (r)-[:REPLACED_BY]->() }
            WITH tag, coalesce(r, c) AS meaning
            RETURN tag.id AS id, tag.label AS label, tag.normalized AS normalized, tag.usageCount AS usageCount,
                   CASE WHEN meaning IS NULL THEN null ELSE meaning {.id, .iri, label: coalesce(meaning.prefLabel_en, meaning.prefLabel)} END AS concept
            """;

    // No tag yet: scans concept labels (list elements cannot be indexed).
    private static final String RESOLVE_LABEL = """
            MATCH (c:Concept) WHERE $normalized IN c.labelKeys
            OPTIONAL MATCH (c)-[:REPLACED_BY*1..10]->(r:Concept) WHERE NOT EXISTS { (r)-[:REPLACED_BY]->() }
            WITH coalesce(r, c) AS meaning
            ORDER BY meaning.status = 'DEPRECATED', meaning.iri
            LIMIT 1
            RETURN meaning {.id, .iri, label: coalesce(meaning.prefLabel_en, meaning.prefLabel)} AS concept
            """;

    private final Driver driver;

    public Tagging(Driver driver) {
        this.driver = driver;
    }

    public TagApplication tag(String customerId, String thingId, String label) {
        return tagAll(List.of(new TagRequest(customerId, thingId, label))).getFirst();
    }

    /** Applies many tags in one transaction (e.g. an import); things that do not exist are skipped. */
    public List<TagApplication> tagAll(List<TagRequest> requests) {
        Map<String, List<Map<String, Object>>> rowsByLabel = new TreeMap<>();
        for (TagRequest request : requests) {
            String normalized = TagStore.normalize(request.label());
            if (normalized == null || normalized.isEmpty()) {
                throw new IllegalArgumentException("a tag needs a label");
            }
            Map<String, Object> row = new HashMap<>();
            row.put("thingId", request.thingId());
            row.put("customerId", request.customerId());
            row.put("label", Text.line(request.label()));
            row.put("normalized", normalized);
            row.put("tagId", PublicId.TAG.fromKey(normalized));
            rowsByLabel.computeIfAbsent(taggableLabel(request.thingId()), k -> new ArrayList<>()).add(row);
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                List<TagApplication> out = new ArrayList<>();
                rowsByLabel.forEach((label, rows) -> tx.run(APPLY.formatted(label), Map.of("rows", rows, "now", now))
                        .forEachRemaining(r -> out.add(new TagApplication(r.get("thingId").asString(), r.get("id").asString(),
                                r.get("label").asString(), r.get("normalized").asString(), r.get("usageCount").asLong(), concept(r.get("concept"))))));
                return out;
            });
        }
    }

    /** What a typed label means now: its tag (after merges) and concept (after replacements), or just a concept with that label. */
    public Optional<Resolution> resolve(String label) {
        String normalized = TagStore.normalize(label);
        try (Session session = driver.session()) {
            var tagged = session.run(RESOLVE_TAG, Map.of("normalized", normalized)).list();
            if (!tagged.isEmpty()) {
                var r = tagged.getFirst();
                return Optional.of(new Resolution(r.get("id").asString(), r.get("label").asString(), r.get("usageCount").asLong(),
                        concept(r.get("concept"))));
            }
            return session.run(RESOLVE_LABEL, Map.of("normalized", normalized)).list().stream().findFirst()
                    .map(r -> new Resolution(null, null, 0, concept(r.get("concept"))));
        }
    }

    /** A label's meaning: {@code tagId} null when nobody used it yet, {@code concept} null when it means nothing yet. */
    public record Resolution(String tagId, String tagLabel, long usageCount, ConceptRef concept) {}

    static String taggableLabel(String thingId) {
        return PublicId.typeOf(thingId).filter(TagStore.TAGGABLE::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not a taggable id: " + thingId));
    }

    private static ConceptRef concept(Value v) {
        return v == null || v.isNull() ? null : new ConceptRef(v.get("id").asString(), v.get("iri").asString(), v.get("label").asString(null));
    }
}
