package io.peergraph.ingest.demo;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.imports.EmptyGraph;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo dataset: ~3,000 real ProtonDB reports (see demo/ATTRIBUTION.md) on a few dozen popular games and
 * common GPUs, imported through the ProtonDB adapter like any dump, so peers with the same configuration exist;
 * then the tags their reporters apply ({@link DemoTags}: the terms of their own notes), imported as a tags file, so
 * moderators have a taxonomy at work on first start.
 */
public final class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String RESOURCE = "/demo/protondb-demo.json.gz";

    private DemoData() {}

    /** What a demo load imported: the reports, then their tags. */
    public record Loaded(ImportRun reports, ImportRun tags) {
        public boolean succeeded() {
            return reports.succeeded() && tags.succeeded();
        }
    }

    /** Imports the demo reports and tags when the store holds no report yet; empty when it did nothing. */
    public static Optional<Loaded> loadIfEmpty(GraphConnection graph) {
        if (!EmptyGraph.holdsNoReport(graph)) {
            return Optional.empty();
        }
        return Optional.of(load(graph));
    }

    /** Imports the demo reports and tags (a no-op for those already there). */
    public static Loaded load(GraphConnection graph) {
        try {
            Path dir = Files.createTempDirectory("peergraph-demo");
            Path file = dir.resolve("protondb-demo.json.gz");
            try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            ImportRun reports = ImportCommand.run(graph, "protondb", List.of(file), dir.resolve("rejected.jsonl"), 1000,
                    Progress.none());
            reports.summary().forEach(line -> log.info("Demo data: {}", line));
            Path tagsFile = dir.resolve("demo-tags.jsonl");
            DemoTags.bundled().write(file, tagsFile);
            ImportRun tags = ImportCommand.run(graph, "jsonl:tags", List.of(tagsFile), dir.resolve("rejected-tags.jsonl"), 1000,
                    Progress.none());
            tags.summary().forEach(line -> log.info("Demo tags: {}", line));
            Files.deleteIfExists(file);
            Files.deleteIfExists(tagsFile);
            return new Loaded(reports, tags);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the demo data", e);
        }
    }
}
