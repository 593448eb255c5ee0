package io.peergraph.graph.taxonomy.curation;

import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptRef;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.QueryRunner;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

/**
 * One curation transaction: reads concepts and tags, records the state of every node before the first step
 * that touches it ({@link #touch}), and writes concept facts as a moderator's (listed in {@code moderated},
 * so seeds never overwrite them).
 */
final class EditContext {

    static final String MODERATOR_ORIGIN = "MODERATOR";

    private static final String CONCEPT = """
            MATCH (c:Concept {iri: $iri})
            RETURN c.id AS id, c.iri AS iri, properties(c) AS props
            """;

    private static final String TAG = """
            MATCH (t:Tag {id: $id})
            RETURN t.id AS id, t.label AS label, t.normalized AS normalized, t.usageCount AS usageCount,
                   head([(t)-[:MEANS]->(c:Concept) | c.iri]) AS means,
                   head([(t)-[:MERGED_INTO]->(s:Tag) | s.id]) AS mergedInto
            """;

    private static final String SYMPTOM = """
            MATCH (s:Symptom {id: $id})
            OPTIONAL MATCH (s)-[:CLASSIFIED_AS]->(c:Concept)
            WITH s, c ORDER BY c.iri LIMIT 1
            RETURN s.id AS id, s.key AS key, s.name AS name, s.proposedBy AS proposedBy, c.iri AS conceptIri, c.status AS conceptStatus,
                   head([(s)-[:MERGED_INTO]->(t:Symptom) | t.id]) AS mergedInto
            """;

    private static final String UPDATE_CONCEPT = """
            MATCH (c:Concept {id: $id})
            SET c += $changes, c.moderated = $moderated, c.labelKeys = $labelKeys, c.updatedAt = $now
            """;

    // The loop a new (child)-[:BROADER]->(parent) would close: parent's own broader chain reaching child.
    private static final String BROADER_PATH = """
            MATCH (p:Concept {id: $parent}), (c:Concept {id: $child})
            MATCH path = shortestPath((p)-[:BROADER*1..]->(c))
            RETURN [n IN nodes(path) | {id: n.id, iri: n.iri, props: properties(n)}] AS loop
            """;

    final QueryRunner tx;
    final String moderatorId;
    final ZonedDateTime now;
    private final Set<String> touched = new LinkedHashSet<>();
    private final Set<String> created = new LinkedHashSet<>();
    private final Set<String> moved = new LinkedHashSet<>();
    private String before = Snapshot.empty();

    EditContext(QueryRunner tx, String moderatorId, ZonedDateTime now) {
        this.tx = tx;
        this.moderatorId = moderatorId;
        this.now = now;
    }

    Optional<ConceptNode> concept(String iri) {
        if (iri == null) {
            return Optional.empty();
        }
        List<Record> rows = tx.run(CONCEPT, Map.of("iri", iri)).list();
        return rows.stream().findFirst().map(r -> new ConceptNode(r.get("id").asString(), r.get("iri").asString(), r.get("props").asMap()));
    }

    Optional<TagNode> tag(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return tx.run(TAG, Map.of("id", id)).list().stream().findFirst().map(r -> new TagNode(r.get("id").asString(),
                r.get("label").asString(), r.get("normalized").asString(), r.get("usageCount").asLong(0),
                r.get("means").asString(null), r.get("mergedInto").asString(null)));
    }

    Optional<SymptomNode> symptom(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return tx.run(SYMPTOM, Map.of("id", id)).list().stream().findFirst().map(r -> new SymptomNode(r.get("id").asString(),
                r.get("key").asString(), r.get("name").asString(null), r.get("proposedBy").asString(null),
                r.get("conceptIri").asString(null), r.get("conceptStatus").asString(null), r.get("mergedInto").asString(null)));
    }

    /** Captures the nodes' current state unless an earlier step of this change already did. Call before changing them. */
    void touch(String... ids) {
        touch(List.of(ids));
    }

    void touch(Collection<String> ids) {
        List<String> fresh = ids.stream().filter(id -> !touched.contains(id) && !created.contains(id)).distinct().toList();
        if (!fresh.isEmpty()) {
            before = Snapshot.merge(before, Snapshot.capture(tx, fresh));
            touched.addAll(fresh);
        }
    }

    void created(String id) {
        created.add(id);
    }

    /**
     * Concepts whose broader links or classified symptoms this change moved: the reports under them get their peer
     * signatures re-signed before the change commits.
     */
    void moved(String... conceptIds) {
        moved.addAll(List.of(conceptIds));
    }

    Set<String> moved() {
        return moved;
    }

    String before() {
        return before;
    }

    /** Every node the change touched or created, in the order it happened. */
    List<String> subjects() {
        List<String> all = new ArrayList<>(touched);
        all.addAll(created);
        return all;
    }

    /**
     * Sets (value) or removes (null) concept properties and marks their facts, plus {@code extraFacts}, as the
     * moderators'. Keeps {@code labelKeys} in step with the labels.
     */
    ConceptNode update(ConceptNode concept, Map<String, Object> changes, String... extraFacts) {
        Map<String, Object> props = new HashMap<>(concept.props());
        changes.forEach((k, v) -> {
            if (v == null) {
                props.remove(k);
            } else {
                props.put(k, v);
            }
        });
        Set<String> moderated = new LinkedHashSet<>();
        if (concept.props().get("moderated") instanceof List<?> list) {
            list.forEach(f -> moderated.add((String) f));
        }
        changes.keySet().forEach(k -> moderated.add(ConceptProperties.factOf(k)));
        moderated.addAll(List.of(extraFacts));
        Map<String, Object> params = new HashMap<>();
        params.put("id", concept.id());
        params.put("changes", changes);
        params.put("moderated", List.copyOf(moderated));
        params.put("labelKeys", ConceptProperties.labelKeys(props));
        params.put("now", now);
        tx.run(UPDATE_CONCEPT, params).consume();
        props.put("moderated", List.copyOf(moderated));
        return new ConceptNode(concept.id(), concept.iri(), props);
    }

    /** The path child → parent → … → child that adding child BROADER parent would close, if any. */
    Optional<List<ConceptRef>> loopIfBroader(ConceptNode child, ConceptNode parent) {
        if (child.id().equals(parent.id())) {
            return Optional.of(List.of(child.ref(), child.ref()));
        }
        List<Record> rows = tx.run(BROADER_PATH, Map.of("parent", parent.id(), "child", child.id())).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<ConceptRef> loop = new ArrayList<>();
        loop.add(child.ref());
        for (Value n : rows.getFirst().get("loop").values()) {
            loop.add(new ConceptNode(n.get("id").asString(), n.get("iri").asString(), n.get("props").asMap()).ref());
        }
        return Optional.of(loop);
    }
}
