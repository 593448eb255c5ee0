package io.peergraph.seeds.tags;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.text.Text;
import io.peergraph.seeds.skos.ConceptRef;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * Customers tagging their things, with synonyms resolved: a label that was merged into another tag lands
 * on the survivor, and a new label that is a concept's prefLabel, altLabel or notation means that concept
 * (or its replacement). Normalisation is graph-model's {@link TagStore#normalize}, so both agree on what
 * "the same tag" is. Each customer's application of a tag to a thing counts once.
 */
public final class Tagging {

    // Relies on the unique constraint tag_label. A label merged away lands on the survivor; a new tag whose label is a
    // concept's label, altLabel or notation means that concept (or its replacement): a scan of labelKeys, once per new tag.
    private static final String RESOLVE_TAGS = """
            UNWIND $labels AS l
            MERGE (typed:Tag {normalized: l.normalized})
            ON CREATE SET typed.id = l.tagId, typed.label = l.label, typed.usageCount = 0,
                          typed.createdAt = $now, typed.updatedAt = $now
            WITH l, typed
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
            RETURN l.normalized AS normalized, tag.id AS tagId
            """;

    /** %s is the thing's label, taken from the type of its public id (never from user text). */
    private static final String APPLY = """
            UNWIND $rows AS row
            MATCH (thing:%s {id: row.thingId})
            MATCH (tag:Tag {id: row.tagId})
            MERGE (thing)-[applied:TAGGED {by: row.customerId}]->(tag)
            ON CREATE SET applied.at = $now
            RETURN row.thingId AS thingId, tag.id AS tagId
            """;

    // Usage is the number of applications (per customer and thing); counting the degree is constant time.
    private static final String COUNT_AND_DESCRIBE = """
            UNWIND $tagIds AS id
            MATCH (t:Tag {id: id})
            WITH t, COUNT { ()-[:TAGGED]->(t) } AS applications
            CALL (t, applications) {
              WITH * WHERE applications <> t.usageCount
              SET t.usageCount = applications, t.updatedAt = $now
            }
            RETURN t.id AS id, t.label AS label, t.normalized AS normalized, t.usageCount AS usageCount,
                   head([(t)-[:MEANS]->(c:Concept) | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)}]) AS concept
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
        Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
        List<String> normalizedPerRequest = new ArrayList<>();
        for (TagRequest request : requests) {
            String normalized = TagStore.normalize(request.label());
            if (normalized == null || normalized.isEmpty()) {
                throw new IllegalArgumentException("a tag needs a label");
            }
            taggableLabel(request.thingId());
            normalizedPerRequest.add(normalized);
            labels.computeIfAbsent(normalized, n -> Map.of("normalized", n, "label", Text.line(request.label()), "tagId", PublicId.TAG.fromKey(n)));
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                Map<String, String> tagOf = new HashMap<>();
                tx.run(RESOLVE_TAGS, Map.of("labels", List.copyOf(labels.values()), "now", now))
                        .forEachRemaining(r -> tagOf.put(r.get("normalized").asString(), r.get("tagId").asString()));
                Map<String, List<Map<String, Object>>> rowsByLabel = new TreeMap<>();
                for (int i = 0; i < requests.size(); i++) {
                    TagRequest request = requests.get(i);
                    rowsByLabel.computeIfAbsent(taggableLabel(request.thingId()), k -> new ArrayList<>()).add(Map.of(
                            "thingId", request.thingId(), "customerId", request.customerId(), "tagId", tagOf.get(normalizedPerRequest.get(i))));
                }
                List<String[]> applied = new ArrayList<>();
                rowsByLabel.forEach((label, rows) -> tx.run(APPLY.formatted(label), Map.of("rows", rows, "now", now))
                        .forEachRemaining(r -> applied.add(new String[] {r.get("thingId").asString(), r.get("tagId").asString()})));
                Map<String, Record> tags = new HashMap<>();
                tx.run(COUNT_AND_DESCRIBE, Map.of("tagIds", List.copyOf(new HashSet<>(tagOf.values())), "now", now))
                        .forEachRemaining(r -> tags.put(r.get("id").asString(), r));
                return applied.stream().map(a -> {
                    Record t = tags.get(a[1]);
                    return new TagApplication(a[0], a[1], t.get("label").asString(), t.get("normalized").asString(), t.get("usageCount").asLong(),
                            concept(t.get("concept")));
                }).toList();
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
                return Optional.of(new Resolution(r.get("id").asString(), r.get("label").asString(), r.get("normalized").asString(), r.get("usageCount").asLong(),
                        concept(r.get("concept"))));
            }
            return session.run(RESOLVE_LABEL, Map.of("normalized", normalized)).list().stream().findFirst()
                    .map(r -> new Resolution(null, null, null, 0, concept(r.get("concept"))));
        }
    }

    /** A label's meaning: {@code tagId} null when nobody used it yet, {@code concept} null when it means nothing yet. */
    public record Resolution(String tagId, String tagLabel, String tagNormalized, long usageCount, ConceptRef concept) {}

    static String taggableLabel(String thingId) {
        return PublicId.typeOf(thingId).filter(TagStore.TAGGABLE::contains).map(PublicId::label)
                .orElseThrow(() -> new IllegalArgumentException("not a taggable id: " + thingId));
    }

    private static ConceptRef concept(Value v) {
        return v == null || v.isNull() ? null : new ConceptRef(v.get("id").asString(), v.get("iri").asString(), v.get("label").asString(null));
    }
}
