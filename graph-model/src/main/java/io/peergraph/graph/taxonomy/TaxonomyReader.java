package io.peergraph.graph.taxonomy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** Read side of the taxonomy for the API: schemes with their top concepts, concepts in full, pages of a subtree. */
public final class TaxonomyReader {

    /** Whether the concept {@code c} is read: by this reader ($all), or because anyone may see it. */
    private static String seen(String c) {
        return "($all OR " + SymptomVisibility.publicConcept(c) + ")";
    }

    private static final String SCHEMES = """
            MATCH (s:ConceptScheme)
            RETURN s.id AS id, s.iri AS iri, properties(s) AS props, COUNT { (s)<-[:IN_SCHEME]-(c:Concept) WHERE %s } AS concepts,
                   [(s)<-[:TOP_CONCEPT_OF]-(c:Concept) WHERE %s | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)}] AS tops
            ORDER BY s.iri
            """.formatted(seen("c"), seen("c"));

    // Relies on the unique constraint concept_iri, or concept_id (%1$s is "iri" or "id", never user text); keeps the order asked
    // for. Concepts, and neighbours, the reader may not see are left out (seen).
    private static final String CONCEPTS = """
            UNWIND range(0, size($keys) - 1) AS i
            MATCH (c:Concept {%1$s: $keys[i]}) WHERE %2$s
            WITH i, c ORDER BY i
            RETURN c.id AS id, c.iri AS iri, properties(c) AS props,
                   [(c)-[:IN_SCHEME]->(s:ConceptScheme) | s.iri] AS schemes,
                   [(c)-[:BROADER]->(b:Concept) WHERE %3$s | b {.id, .iri, label: coalesce(b.prefLabel_en, b.prefLabel)}] AS broader,
                   COUNT { (c)<-[:BROADER]-(n:Concept) WHERE %4$s } AS narrower,
                   [(c)-[:RELATED]-(r:Concept) WHERE %5$s | r {.id, .iri, label: coalesce(r.prefLabel_en, r.prefLabel)}] AS related,
                   head([(c)-[:REPLACED_BY]->(r:Concept) WHERE %5$s | r {.id, .iri, label: coalesce(r.prefLabel_en, r.prefLabel)}]) AS replacedBy
            """;

    private final Driver driver;
    /** Every concept (moderators, the admin's export), or only what anyone may see. */
    private final boolean all;

    /** Reads every concept, customers' symptoms not yet approved included: for moderators and the admin's tools. */
    public TaxonomyReader(GraphConnection graph) {
        this(graph.driver(), true);
    }

    private TaxonomyReader(Driver driver, boolean all) {
        this.driver = driver;
        this.all = all;
    }

    /**
     * The taxonomy as anyone may see it ({@link SymptomVisibility#publicConcept}): a customer's symptom that is not
     * approved is no concept at all, in queries, pages, counts, neighbours and exports alike.
     */
    public TaxonomyReader forEveryone() {
        return new TaxonomyReader(driver, false);
    }

    public List<SchemeView> schemes() {
        try (Session session = driver.session()) {
            return session.run(SCHEMES, Map.of("all", all)).list(r -> {
                Map<String, Object> props = r.get("props").asMap();
                return new SchemeView(r.get("id").asString(), r.get("iri").asString(),
                        ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class),
                        ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class),
                        (String) props.get("seedVersion"), r.get("concepts").asInt(), r.get("tops").asList(TaxonomyReader::ref).stream()
                        .sorted(java.util.Comparator.comparing(ConceptRef::prefLabel, java.util.Comparator.nullsLast(String::compareTo))).toList());
            });
        }
    }

    // Relies on concept_iri for the root, then walks BROADER backwards; ordered for stable offset pages.
    private static final String CHILDREN_PAGE = """
            MATCH (:Concept {iri: $iri})<-[:BROADER]-(c:Concept) WHERE %s
            WITH c ORDER BY coalesce(c.prefLabel_en, c.prefLabel), c.iri
            WITH collect(c.iri) AS iris
            RETURN iris[$offset..$offset + $limit] AS page, size(iris) AS total
            """.formatted(seen("c"));

    /** Everything under {@code $iri} down to {@code $maxDepth} levels, breadth first: a tree the client rebuilds from each entry's parent. */
    private static final String DESCENDANTS_PAGE = """
            MATCH path = (n:Concept)-[:BROADER*1..10]->(:Concept {iri: $iri})
            WHERE length(path) <= $maxDepth AND %s
            WITH n, length(path) AS depth, nodes(path)[1].iri AS parentIri
            ORDER BY depth, parentIri
            WITH n, head(collect({depth: depth, parent: parentIri})) AS nearest
            ORDER BY nearest.depth, coalesce(n.prefLabel_en, n.prefLabel), n.iri
            WITH collect({iri: n.iri, depth: nearest.depth, parent: nearest.parent}) AS rows
            RETURN rows[$offset..$offset + $limit] AS page, size(rows) AS total
            """.formatted(seen("n"));

    // Relies on the tag id constraint; the concept a tag means, after replacements.
    private static final String MEANING = """
            UNWIND $tagIds AS tagId
            MATCH (:Tag {id: tagId})-[:MEANS]->(c:Concept)
            OPTIONAL MATCH (c)-[:REPLACED_BY*1..10]->(r:Concept) WHERE NOT EXISTS { (r)-[:REPLACED_BY]->() }
            RETURN tagId, coalesce(r, c).iri AS iri
            """;

    /** The concept with this IRI, if any. */
    public Optional<ConceptView> concept(String iri) {
        return concepts(List.of(iri)).stream().findFirst();
    }

    /** The concept with this public id, if any. */
    public Optional<ConceptView> conceptById(String id) {
        return load("id", List.of(id)).stream().findFirst();
    }

    /** The concepts with these public ids in the order asked (missing ones left out), one query for a batch. */
    public List<ConceptView> conceptsById(List<String> ids) {
        return load("id", ids);
    }

    /** The concepts with these IRIs in the order asked (missing ones left out), one query for a batch. */
    public List<ConceptView> concepts(List<String> iris) {
        return load("iri", iris);
    }

    /** One page of the concepts directly under {@code iri}, by English label. */
    public Page<ConceptView> children(String iri, int offset, int limit) {
        try (Session session = driver.session()) {
            var r = session.run(CHILDREN_PAGE, Map.of("iri", iri, "offset", offset, "limit", limit, "all", all)).single();
            return new Page<>(concepts(r.get("page").asList(Value::asString)), r.get("total").asInt());
        }
    }

    /** One page of everything under {@code iri} down to {@code maxDepth} levels (≤ {@link io.peergraph.graph.taxonomy.ConceptHierarchy#MAX_DEPTH}), shallowest first. */
    public Page<TreeEntry> descendants(String iri, int maxDepth, int offset, int limit) {
        try (Session session = driver.session()) {
            var r = session.run(DESCENDANTS_PAGE, Map.of("iri", iri, "maxDepth", maxDepth, "offset", offset, "limit", limit, "all", all)).single();
            List<Value> rows = r.get("page").asList(v -> v);
            Map<String, ConceptView> byIri = new java.util.HashMap<>();
            concepts(rows.stream().map(v -> v.get("iri").asString()).toList()).forEach(c -> byIri.put(c.iri(), c));
            return new Page<>(rows.stream().filter(v -> byIri.containsKey(v.get("iri").asString()))
                    .map(v -> new TreeEntry(byIri.get(v.get("iri").asString()), v.get("depth").asInt(), v.get("parent").asString()))
                    .toList(), r.get("total").asInt());
        }
    }

    /** The IRI of the concept each tag means (after replacements); unmapped tags are left out. */
    public Map<String, String> meaningOf(List<String> tagIds) {
        try (Session session = driver.session()) {
            Map<String, String> out = new java.util.HashMap<>();
            session.run(MEANING, Map.of("tagIds", tagIds)).forEachRemaining(r -> out.put(r.get("tagId").asString(), r.get("iri").asString()));
            return out;
        }
    }

    // For an export: every scheme, or the one with IRI $scheme (unique constraint concept_scheme_iri).
    private static final String EXPORT_SCHEMES = """
            MATCH (s:ConceptScheme)
            WHERE $scheme IS NULL OR s.iri = $scheme
            RETURN s.iri AS iri, properties(s) AS props
            """;

    private static final String EXPORT_CONCEPTS = """
            MATCH (c:Concept)-[:IN_SCHEME]->(s:ConceptScheme)
            WHERE s.iri IN $schemes AND %1$s
            WITH DISTINCT c
            RETURN c.iri AS iri, properties(c) AS props,
                   [(c)-[:IN_SCHEME]->(s:ConceptScheme) WHERE s.iri IN $schemes | s.iri] AS schemes,
                   [(c)-[:TOP_CONCEPT_OF]->(s:ConceptScheme) WHERE s.iri IN $schemes | s.iri] AS topOf,
                   [(c)-[:BROADER]->(b:Concept) WHERE %2$s | b.iri] AS broader,
                   [(c)<-[:BROADER]-(n:Concept) WHERE %3$s | n.iri] AS narrower,
                   [(c)-[:RELATED]-(r:Concept) WHERE %4$s | r.iri] AS related,
                   [(c)-[:REPLACED_BY]->(r:Concept) WHERE %4$s | r.iri] AS replacedBy
            """.formatted(seen("c"), seen("b"), seen("n"), seen("r"));

    /** A scheme as an export writes it: its IRI and stored facts. */
    public record SchemeFacts(String iri, Map<String, Object> props) {}

    /** A concept as an export writes it: stored facts and every link by IRI, narrower and related in both directions. */
    public record ConceptFacts(String iri, Map<String, Object> props, List<String> schemes, List<String> topOf, List<String> broader,
                               List<String> narrower, List<String> related, List<String> replacedBy) {}

    /** Everything in one scheme ({@code schemeIri}), or in all ({@code null}), read in one transaction. */
    public record Contents(List<SchemeFacts> schemes, List<ConceptFacts> concepts) {}

    public Contents contents(String schemeIri) {
        try (Session session = driver.session()) {
            return session.executeRead(tx -> {
                Map<String, Object> params = new java.util.HashMap<>();
                params.put("scheme", schemeIri);
                params.put("all", all);
                List<SchemeFacts> schemes = tx.run(EXPORT_SCHEMES, params).list(r -> new SchemeFacts(r.get("iri").asString(), r.get("props").asMap()));
                List<ConceptFacts> concepts = tx.run(EXPORT_CONCEPTS, Map.of("schemes", schemes.stream().map(SchemeFacts::iri).toList(), "all", all))
                        .list(r -> new ConceptFacts(r.get("iri").asString(), r.get("props").asMap(), r.get("schemes").asList(Value::asString),
                                r.get("topOf").asList(Value::asString), r.get("broader").asList(Value::asString),
                                r.get("narrower").asList(Value::asString), r.get("related").asList(Value::asString),
                                r.get("replacedBy").asList(Value::asString)));
                return new Contents(schemes, concepts);
            });
        }
    }

    /** A page of a longer list and the length of the whole list. */
    public record Page<T>(List<T> items, int total) {}

    /** A concept in a subtree: how far below the root, and the IRI of its broader concept on the way there. */
    public record TreeEntry(ConceptView concept, int depth, String parentIri) {}

    /** {@code by} is "iri" or "id". */
    private List<ConceptView> load(String by, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        try (Session session = driver.session()) {
            return session.run(CONCEPTS.formatted(by, seen("c"), seen("b"), seen("n"), seen("r")), Map.of("keys", keys, "all", all)).list(r -> {
                Map<String, Object> props = r.get("props").asMap();
                SortedMap<String, List<String>> alts = new TreeMap<>();
                ConceptProperties.byLanguage(props, ConceptProperties.ALT_LABELS, List.class)
                        .forEach((lang, labels) -> alts.put(lang, labels.stream().map(String.class::cast).toList()));
                Value replacedBy = r.get("replacedBy");
                return new ConceptView(r.get("id").asString(), r.get("iri").asString(), (String) props.get(ConceptProperties.NOTATION),
                        ConceptStatus.valueOf((String) props.getOrDefault(ConceptProperties.STATUS, "APPROVED")),
                        (String) props.get(ConceptProperties.DEPRECATION_REASON),
                        ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class), alts,
                        ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class),
                        r.get("schemes").asList(Value::asString), r.get("broader").asList(TaxonomyReader::ref), r.get("narrower").asInt(),
                        r.get("related").asList(TaxonomyReader::ref), replacedBy.isNull() ? null : ref(replacedBy),
                        props.get("moderated") instanceof List<?> l ? l.stream().map(String.class::cast).toList() : List.of());
            });
        }
    }

    private static ConceptRef ref(Value v) {
        return new ConceptRef(v.get("id").asString(), v.get("iri").asString(), v.get("label").asString(null));
    }
}
