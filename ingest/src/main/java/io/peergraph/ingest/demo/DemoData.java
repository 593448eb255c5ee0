package io.peergraph.ingest.demo;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.imports.EmptyGraph;
import io.peergraph.graph.imports.ImportCheckpoints;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.protondb.ProtonDbMapper;
import io.peergraph.ingest.protondb.ProtonDbWriter;
import io.peergraph.ingest.source.JsonArrayRecords;
import io.peergraph.seeds.pci.GpuCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo dataset: ~3,000 real ProtonDB reports (see demo/ATTRIBUTION.md) on a few dozen popular games and
 * common GPUs, imported through the ProtonDB adapter like any dump, so peers with the same configuration exist;
 * then the tags their reporters apply ({@link DemoTags}: the terms of their own notes, found as the import maps each
 * report), imported as a tags file, so moderators have a taxonomy at work on first start.
 *
 * <p>Resumable: a checkpoint ({@code ImportCheckpoint} {@value #CHECKPOINT}) says the load started, then that it
 * completed. A load stopped between the two (a crash after the reports, before the tags) is done again on the next
 * start; both imports are idempotent (the reports already committed count as unchanged, tags are keyed by report,
 * customer and label), so it only adds what is missing.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String RESOURCE = "/demo/protondb-demo.json.gz";
    static final String CHECKPOINT = "demo-data";
    private static final long STARTED = 1;
    private static final long COMPLETED = 2;
    private static final int BATCH = 1000;

    private DemoData() {}

    /** What a demo load imported: the reports, then their tags. */
    public record Loaded(ImportRun reports, ImportRun tags) {
        public boolean succeeded() {
            return reports.succeeded() && tags.succeeded();
        }
    }

    /**
     * Imports the demo reports and tags when the store holds no report yet, or finishes a demo load an earlier start
     * began and did not complete; empty when it did nothing.
     */
    public static Optional<Loaded> loadIfNeeded(GraphConnection graph) {
        long done = ImportCheckpoints.position(graph, CHECKPOINT);
        if (done == COMPLETED || (done < STARTED && !EmptyGraph.holdsNoReport(graph))) {
            return Optional.empty();
        }
        return Optional.of(load(graph));
    }

    /** Imports the demo reports and tags (a no-op for those already there). */
    public static Loaded load(GraphConnection graph) {
        return withStaged(graph, (dir, reports) -> {
            Path tagsFile = dir.resolve("demo-tags.jsonl");
            ImportRun tags = ImportCommand.run(graph, "jsonl:tags", List.of(tagsFile), dir.resolve("rejected-tags.jsonl"), BATCH,
                    Progress.none());
            tags.summary().forEach(line -> log.info("Demo tags: {}", line));
            if (reports.succeeded() && tags.succeeded()) {
                ImportCheckpoints.save(graph, CHECKPOINT, RESOURCE, COMPLETED);
            }
            return new Loaded(reports, tags);
        });
    }

    /** The first step alone, as a load stopped before its tags leaves the store: for tests of resuming. */
    static ImportRun loadReportsOnly(GraphConnection graph) {
        return withStaged(graph, (dir, reports) -> reports);
    }

    /**
     * Marks the load started, stages the demo file, imports its reports while {@link DemoTags} writes their tags to
     * {@code demo-tags.jsonl} beside it, then hands both to {@code next}; the staging directory is deleted after.
     */
    private static <T> T withStaged(GraphConnection graph, BiFunction<Path, ImportRun, T> next) {
        ImportCheckpoints.save(graph, CHECKPOINT, RESOURCE, STARTED);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("peergraph-demo");
            Path file = dir.resolve("protondb-demo.json.gz");
            try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ImportRun reports;
            ImportEngine engine = new ImportEngine(graph, ImportEngine.Options.defaults().withBatchSize(BATCH));
            try (Writer tags = Files.newBufferedWriter(dir.resolve("demo-tags.jsonl"));
                 DeadLetterFile deadLetters = new DeadLetterFile(dir.resolve("rejected.jsonl"))) {
                // Named as ImportFormat.ProtonDb names it: the same checkpoint as `import protondb` of this file.
                reports = engine.run("protondb", file, new JsonArrayRecords(file),
                        DemoTags.bundled().tagging(new ProtonDbMapper(GpuCatalog.bundled()), tags), new ProtonDbWriter(), deadLetters);
            }
            reports.summary().forEach(line -> log.info("Demo data: {}", line));
            return next.apply(dir, reports);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the demo data", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("Cannot delete the demo's staging directory {}: {}", dir, e.toString());
        }
    }
}
