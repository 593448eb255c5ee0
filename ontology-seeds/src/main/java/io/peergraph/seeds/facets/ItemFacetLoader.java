package io.peergraph.seeds.facets;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.facet.FamilyRule;
import io.peergraph.graph.facet.ItemFacetStore;
import io.peergraph.graph.facet.ItemKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;

/**
 * Reads what a domain's Turtle declares beyond SKOS (its item kinds with their cohort ranks, family rules and value
 * schemes; its symptom schemes) and puts it in the graph, after {@code SkosLoader} has loaded the concepts. The graph
 * then answers for the domain without code: similar peers and benchmark cohorts read the kinds ({@link ItemFacetStore}),
 * items are classified by the value schemes, symptoms by the symptom schemes.
 */
public final class ItemFacetLoader {

    /** One domain's declarations. */
    public record Declarations(String domain, List<ItemKind> kinds) {}

    private ItemFacetLoader() {}

    /** Every {@code pg:ItemFacetScheme} of the model, its kinds in notation order; a malformed declaration is refused. */
    public static List<Declarations> read(Model model) {
        List<Declarations> out = new ArrayList<>();
        model.listSubjectsWithProperty(RDF.type, FacetVocab.ItemFacetScheme).forEachRemaining(scheme -> {
            List<ItemKind> kinds = new ArrayList<>();
            model.listSubjectsWithProperty(SKOS.inScheme, scheme).forEachRemaining(concept -> {
                if (concept.hasProperty(SKOS.notation)) {
                    kinds.add(kind(scheme, concept));
                }
            });
            kinds.sort(Comparator.comparing(ItemKind::kind));
            out.add(new Declarations(scheme.getURI(), List.copyOf(kinds)));
        });
        out.sort(Comparator.comparing(Declarations::domain));
        return out;
    }

    /** The IRIs of the model's {@code pg:SymptomScheme}s. */
    public static List<String> symptomSchemes(Model model) {
        return model.listSubjectsWithProperty(RDF.type, FacetVocab.SymptomScheme).mapWith(Resource::getURI).toList()
                .stream().sorted().toList();
    }

    /**
     * Writes the declarations of these models (already loaded as SKOS) in one transaction and classifies the items and
     * symptoms they now cover; returns how many items were classified.
     */
    public static int load(GraphConnection graph, List<Model> models) {
        List<Declarations> declarations = models.stream().flatMap(m -> read(m).stream()).toList();
        List<String> symptomSchemes = models.stream().flatMap(m -> symptomSchemes(m).stream()).toList();
        if (declarations.isEmpty() && symptomSchemes.isEmpty()) {
            return 0;
        }
        Map<String, List<ItemKind>> kindsByDomain = new LinkedHashMap<>();
        declarations.forEach(d -> kindsByDomain.put(d.domain(), d.kinds()));
        return ItemFacetStore.declare(graph, kindsByDomain, symptomSchemes);
    }

    private static ItemKind kind(Resource scheme, Resource concept) {
        String kind = concept.getProperty(SKOS.notation).getString();
        Statement rank = concept.getProperty(FacetVocab.cohortRank);
        Statement rule = concept.getProperty(FacetVocab.familyRule);
        Statement values = concept.getProperty(FacetVocab.valueScheme);
        if (rank != null && (!rank.getObject().isLiteral() || rank.getInt() < 1)) {
            throw new IllegalArgumentException(concept + ": pg:cohortRank must be a whole number from 1");
        }
        if (values != null && !values.getObject().isURIResource()) {
            throw new IllegalArgumentException(concept + ": pg:valueScheme must be a scheme IRI");
        }
        try {
            return new ItemKind(kind, scheme.getURI(), rank == null ? null : rank.getInt(),
                    rule == null ? null : FamilyRule.parse(rule.getString()),
                    values == null ? null : values.getObject().asResource().getURI());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(concept + ": " + e.getMessage(), e);
        }
    }
}
