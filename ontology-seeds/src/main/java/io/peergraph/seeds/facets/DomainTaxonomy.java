package io.peergraph.seeds.facets;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.seeds.skos.LoadReport;
import io.peergraph.seeds.skos.SkosLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;

/**
 * Loads a domain: one Turtle file with its item facets, value schemes and symptom scheme (docs/adding-a-domain.md).
 * The concepts load as any seed does ({@link SkosLoader}: idempotent, moderators' facts kept, an older version refused);
 * then the declarations ({@link ItemFacetLoader}), and the items and symptoms already in the store are classified.
 * Loading the same file again writes nothing new.
 */
public final class DomainTaxonomy {

    /** What a load did: the SKOS schemes, the kinds declared, the items and symptoms newly classified. */
    public record Loaded(List<LoadReport> schemes, List<ItemFacetLoader.Declarations> domains, int itemsClassified,
                         int symptomsClassified) {}

    private DomainTaxonomy() {}

    public static Loaded load(GraphConnection graph, Path turtle) {
        try (InputStream in = Files.newInputStream(turtle)) {
            return load(graph, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + turtle, e);
        }
    }

    public static Loaded load(GraphConnection graph, InputStream turtle) {
        Model model = ModelFactory.createDefaultModel();
        RDFParser.source(turtle).lang(Lang.TURTLE).parse(model);
        List<ItemFacetLoader.Declarations> domains = ItemFacetLoader.read(model); // refuses a malformed one before writing
        List<LoadReport> schemes = new SkosLoader(graph).load(model);
        int items = ItemFacetLoader.load(graph, List.of(model));
        int symptoms = new ConceptHierarchy(graph).classifySymptoms(ConceptHierarchy.SYMPTOM_SCHEME);
        return new Loaded(schemes, domains, items, symptoms);
    }
}
