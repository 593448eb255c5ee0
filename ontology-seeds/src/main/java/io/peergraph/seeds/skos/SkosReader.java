package io.peergraph.seeds.skos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;

/**
 * Reads the SKOS in a Jena model into {@link SkosScheme}s. A concept belongs to every scheme it names with
 * {@code skos:inScheme} or {@code skos:topConceptOf} (or that names it with {@code skos:hasTopConcept});
 * a concept in no scheme is reported, not loaded.
 */
public final class SkosReader {

    private SkosReader() {}

    public record Result(List<SkosScheme> schemes, List<String> conceptsOutsideSchemes) {}

    public static Result read(Model model) {
        Map<String, List<SkosConcept>> byScheme = new TreeMap<>();
        model.listSubjectsWithProperty(RDF.type, SKOS.ConceptScheme).forEach(s -> byScheme.put(s.getURI(), new ArrayList<>()));
        List<String> outside = new ArrayList<>();
        Set<Resource> concepts = concepts(model);
        Set<String> conceptIris = new TreeSet<>(concepts.stream().map(Resource::getURI).toList());
        for (Resource concept : concepts) {
            SkosConcept parsed = concept(model, concept, conceptIris);
            if (parsed.schemes().isEmpty()) {
                outside.add(parsed.iri());
            }
            parsed.schemes().forEach(scheme -> byScheme.computeIfAbsent(scheme, k -> new ArrayList<>()).add(parsed));
        }
        List<SkosScheme> schemes = new ArrayList<>();
        byScheme.forEach((iri, members) -> {
            Resource scheme = model.createResource(iri);
            String version = scheme.hasProperty(OWL.versionInfo) ? scheme.getProperty(OWL.versionInfo).getString() : "0";
            members.sort(Comparator.comparing(SkosConcept::iri));
            schemes.add(new SkosScheme(iri, single(scheme, SKOS.prefLabel), single(scheme, SKOS.definition), new SeedVersion(version), members));
        });
        return new Result(schemes, outside);
    }

    private static Set<Resource> concepts(Model model) {
        Set<Resource> concepts = new LinkedHashSet<>(model.listSubjectsWithProperty(RDF.type, SKOS.Concept).toList());
        concepts.addAll(model.listSubjectsWithProperty(SKOS.inScheme).toList());
        concepts.addAll(model.listSubjectsWithProperty(SKOS.topConceptOf).toList());
        model.listObjectsOfProperty(SKOS.hasTopConcept).forEach(n -> concepts.add(n.asResource()));
        concepts.removeIf(r -> !r.isURIResource());
        return concepts;
    }

    private static SkosConcept concept(Model model, Resource c, Set<String> conceptIris) {
        SortedSet<String> broader = new TreeSet<>(iris(c, SKOS.broader));
        model.listSubjectsWithProperty(SKOS.narrower, c).forEach(parent -> broader.add(parent.getURI()));

        SortedSet<String> related = new TreeSet<>(iris(c, SKOS.related));
        model.listSubjectsWithProperty(SKOS.related, c).forEach(other -> related.add(other.getURI()));
        // Symmetric: a pair of concepts both in this source is kept once, on the first IRI.
        related.removeIf(other -> conceptIris.contains(other) && other.compareTo(c.getURI()) <= 0);

        Set<String> topOf = new TreeSet<>(iris(c, SKOS.topConceptOf));
        model.listSubjectsWithProperty(SKOS.hasTopConcept, c).forEach(scheme -> topOf.add(scheme.getURI()));
        Set<String> schemes = new TreeSet<>(iris(c, SKOS.inScheme));
        schemes.addAll(topOf);

        SortedMap<String, List<String>> altLabels = new TreeMap<>();
        c.listProperties(SKOS.altLabel).forEach(st -> {
            Literal l = st.getLiteral();
            altLabels.computeIfAbsent(l.getLanguage(), k -> new ArrayList<>()).add(l.getLexicalForm());
        });
        altLabels.values().forEach(list -> list.sort(null));

        Resource status = c.hasProperty(TaxonomyVocab.status) ? c.getPropertyResourceValue(TaxonomyVocab.status) : null;
        Resource replacedBy = c.getPropertyResourceValue(DCTerms.isReplacedBy);
        return new SkosConcept(c.getURI(), lexical(c, SKOS.notation), single(c, SKOS.prefLabel), altLabels, single(c, SKOS.definition),
                broader, related, schemes, topOf, TaxonomyVocab.status(status), replacedBy == null ? null : replacedBy.getURI(),
                lexical(c, TaxonomyVocab.deprecationReason));
    }

    /** One value per language; SHACL reports a second one, the reader keeps the first in lexical order. */
    private static SortedMap<String, String> single(Resource r, Property p) {
        SortedMap<String, String> out = new TreeMap<>();
        r.listProperties(p).forEach(st -> {
            Literal l = st.getLiteral();
            out.merge(l.getLanguage(), l.getLexicalForm(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        });
        return out;
    }

    private static List<String> iris(Resource r, Property p) {
        return r.listProperties(p).mapWith(st -> st.getObject()).filterKeep(RDFNode::isURIResource)
                .mapWith(n -> n.asResource().getURI()).toList();
    }

    private static String lexical(Resource r, Property p) {
        return r.hasProperty(p) ? r.getProperty(p).getLiteral().getLexicalForm() : null;
    }
}
