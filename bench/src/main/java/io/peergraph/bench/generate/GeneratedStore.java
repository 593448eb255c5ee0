package io.peergraph.bench.generate;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.neo4j.driver.Driver;

/**
 * An embedded Neo4j holding one synthetic community, under {@code root/<shape tag>}. Loading 100k customers
 * takes minutes, so a store whose load completed (it has a {@code dataset.properties} marker, written last) is
 * reused; a store without one was interrupted and is loaded again from scratch.
 */
public final class GeneratedStore implements AutoCloseable {

    private static final String MARKER = "dataset.properties";
    private static final List<String> COUNTED = List.of("Customer", "Configuration", "ConfigItem", "Report", "Symptom", "Solution", "Confirmation");

    private final EmbeddedNeo4j neo4j;
    private final Driver driver;
    private final Properties load;

    private GeneratedStore(EmbeddedNeo4j neo4j, Driver driver, Properties load) {
        this.neo4j = neo4j;
        this.driver = driver;
        this.load = load;
    }

    /** {@code boltPort} 0 picks a free one. */
    public static GeneratedStore open(SyntheticCommunity community, Path root, long pageCacheBytes, int customersPerBatch, int boltPort) {
        Path dir = root.resolve(community.shape().tag());
        Path marker = dir.resolve(MARKER);
        boolean loaded = Files.exists(marker);
        if (!loaded) {
            deleteRecursively(dir);
        }
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"), boltPort, pageCacheBytes);
        Driver driver = neo4j.driver();
        if (loaded) {
            System.out.println("Reusing the store loaded earlier in " + dir);
            return new GeneratedStore(neo4j, driver, read(marker));
        }
        System.out.println("Loading " + community.shape() + " into " + dir);
        CommunityLoader.LoadStats stats = new CommunityLoader(driver, customersPerBatch).load(community);
        Properties properties = new Properties();
        properties.setProperty("shape", community.shape().toString());
        properties.setProperty("loadedAt", Instant.now().toString());
        properties.setProperty("loadSeconds", "%.1f".formatted(stats.seconds()));
        properties.setProperty("reportsPerSecond", "%.0f".formatted(stats.reportsPerSecond()));
        properties.setProperty("customersPerBatch", String.valueOf(customersPerBatch));
        write(marker, properties);
        return new GeneratedStore(neo4j, driver, properties);
    }

    public String boltUri() {
        return neo4j.boltUri();
    }

    /** The Bolt password of the embedded store (user {@link EmbeddedNeo4j#USERNAME}). */
    public String password() {
        return neo4j.password();
    }

    public Driver driver() {
        return driver;
    }

    /** How the store was loaded: when, how long it took, reports per second. */
    public Map<String, String> loadFacts() {
        Map<String, String> facts = new LinkedHashMap<>();
        load.stringPropertyNames().stream().sorted().forEach(name -> facts.put(name, load.getProperty(name)));
        return facts;
    }

    /** Node counts per label, plus the reports that carry a peer signature (those peers can find). */
    public Map<String, Long> size() {
        Map<String, Long> size = new LinkedHashMap<>();
        for (String label : COUNTED) {
            size.put(label, driver.executableQuery("MATCH (n:" + label + ") RETURN count(n) AS n").execute().records().getFirst().get("n").asLong());
        }
        size.put("Report with peer signature", driver.executableQuery("MATCH (r:Report) WHERE r.peerOwner IS NOT NULL RETURN count(r) AS n")
                .execute().records().getFirst().get("n").asLong());
        return size;
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
    }

    private static Properties read(Path marker) {
        try (Reader in = Files.newBufferedReader(marker)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path marker, Properties properties) {
        try (Writer out = Files.newBufferedWriter(marker)) {
            properties.store(out, "A completed load of a synthetic community; delete this directory to load again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything under it, if it exists. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
