package io.peergraph.seeds.skos;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.SeedChecksum;
import io.peergraph.seeds.facets.ItemFacetLoader;
import io.peergraph.seeds.hardware.HardwareScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;

/**
 * The seed vocabularies Peergraph ships: the generated hardware scheme first (product categories point into
 * it), then the Turtle files under {@code seeds/}. Bump a file's {@code owl:versionInfo} when editing it.
 *
 * <p>Starting a service should not parse pci.ids and diff thousands of concepts when nothing changed: the graph keeps
 * a checksum of what was last loaded (graph-model's {@code SeedChecksum}), and
 * {@link #loadIfChanged} loads only when the seed content, the hardware generator or the loader differ from it.
 */
public final class SeedCatalog {

    /** Bump when loading would write something else from the same files (a new derived property, a fixed diff). */
    static final String LOADER_REVISION = "2";

    /** What {@link #loadIfChanged} did: {@code reports} is empty when the stored checksum already matched. */
    public record SeedRun(String checksum, boolean loaded, List<LoadReport> reports) {}

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

    /**
     * Loads every seed (idempotent: what is already there is not written again, moderators' facts are kept), then stores
     * the checksum {@link #loadIfChanged} compares with. The schema it relies on is graph-model's migration 16.
     */
    public static List<LoadReport> loadAll(GraphConnection graph) {
        SkosLoader loader = new SkosLoader(graph);
        List<Model> models = models();
        List<LoadReport> reports = models.stream().flatMap(m -> loader.load(m).stream()).toList();
        ItemFacetLoader.load(graph, models); // the item kinds configuration-facets declares
        SeedChecksum.store(graph, checksum());
        return reports;
    }

    /**
     * What every start calls: loads the seeds only when their checksum differs from the one stored at the last load (a
     * new release, an edited seed). Several instances starting at once may both load: loading is idempotent.
     */
    public static SeedRun loadIfChanged(GraphConnection graph) {
        String checksum = checksum();
        if (SeedChecksum.stored(graph).filter(checksum::equals).isPresent()) {
            return new SeedRun(checksum, false, List.of());
        }
        return new SeedRun(checksum, true, loadAll(graph));
    }

    /** SHA-256 over the loader and hardware generator revisions, the bundled pci.ids and every Turtle seed, in load order. */
    public static String checksum() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("loader " + LOADER_REVISION + "; hardware " + HardwareScheme.GENERATOR_REVISION + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(resource("pci.ids.gz"));
            for (String path : TURTLE_SEEDS) {
                sha.update(resource(path));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] resource(String classpathResource) {
        try (InputStream in = SeedCatalog.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException(classpathResource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
