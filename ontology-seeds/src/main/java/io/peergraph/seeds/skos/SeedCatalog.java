package io.peergraph.seeds.skos;

import io.peergraph.seeds.hardware.HardwareScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.neo4j.driver.Driver;

/**
 * The seed vocabularies Peergraph ships: the generated hardware scheme first (product categories point into
 * it), then the Turtle files under {@code seeds/}. Bump a file's {@code owl:versionInfo} when editing it.
 */
public final class SeedCatalog {

    public static final List<String> TURTLE_SEEDS = List.of(
            "seeds/configuration-facets.ttl",
            "seeds/symptoms.ttl",
            "seeds/solution-types.ttl",
            "seeds/product-categories.ttl");

    private SeedCatalog() {}

    /** All seed models in load order. */
    public static List<Model> models() {
        List<Model> models = new ArrayList<>();
        models.add(HardwareScheme.bundled());
        TURTLE_SEEDS.forEach(path -> models.add(turtle(path)));
        return models;
    }

    /** Applies the taxonomy schema and loads every seed; safe to call on every start. */
    public static List<LoadReport> loadAll(Driver driver) {
        TaxonomySchema.apply(driver);
        SkosLoader loader = new SkosLoader(driver);
        return models().stream().flatMap(m -> loader.load(m).stream()).toList();
    }

    public static Model turtle(String classpathResource) {
        try (InputStream in = SeedCatalog.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException(classpathResource + " is missing from the classpath");
            }
            Model model = ModelFactory.createDefaultModel();
            RDFParser.source(in).lang(Lang.TURTLE).parse(model);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
