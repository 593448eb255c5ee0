package io.peergraph.seeds.skos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/** Read side of the taxonomy for the API: schemes with their top concepts, and one concept in full. */
public final class TaxonomyReader {

    private static final String SCHEMES = """
            MATCH (s:ConceptScheme)
            RETURN s.id AS id, s.iri AS iri, properties(s) AS props, COUNT { (s)<-[:IN_SCHEME]-(:Concept) } AS concepts,
                   [(s)<-[:TOP_CONCEPT_OF]-(c:Concept) | c {.id, .iri, label: coalesce(c.prefLabel_en, c.prefLabel)}] AS tops
            ORDER BY s.iri
            """;

    // Relies on the unique constraint concept_iri.
    private static final String CONCEPT = """
            MATCH (c:Concept {iri: $iri})
            RETURN c.id AS id, c.iri AS iri, properties(c) AS props,
                   [(c)-[:IN_SCHEME]->(s:ConceptScheme) | s.iri] AS schemes,
                   [(c)-[:BROADER]->(b:Concept) | b {.id, .iri, label: coalesce(b.prefLabel_en, b.prefLabel)}] AS broader,
                   COUNT { (c)<-[:BROADER]-(:Concept) } AS narrower,
                   [(c)-[:RELATED]-(r:Concept) | r {.id, .iri, label: coalesce(r.prefLabel_en, r.prefLabel)}] AS related,
                   head([(c)-[:REPLACED_BY]->(r:Concept) | r {.id, .iri, label: coalesce(r.prefLabel_en, r.prefLabel)}]) AS replacedBy
            """;

    private final Driver driver;

    public TaxonomyReader(Driver driver) {
        this.driver = driver;
    }

    public List<SchemeView> schemes() {
        try (Session session = driver.session()) {
            return session.run(SCHEMES).list(r -> {
                Map<String, Object> props = r.get("props").asMap();
                return new SchemeView(r.get("id").asString(), r.get("iri").asString(),
                        ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class),
                        ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class),
                        (String) props.get("seedVersion"), r.get("concepts").asInt(), r.get("tops").asList(TaxonomyReader::ref).stream()
                        .sorted(java.util.Comparator.comparing(ConceptRef::prefLabel, java.util.Comparator.nullsLast(String::compareTo))).toList());
            });
        }
    }

    public Optional<ConceptView> concept(String iri) {
        try (Session session = driver.session()) {
            return session.run(CONCEPT, Map.of("iri", iri)).list().stream().findFirst().map(r -> {
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
