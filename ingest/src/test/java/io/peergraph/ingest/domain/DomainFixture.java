package io.peergraph.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.seeds.facets.DomainTaxonomy;
import io.peergraph.seeds.facets.ItemFacetLoader;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * A shipped domain (domains/NAME: taxonomy.ttl and the generic CSV files) loaded as docs/adding-a-domain.md says, next to
 * the PC facets so that neither domain's answers depend on the other, and its files read back for expected numbers.
 */
final class DomainFixture {

    /** The generic import's entities, in the order they must be imported. */
    private static final List<String> ENTITIES = List.of("customers", "configurations", "reports", "solutions", "confirmations", "measurements");

    private final Path folder;
    private final Driver driver = SharedNeo4j.driver();
    private final Neo4jClient client = Neo4jClient.create(driver);

    DomainFixture(String name) {
        this.folder = Path.of("../domains", name);
    }

    /**
     * Empties the store, loads the PC facets and the domain's Turtle, defines {@code metric} (metrics come from the API,
     * not the import) and imports every file: all of each is imported, nothing rejected. The metric as stored.
     */
    Metric load(Metric metric, Path tmp) {
        SharedNeo4j.wipe();
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/configuration-facets.ttl"));
        ItemFacetLoader.load(GraphConnection.over(driver), List.of(SeedCatalog.turtle("seeds/configuration-facets.ttl")));
        DomainTaxonomy.Loaded loaded = DomainTaxonomy.load(GraphConnection.over(driver), folder.resolve("taxonomy.ttl"));
        assertThat(loaded.domains()).hasSize(1);
        Metric defined = new MetricStore(client).define(metric).orElseThrow();
        for (String entity : ENTITIES) {
            ImportRun run = ImportCommand.run(GraphConnection.over(driver), "csv:" + entity, List.of(folder.resolve(entity + ".csv")),
                    tmp.resolve(entity + ".rejected.jsonl"), 100, Progress.none());
            assertThat(run.rejected()).as(entity + " rejected").isZero();
            assertThat(run.imported()).as(entity + " imported").isEqualTo(rows(entity).size());
        }
        return defined;
    }

    List<CSVRecord> rows(String entity) {
        try (Reader in = Files.newBufferedReader(folder.resolve(entity + ".csv"))) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each configuration's items (kind → value) by the number its sourceKey ends with. */
    Map<Integer, Map<String, String>> items() {
        Map<Integer, Map<String, String>> items = new HashMap<>();
        for (CSVRecord r : rows("configurations")) {
            Map<String, String> mine = new HashMap<>();
            for (String item : r.get("items").split(";")) {
                mine.put(item.substring(0, item.indexOf('=')), item.substring(item.indexOf('=') + 1));
            }
            items.put(number(r.get("sourceKey")), mine);
        }
        return items;
    }

    /** How many of {@code items}' keys (patients, pupils) fit. */
    static long count(Map<Integer, ?> items, Predicate<Integer> fits) {
        return items.keySet().stream().filter(fits).count();
    }

    /** The first of {@code items}' keys, in order, that fits. */
    static int first(Map<Integer, ?> items, Predicate<Integer> fits) {
        return items.keySet().stream().sorted().filter(fits).findFirst().orElseThrow();
    }

    /** The number a sourceKey ends with ("pbc:patient:12" → 12): the patient's or pupil's id in the data set. */
    static int number(String sourceKey) {
        return Integer.parseInt(sourceKey.substring(sourceKey.lastIndexOf(':') + 1));
    }

    String configurationId(String sourceKey) {
        return client.query("MATCH (c:Configuration {sourceKey: $key}) RETURN c.id AS id").bind(sourceKey).to("key")
                .fetchAs(String.class).one().orElseThrow();
    }

    String ownerId(String handle) {
        return client.query("MATCH (o:Customer {handle: $handle}) RETURN o.id AS id").bind(handle).to("handle")
                .fetchAs(String.class).one().orElseThrow();
    }
}
