package io.peergraph.seeds.skos;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.SKOS;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * The living taxonomy (every scheme, or one) as a SKOS model: what moderators made of the seeds, ready to
 * write as Turtle or JSON-LD. Narrower and related are written in both directions, as SKOS readers expect;
 * {@link SkosReader} reads them back into the same graph, so export → import → export is isomorphic.
 */
public final class TaxonomyExport {

    private static final String SCHEMES = """
            MATCH (s:ConceptScheme)
            WHERE $scheme IS NULL OR s.iri = $scheme
            RETURN s.iri AS iri, properties(s) AS props
            """;

    // Relies on the unique constraint concept_scheme_iri for the one-scheme case.
    private static final String CONCEPTS = """
            MATCH (c:Concept)-[:IN_SCHEME]->(s:ConceptScheme)
            WHERE s.iri IN $schemes
            WITH DISTINCT c
            RETURN c.iri AS iri, properties(c) AS props,
                   [(c)-[:IN_SCHEME]->(s:ConceptScheme) WHERE s.iri IN $schemes | s.iri] AS schemes,
                   [(c)-[:TOP_CONCEPT_OF]->(s:ConceptScheme) WHERE s.iri IN $schemes | s.iri] AS topOf,
                   [(c)-[:BROADER]->(b:Concept) | b.iri] AS broader,
                   [(c)<-[:BROADER]-(n:Concept) | n.iri] AS narrower,
                   [(c)-[:RELATED]-(r:Concept) | r.iri] AS related,
                   [(c)-[:REPLACED_BY]->(r:Concept) | r.iri] AS replacedBy
            """;

    private final Driver driver;

    public TaxonomyExport(Driver driver) {
        this.driver = driver;
    }

    /** {@code schemeIri} null exports every scheme. */
    public Model model(String schemeIri) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("skos", SKOS.uri).setNsPrefix("dcterms", DCTerms.NS).setNsPrefix("owl", OWL.NS).setNsPrefix("pg", TaxonomyVocab.NS);
        try (var session = driver.session()) {
            session.executeRead(tx -> {
                Map<String, Object> params = new HashMap<>();
                params.put("scheme", schemeIri);
                List<Record> schemes = tx.run(SCHEMES, params).list();
                schemes.forEach(r -> scheme(m, r));
                List<String> iris = schemes.stream().map(r -> r.get("iri").asString()).toList();
                tx.run(CONCEPTS, Map.of("schemes", iris)).forEachRemaining(r -> concept(m, r));
                return null;
            });
        }
        return m;
    }

    public void write(String schemeIri, TaxonomyFormat format, OutputStream out) {
        RDFDataMgr.write(out, model(schemeIri), format.rdfFormat());
    }

    private static void scheme(Model m, Record r) {
        Map<String, Object> props = r.get("props").asMap();
        Resource s = m.createResource(r.get("iri").asString(), SKOS.ConceptScheme);
        literals(m, s, SKOS.prefLabel, ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class));
        literals(m, s, SKOS.definition, ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class));
        if (props.get("seedVersion") instanceof String version) {
            s.addProperty(OWL.versionInfo, version);
        }
    }

    private static void concept(Model m, Record r) {
        Map<String, Object> props = r.get("props").asMap();
        Resource c = m.createResource(r.get("iri").asString(), SKOS.Concept);
        literals(m, c, SKOS.prefLabel, ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class));
        ConceptProperties.byLanguage(props, ConceptProperties.ALT_LABELS, List.class).forEach((lang, labels) ->
                labels.forEach(label -> c.addProperty(SKOS.altLabel, literal(m, (String) label, lang))));
        literals(m, c, SKOS.definition, ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class));
        if (props.get(ConceptProperties.NOTATION) instanceof String notation) {
            c.addProperty(SKOS.notation, notation);
        }
        ConceptStatus status = ConceptStatus.valueOf((String) props.getOrDefault(ConceptProperties.STATUS, ConceptStatus.APPROVED.name()));
        c.addProperty(TaxonomyVocab.status, status.rdf());
        if (props.get(ConceptProperties.DEPRECATION_REASON) instanceof String reason) {
            c.addProperty(TaxonomyVocab.deprecationReason, reason);
        }
        links(m, c, SKOS.inScheme, r, "schemes");
        links(m, c, SKOS.broader, r, "broader");
        links(m, c, SKOS.narrower, r, "narrower");
        links(m, c, SKOS.related, r, "related");
        links(m, c, DCTerms.isReplacedBy, r, "replacedBy");
        r.get("topOf").asList(v -> v.asString()).forEach(scheme -> {
            c.addProperty(SKOS.topConceptOf, m.createResource(scheme));
            m.createResource(scheme).addProperty(SKOS.hasTopConcept, c);
        });
    }

    private static void links(Model m, Resource c, Property p, Record r, String column) {
        Set<String> targets = new TreeSet<>(r.get(column).asList(v -> v.asString()));
        targets.forEach(iri -> c.addProperty(p, m.createResource(iri)));
    }

    private static void literals(Model m, Resource r, Property p, Map<String, String> byLanguage) {
        byLanguage.forEach((lang, text) -> r.addProperty(p, literal(m, text, lang)));
    }

    private static Literal literal(Model m, String text, String lang) {
        return lang.isEmpty() ? m.createLiteral(text) : m.createLiteral(text, lang);
    }
}
