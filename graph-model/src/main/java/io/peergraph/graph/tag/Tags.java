package io.peergraph.graph.tag;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.graph.tag.TagStore;
import io.peergraph.graph.taxonomy.ConceptRef;
import io.peergraph.graph.text.Text;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * The one way tags are written, from the API and from imports: customers tagging their things, with synonyms
 * resolved. A label that was merged into another tag lands on the survivor, and a new label that is a concept's
 * prefLabel, altLabel or notation means that concept (or its replacement). Labels are compared by graph-model's
 * {@link TagLabel#normalize} (NFKC, case, whitespace, dash and punctuation variants), the same function that made
 * the concepts' label keys. Each customer's application of a tag to a thing counts once; every application and
 * removal records {@code TagApplied} / {@code TagRemoved} (payload: the resolved tag's normalised label) in the same
 * transaction, which the search index and notifications follow.
 */
public final class Tags {

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

    /**
     * %s is the thing's label, taken from the type of its public id (never from user text). A customer's application
     * is one relationship per thing and tag, whatever synonym they typed; an imported one without a customer is keyed
     * by its source record. {@code sourceKey} remembers the import record, so importing it again is a no-op.
     */
    private static final String APPLY = """
            UNWIND $rows AS row
            MATCH (thing:%s {id: row.thingId})
            MATCH (tag:Tag {id: row.tagId})
            CALL (thing, tag, row) {
              WITH thing, tag, row WHERE row.customerId IS NOT NULL
              MERGE (thing)-[applied:TAGGED {by: row.customerId}]->(tag)
              ON CREATE SET applied.at = coalesce(row.at, $now)
              SET applied.sourceKey = coalesce(applied.sourceKey, row.sourceKey)
              RETURN applied
              UNION
              WITH thing, tag, row WHERE row.customerId IS NULL
              MERGE (thing)-[applied:TAGGED {sourceKey: row.sourceKey}]->(tag)
              ON CREATE SET applied.at = coalesce(row.at, $now)
              RETURN applied
            }
            RETURN row.thingId AS thingId, tag.id AS tagId, tag.normalized AS normalized, row.customerId AS customerId
            """;

    /** %s is the things' label (from their ids' type); relies on the unique id constraint of that label. */
    private static final String EXISTING = """
            UNWIND $ids AS id
            MATCH (thing:%s {id: id})
            RETURN thing.id AS id
            """;

    // Relies on the unique constraint tag_label; follows merges, so removing "Sound-Crackle" removes the survivor's application.
    private static final String REMOVE = """
            MATCH (typed:Tag {normalized: $normalized})
            OPTIONAL MATCH (typed)-[:MERGED_INTO*1..10]->(s:Tag) WHERE NOT EXISTS { (s)-[:MERGED_INTO]->() }
            WITH coalesce(s, typed) AS tag
            MATCH (:%s {id: $thingId})-[applied:TAGGED {by: $customerId}]->(tag)
            DELETE applied
            WITH DISTINCT tag
            SET tag.usageCount = COUNT { ()-[:TAGGED]->(tag) }, tag.updatedAt = $now
            RETURN tag.normalized AS normalized
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

    public Tags(GraphConnection graph) {
        this.driver = graph.driver();
    }

    public TagApplication tag(String customerId, String thingId, String label) {
        return tagAll(List.of(new TagRequest(customerId, thingId, label))).getFirst();
    }

    /**
     * Applies many tags in one transaction and records their {@code TagApplied} events; things that do not exist
     * are skipped (the result has no entry for them).
     */
    public List<TagApplication> tagAll(List<TagRequest> requests) {
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                List<TagApplication> applied = apply(tx, requests);
                recordApplied(tx, applied, Map.of());
                return applied;
            });
        }
    }

    /**
     * Applies tags inside the caller's transaction (an import batch), without events: the caller records them
     * (see {@link #recordApplied}), e.g. marked as imported so nobody is notified of history.
     */
    public static List<TagApplication> apply(TransactionContext tx, List<TagRequest> requests) {
        Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
        List<String> normalizedPerRequest = new ArrayList<>();
        Map<String, List<String>> thingIdsByLabel = new TreeMap<>();
        for (TagRequest request : requests) {
            String normalized = TagLabel.normalize(request.label());
            if (normalized == null || normalized.isEmpty()) {
                throw new IllegalArgumentException("a tag needs a label with letters or digits");
            }
            thingIdsByLabel.computeIfAbsent(TagStore.taggableLabel(request.thingId()), k -> new ArrayList<>()).add(request.thingId());
            normalizedPerRequest.add(normalized);
        }
        // No tag is created for a thing that does not exist: the request is skipped, nothing else is written.
        Set<String> existing = new HashSet<>();
        thingIdsByLabel.forEach((label, ids) -> tx.run(EXISTING.formatted(label), Map.of("ids", ids))
                .forEachRemaining(r -> existing.add(r.get("id").asString())));
        for (int i = 0; i < requests.size(); i++) {
            if (existing.contains(requests.get(i).thingId())) {
                String label = requests.get(i).label();
                labels.computeIfAbsent(normalizedPerRequest.get(i), n -> Map.of("normalized", n, "label", Text.line(label), "tagId", PublicId.TAG.fromKey(n)));
            }
        }
        if (labels.isEmpty()) {
            return List.of();
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Map<String, String> tagOf = new HashMap<>();
        tx.run(RESOLVE_TAGS, Map.of("labels", List.copyOf(labels.values()), "now", now))
                .forEachRemaining(r -> tagOf.put(r.get("normalized").asString(), r.get("tagId").asString()));
        Map<String, List<Map<String, Object>>> rowsByLabel = new TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            TagRequest request = requests.get(i);
            if (!existing.contains(request.thingId())) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("thingId", request.thingId());
            row.put("customerId", request.customerId());
            row.put("tagId", tagOf.get(normalizedPerRequest.get(i)));
            row.put("sourceKey", request.sourceKey());
            row.put("at", request.at());
            rowsByLabel.computeIfAbsent(TagStore.taggableLabel(request.thingId()), k -> new ArrayList<>()).add(row);
        }
        List<Record> applied = new ArrayList<>();
        rowsByLabel.forEach((label, rows) -> applied.addAll(tx.run(APPLY.formatted(label), Map.of("rows", rows, "now", now)).list()));
        Map<String, Record> tags = new HashMap<>();
        tx.run(COUNT_AND_DESCRIBE, Map.of("tagIds", List.copyOf(new HashSet<>(tagOf.values())), "now", now))
                .forEachRemaining(r -> tags.put(r.get("id").asString(), r));
        return applied.stream().map(a -> {
            Record t = tags.get(a.get("tagId").asString());
            return new TagApplication(a.get("thingId").asString(), a.get("tagId").asString(), t.get("label").asString(), t.get("normalized").asString(),
                    t.get("usageCount").asLong(), concept(t.get("concept")), a.get("customerId").asString(null));
        }).toList();
    }

    /**
     * One {@code TagApplied} event per tagged thing, carrying the tag the label landed on (after merges) and who
     * applied it, plus {@code extra} (an import's marker). Last in the transaction: the outbox counter stays locked
     * until commit.
     */
    public static void recordApplied(TransactionContext tx, List<TagApplication> applied, Map<String, String> extra) {
        Map<Map<String, String>, List<String>> thingsByPayload = new LinkedHashMap<>();
        for (TagApplication a : applied) {
            Map<String, String> payload = new HashMap<>(extra);
            payload.put("tag", a.normalized());
            payload.put("by", a.customerId());
            thingsByPayload.computeIfAbsent(payload, p -> new ArrayList<>()).add(a.thingId());
        }
        thingsByPayload.forEach((payload, things) -> Outbox.recordAll(tx, EventType.TagApplied, things.stream().distinct().toList(), payload));
    }

    /** Removes the customer's application of the label's tag (after merges) from the thing; true when there was one. */
    public boolean untag(String customerId, String thingId, String label) {
        String normalized = TagLabel.normalize(label);
        String thingLabel = TagStore.taggableLabel(thingId);
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                var removed = tx.run(REMOVE.formatted(thingLabel), Map.of("normalized", normalized, "thingId", thingId, "customerId", customerId,
                        "now", ZonedDateTime.now(ZoneOffset.UTC))).list();
                removed.forEach(r -> Outbox.recordAll(tx, EventType.TagRemoved, List.of(thingId), Map.of("tag", r.get("normalized").asString())));
                return !removed.isEmpty();
            });
        }
    }

    /** What a typed label means now: its tag (after merges) and concept (after replacements), or just a concept with that label. */
    public Optional<Resolution> resolve(String label) {
        String normalized = TagLabel.normalize(label);
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

    private static ConceptRef concept(Value v) {
        return v == null || v.isNull() ? null : new ConceptRef(v.get("id").asString(), v.get("iri").asString(), v.get("label").asString(null));
    }
}
