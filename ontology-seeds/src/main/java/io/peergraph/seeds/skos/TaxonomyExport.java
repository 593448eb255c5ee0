package io.peergraph.seeds.skos;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import java.io.OutputStream;
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

/**
 * The living taxonomy (every scheme, or one) as a SKOS model: what moderators made of the seeds, ready to
 * write as Turtle or JSON-LD. Narrower and related are written in both directions, as SKOS readers expect;
 * {@link SkosReader} reads them back into the same graph, so export → import → export is isomorphic.
 */
public final class TaxonomyExport {

    private final TaxonomyReader reader;

    /** Every concept, customers' symptoms not yet approved included: for moderators' checks and the admin's CLI. */
    public TaxonomyExport(GraphConnection graph) {
        this(new TaxonomyReader(graph));
    }

    private TaxonomyExport(TaxonomyReader reader) {
        this.reader = reader;
    }

    /** The export anyone may download: without customers' symptoms not yet approved ({@link TaxonomyReader#forEveryone}). */
    public TaxonomyExport forEveryone() {
        return new TaxonomyExport(reader.forEveryone());
    }

    /** {@code schemeIri} null exports every scheme. */
    public Model model(String schemeIri) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("skos", SKOS.uri).setNsPrefix("dcterms", DCTerms.NS).setNsPrefix("owl", OWL.NS).setNsPrefix("pg", TaxonomyVocab.NS);
        TaxonomyReader.Contents contents = reader.contents(schemeIri);
        contents.schemes().forEach(s -> scheme(m, s));
        contents.concepts().forEach(c -> concept(m, c));
        return m;
    }

    public void write(String schemeIri, TaxonomyFormat format, OutputStream out) {
        RDFDataMgr.write(out, model(schemeIri), format.rdfFormat());
    }

    private static void scheme(Model m, TaxonomyReader.SchemeFacts r) {
        Map<String, Object> props = r.props();
        Resource s = m.createResource(r.iri(), SKOS.ConceptScheme);
        literals(m, s, SKOS.prefLabel, ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class));
        literals(m, s, SKOS.definition, ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class));
        if (props.get("seedVersion") instanceof String version) {
            s.addProperty(OWL.versionInfo, version);
        }
    }

    private static void concept(Model m, TaxonomyReader.ConceptFacts r) {
        Map<String, Object> props = r.props();
        Resource c = m.createResource(r.iri(), SKOS.Concept);
        literals(m, c, SKOS.prefLabel, ConceptProperties.byLanguage(props, ConceptProperties.PREF_LABEL, String.class));
        ConceptProperties.byLanguage(props, ConceptProperties.ALT_LABELS, List.class).forEach((lang, labels) ->
                labels.forEach(label -> c.addProperty(SKOS.altLabel, literal(m, (String) label, lang))));
        literals(m, c, SKOS.definition, ConceptProperties.byLanguage(props, ConceptProperties.DEFINITION, String.class));
        if (props.get(ConceptProperties.NOTATION) instanceof String notation) {
            c.addProperty(SKOS.notation, notation);
        }
        ConceptStatus status = ConceptStatus.valueOf((String) props.getOrDefault(ConceptProperties.STATUS, ConceptStatus.APPROVED.name()));
        c.addProperty(TaxonomyVocab.status, TaxonomyVocab.status(status));
        if (props.get(ConceptProperties.DEPRECATION_REASON) instanceof String reason) {
            c.addProperty(TaxonomyVocab.deprecationReason, reason);
        }
        links(m, c, SKOS.inScheme, r.schemes());
        links(m, c, SKOS.broader, r.broader());
        links(m, c, SKOS.narrower, r.narrower());
        links(m, c, SKOS.related, r.related());
        links(m, c, DCTerms.isReplacedBy, r.replacedBy());
        r.topOf().forEach(scheme -> {
            c.addProperty(SKOS.topConceptOf, m.createResource(scheme));
            m.createResource(scheme).addProperty(SKOS.hasTopConcept, c);
        });
    }

    private static void links(Model m, Resource c, Property p, List<String> iris) {
        Set<String> targets = new TreeSet<>(iris);
        targets.forEach(iri -> c.addProperty(p, m.createResource(iri)));
    }

    private static void literals(Model m, Resource r, Property p, Map<String, String> byLanguage) {
        byLanguage.forEach((lang, text) -> r.addProperty(p, literal(m, text, lang)));
    }

    private static Literal literal(Model m, String text, String lang) {
        return lang.isEmpty() ? m.createLiteral(text) : m.createLiteral(text, lang);
    }
}
