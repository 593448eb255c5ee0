package io.peergraph.graph.taxonomy.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neo4j.driver.QueryRunner;

/**
 * Exact before/after state of the nodes a curation change touches: their properties and every taxonomy
 * relationship at them, as canonical JSON (sorted, datetimes tagged), so that two snapshots of the same state
 * are the same string and {@link #restore} can write a snapshot back.
 */
final class Snapshot {

    /** Relationships a curation change may create, move or delete. Scheme nodes are never captured, only pointed at. */
    static final List<String> TRACKED = List.of("BROADER", "RELATED", "REPLACED_BY", "IN_SCHEME", "TOP_CONCEPT_OF", "MEANS",
            "MERGED_INTO", "TAGGED", "CLASSIFIED_AS", "SHOWS", "SOLVES");
    /** Labels a tracked relationship may reach; names put into Cypher come only from here. */
    private static final Set<String> ENDPOINT_LABELS = Set.of("Concept", "ConceptScheme", "Tag", "Product", "Report", "Solution",
            "Configuration", "Symptom", "ConfigItem");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATETIME = "$datetime";

    /** The node {@code n} with the public id {@code id}, whichever of the captured labels it has. */
    private static final String NODE_BY_ID = """
            CALL (id) {
              MATCH (n:Concept {id: id}) RETURN n
              UNION
              MATCH (n:Tag {id: id}) RETURN n
              UNION
              MATCH (n:Symptom {id: id}) RETURN n
              UNION
              MATCH (n:Report {id: id}) RETURN n
              UNION
              MATCH (n:Solution {id: id}) RETURN n
            }
            """;

    // Relies on the id constraints of each label (concept_id, tag_id, symptom_id, report_id, solution_id). Symptoms,
    // reports and solutions are captured when a customer's symptom is merged (SymptomEdits).
    private static final String CAPTURE = """
            UNWIND $ids AS id
            """ + NODE_BY_ID + """
            RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
                   [(n)-[r]-(m) WHERE type(r) IN $tracked |
                     {type: type(r), start: startNode(r).id, startLabel: labels(startNode(r))[0],
                      end: endNode(r).id, endLabel: labels(endNode(r))[0], props: properties(r)}] AS rels
            """;

    private static final String DETACH_TRACKED = """
            UNWIND $ids AS id
            """ + NODE_BY_ID + """
            MATCH (n)-[r]-() WHERE type(r) IN $tracked
            DELETE r
            """;

    private static final String DELETE_NODES = """
            UNWIND $ids AS id
            """ + NODE_BY_ID + """
            DETACH DELETE n
            """;

    /** %s is Concept, Tag, Symptom, Report or Solution (checked); MERGE brings back a node that a later change (an undone undo) deleted. */
    private static final String SET_PROPERTIES = """
            UNWIND $nodes AS node
            MERGE (n:%s {id: node.id})
            SET n = node.props
            """;

    /** %1$s, %2$s, %3$s are a start label, relationship type and end label checked against the lists above. */
    private static final String CREATE_RELATIONSHIPS = """
            UNWIND $rels AS rel
            MATCH (a:%1$s {id: rel.start}), (b:%3$s {id: rel.end})
            CREATE (a)-[r:%2$s]->(b)
            SET r = rel.props
            """;

    private Snapshot() {}

    /** Canonical JSON of the nodes with these ids (absent ids are simply not in it). */
    static String capture(QueryRunner tx, Collection<String> ids) {
        Map<String, ObjectNode> nodes = new TreeMap<>();
        Set<String> rels = new TreeSet<>();
        tx.run(CAPTURE, Map.of("ids", List.copyOf(new TreeSet<>(ids)), "tracked", TRACKED)).forEachRemaining(r -> {
            ObjectNode node = JSON.createObjectNode();
            node.put("id", r.get("id").asString());
            node.set("labels", encode(new TreeSet<>(r.get("labels").asList(v -> v.asString()))));
            node.set("props", encode(r.get("props").asMap()));
            nodes.put(r.get("id").asString(), node);
            r.get("rels").asList(v -> v.asMap()).forEach(rel -> rels.add(write(encode(rel))));
        });
        ObjectNode snapshot = JSON.createObjectNode();
        ArrayNode nodeArray = snapshot.putArray("nodes");
        nodes.values().forEach(nodeArray::add);
        ArrayNode relArray = snapshot.putArray("rels");
        rels.forEach(rel -> relArray.add(read(rel)));
        return write(snapshot);
    }

    /**
     * One snapshot of the nodes of both, for a change made of several steps. {@code earlier} is authoritative:
     * its nodes win, and so do its relationships: a relationship in {@code later} that reaches a node captured
     * earlier may already have been changed by an earlier step, so only the earlier capture's version is kept.
     */
    static String merge(String earlier, String later) {
        JsonNode first = read(earlier);
        Map<String, JsonNode> nodes = new TreeMap<>();
        read(later).get("nodes").forEach(n -> nodes.put(n.get("id").asText(), n));
        first.get("nodes").forEach(n -> nodes.put(n.get("id").asText(), n));
        Set<String> earlierIds = ids(earlier);
        Set<String> rels = new TreeSet<>();
        first.get("rels").forEach(r -> rels.add(write(r)));
        read(later).get("rels").forEach(r -> {
            if (!earlierIds.contains(r.get("start").asText()) && !earlierIds.contains(r.get("end").asText())) {
                rels.add(write(r));
            }
        });
        ObjectNode merged = JSON.createObjectNode();
        ArrayNode nodeArray = merged.putArray("nodes");
        nodes.values().forEach(nodeArray::add);
        ArrayNode relArray = merged.putArray("rels");
        rels.forEach(rel -> relArray.add(read(rel)));
        return write(merged);
    }

    static String empty() {
        return "{\"nodes\":[],\"rels\":[]}";
    }

    /** Ids of the nodes in a snapshot. */
    static Set<String> ids(String snapshot) {
        Set<String> ids = new TreeSet<>();
        read(snapshot).get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    /**
     * Puts the graph back to {@code before} for every node in {@code before} or {@code after}: nodes only in
     * {@code after} (created by the change) are deleted, the others get their properties and tracked
     * relationships exactly as they were.
     */
    static void restore(QueryRunner tx, String before, String after) {
        JsonNode was = read(before);
        Set<String> existedBefore = ids(before);
        Set<String> created = new TreeSet<>(ids(after));
        created.removeAll(existedBefore);
        tx.run(DETACH_TRACKED, Map.of("ids", List.copyOf(existedBefore), "tracked", TRACKED)).consume();
        tx.run(DELETE_NODES, Map.of("ids", List.copyOf(created))).consume();

        Map<String, List<Map<String, Object>>> nodesByLabel = new TreeMap<>();
        was.get("nodes").forEach(n -> nodesByLabel.computeIfAbsent(checked(n.get("labels").get(0).asText()), k -> new ArrayList<>())
                .add(Map.of("id", n.get("id").asText(), "props", decode(n.get("props")))));
        nodesByLabel.forEach((label, nodes) -> tx.run(SET_PROPERTIES.formatted(label), Map.of("nodes", nodes)).consume());

        Map<List<String>, List<Map<String, Object>>> byShape = new LinkedHashMap<>();
        was.get("rels").forEach(rel -> {
            List<String> shape = List.of(checked(rel.get("startLabel").asText()), checked(rel.get("type").asText()),
                    checked(rel.get("endLabel").asText()));
            Map<String, Object> row = new HashMap<>();
            row.put("start", rel.get("start").asText());
            row.put("end", rel.get("end").asText());
            row.put("props", decode(rel.get("props")));
            byShape.computeIfAbsent(shape, k -> new ArrayList<>()).add(row);
        });
        byShape.forEach((shape, rows) -> tx.run(CREATE_RELATIONSHIPS.formatted(shape.get(0), shape.get(1), shape.get(2)),
                Map.of("rels", rows)).consume());
    }

    private static String checked(String name) {
        if (!TRACKED.contains(name) && !ENDPOINT_LABELS.contains(name)) {
            throw new IllegalStateException("snapshot names an unexpected label or type: " + name);
        }
        return name;
    }

    private static JsonNode encode(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (value) {
            case null -> f.nullNode();
            case String s -> f.textNode(s);
            case Boolean b -> f.booleanNode(b);
            case Long l -> f.numberNode(l);
            case Integer i -> f.numberNode((long) i);
            case Double d -> f.numberNode(d);
            case ZonedDateTime t -> f.objectNode().put(DATETIME, t.toString());
            case Map<?, ?> m -> {
                ObjectNode o = f.objectNode();
                new TreeMap<>(m).forEach((k, v) -> o.set((String) k, encode(v)));
                yield o;
            }
            case Collection<?> c -> {
                ArrayNode a = f.arrayNode();
                c.forEach(v -> a.add(encode(v)));
                yield a;
            }
            default -> throw new IllegalStateException("cannot snapshot a " + value.getClass().getName());
        };
    }

    private static Object decode(JsonNode node) {
        if (node.isObject() && node.has(DATETIME)) {
            return ZonedDateTime.parse(node.get(DATETIME).asText());
        }
        if (node.isObject()) {
            Map<String, Object> map = new HashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), decode(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(v -> list.add(decode(v)));
            return list;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isFloatingPointNumber()) {
            return node.asDouble();
        }
        if (node.isNumber()) {
            return node.asLong();
        }
        return null;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
