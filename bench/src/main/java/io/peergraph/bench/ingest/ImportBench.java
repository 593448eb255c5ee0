package io.peergraph.bench.ingest;

import io.peergraph.bench.Options;
import io.peergraph.bench.generate.CommunityShape;
import io.peergraph.bench.generate.GeneratedStore;
import io.peergraph.bench.generate.GenericFiles;
import io.peergraph.bench.generate.SyntheticCommunity;
import io.peergraph.bench.peers.Latencies;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.neo4j.driver.Driver;

/**
 * Import throughput through the real importer ({@code ImportFormat} → {@code ImportEngine}, as
 * {@code ./peergraph import} runs it) into a fresh embedded Neo4j per run:
 * <ol>
 *   <li>the ProtonDB dump (normalisation included), several runs: wall time, reports/s, relationships/s per run,
 *       their median and worst, and p50/p99 of the batch times over all runs;</li>
 *   <li>a generated community in the generic format (JSON Lines, {@link GenericFiles}), one run, file by file:
 *       records/s, relationships/s, batch p50/p99, and the heap used after a full GC sampled during the run,
 *       which stays flat when the file streams (run it with a heap smaller than the files to show it).</li>
 * </ol>
 */
public final class ImportBench {

    static final Set<String> OPTIONS = Set.of("dump", "runs", "customers", "seed", "work-dir", "batch-size", "page-cache",
            "heap-interval", "only");

    public static void main(String[] args) throws IOException {
        Options options = new Options(args, OPTIONS);
        Path work = Path.of(options.string("work-dir", "bench/target/import"));
        int batchSize = options.integer("batch-size", 1000);
        long pageCache = options.bytes("page-cache", "1g");
        String only = options.string("only", "all");
        System.out.printf("JVM: %d cores, max heap %d MiB; batch size %d, page cache %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, batchSize, pageCache >> 20);

        if (!only.equals("generated")) {
            Path dump = Path.of(options.string("dump", ""));
            if (!Files.isRegularFile(dump)) {
                System.out.println("\nProtonDB dump: skipped, " + dump.toAbsolutePath() + " is absent (../shared/data is not beside this clone)");
            } else {
                dumpRuns(dump, options.integer("runs", 3), work, batchSize, pageCache);
            }
        }
        if (!only.equals("dump")) {
            CommunityShape shape = CommunityShape.of(options.integer("customers", 333_334), options.integer("seed", 42));
            generated(shape, work, batchSize, pageCache, options.integer("heap-interval", 15));
        }
    }

    private static void dumpRuns(Path dump, int runs, Path work, int batchSize, long pageCache) {
        System.out.printf("%nProtonDB dump %s (%,d bytes), %d runs, each into an empty store%n", dump, dump.toFile().length(), runs);
        Latencies runTimes = new Latencies();
        Latencies batchTimes = new Latencies();
        List<Double> reportRates = new ArrayList<>();
        List<Double> relationshipRates = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try (Store store = Store.fresh(work.resolve("dump-store"), pageCache)) {
                Measured m = store.importFile("protondb", dump, batchSize, work.resolve("dump-rejected.jsonl"), Progress.none(), batchTimes);
                runTimes.add(m.nanos);
                reportRates.add(m.nodes("Report") / m.seconds());
                relationshipRates.add(m.relationships / m.seconds());
                System.out.printf("  run %d: %s; %,d reports, %,d relationships in %.1f s (CPU %.1f s): %,.0f reports/s, %,.0f relationships/s; %s%n",
                        run, m.run.summary().getFirst(), m.nodes("Report"), m.relationships, m.seconds(), m.cpuSeconds(),
                        m.nodes("Report") / m.seconds(), m.relationships / m.seconds(),
                        m.run.summary().stream().filter(l -> l.startsWith("GPU")).findFirst().orElse(""));
            }
        }
        Latencies.Summary r = runTimes.summary();
        Latencies.Summary b = batchTimes.summary();
        System.out.printf("  wall time per run: median %.1f s, worst %.1f s (goal: under 60 s); median %,.0f reports/s, %,.0f relationships/s%n",
                r.p50() / 1000, r.max() / 1000, median(reportRates), median(relationshipRates));
        System.out.printf("  batch time (%d batches): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", b.count(), b.p50(), b.p99(), b.max());
    }

    private static void generated(CommunityShape shape, Path work, int batchSize, long pageCache, int heapIntervalSeconds) {
        Path files = work.resolve("generic-" + shape.tag());
        Path marker = files.resolve("written.properties");
        if (!Files.exists(marker)) {
            System.out.printf("%nWriting %s in the generic format to %s%n", shape, files);
            long started = System.nanoTime();
            GenericFiles.Written written = GenericFiles.write(new SyntheticCommunity(shape), files);
            Properties p = new Properties();
            written.records().forEach((k, v) -> p.setProperty(k, v.toString()));
            store(p, marker);
            System.out.printf("  %s in %.1f s%n", written.records(), (System.nanoTime() - started) / 1e9);
        }
        long bytes = GenericFiles.FILES.stream().mapToLong(f -> files.resolve(f[1]).toFile().length()).sum();
        System.out.printf("%nGenerated community %s: %,d MiB of JSON Lines (heap max %,d MiB), one run into an empty store%n",
                shape, bytes >> 20, Runtime.getRuntime().maxMemory() >> 20);
        try (Store store = Store.fresh(work.resolve("generated-store"), pageCache);
             HeapSampler heap = new HeapSampler(heapIntervalSeconds * 1000L)) {
            long totalNanos = 0;
            long totalRelationships = 0;
            for (String[] file : GenericFiles.FILES) {
                Path path = files.resolve(file[1]);
                Latencies batches = new Latencies();
                Measured m = store.importFile(file[0], path, batchSize, work.resolve("generated-rejected.jsonl"),
                        Progress.forConsole(file[0], System.err), batches);
                totalNanos += m.nanos;
                totalRelationships += m.relationships;
                Latencies.Summary b = batches.summary();
                System.out.printf("  %-22s %,d MiB: %s; %.1f s (CPU %.1f s), %,.0f records/s, %,.0f relationships/s; batch p50 %.0f ms, p99 %.0f ms%n",
                        file[0], path.toFile().length() >> 20, m.run.summary().getFirst(), m.seconds(), m.cpuSeconds(),
                        m.run.read() / m.seconds(), m.relationships / m.seconds(), b.p50(), b.p99());
            }
            List<Long> samples = heap.samplesMiB();
            System.out.printf("  all files: %.1f s, %,d relationships (%,.0f/s)%n", totalNanos / 1e9, totalRelationships,
                    totalRelationships / (totalNanos / 1e9));
            System.out.printf("  heap used after full GC every %d s (MiB): %s%n", heapIntervalSeconds, samples);
            if (!samples.isEmpty()) {
                int quarter = Math.max(1, samples.size() / 4);
                System.out.printf("  heap after GC: first quarter max %d MiB, last quarter max %d MiB, overall max %d MiB of %d MiB%n",
                        samples.subList(0, quarter).stream().max(Comparator.naturalOrder()).orElseThrow(),
                        samples.subList(samples.size() - quarter, samples.size()).stream().max(Comparator.naturalOrder()).orElseThrow(),
                        samples.stream().max(Comparator.naturalOrder()).orElseThrow(), Runtime.getRuntime().maxMemory() >> 20);
            }
            System.out.printf("  GC: %s%n", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(g -> g.getName() + " " + g.getCollectionCount() + "x " + g.getCollectionTime() + " ms").toList());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static void store(Properties p, Path file) {
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "A complete set of generated files");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one file's import did: its summary, wall time, and what it added to the graph. */
    private record Measured(ImportRun run, long nanos, long cpuNanos, long relationships, java.util.Map<String, Long> nodeCounts) {
        double seconds() {
            return nanos / 1e9;
        }

        /** CPU time of this JVM (importer and Neo4j alike) during the import: on a busy machine, steadier than wall time. */
        double cpuSeconds() {
            return cpuNanos / 1e9;
        }

        long nodes(String label) {
            return nodeCounts.getOrDefault(label, 0L);
        }
    }

    /** An empty embedded Neo4j with the schema migrations applied, deleted on close. */
    private record Store(Path dir, EmbeddedNeo4j neo4j, Driver driver) implements AutoCloseable {

        static Store fresh(Path dir, long pageCache) {
            GeneratedStore.deleteRecursively(dir);
            EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(dir, 0, pageCache);
            Driver driver = neo4j.driver();
            SchemaMigrations.apply(driver);
            return new Store(dir, neo4j, driver);
        }

        Measured importFile(String format, Path file, int batchSize, Path deadLetters, Progress progress, Latencies batchTimes) {
            long relationshipsBefore = count("MATCH ()-[r]->() RETURN count(r) AS n");
            long reportsBefore = count("MATCH (r:Report) RETURN count(r) AS n");
            long[] last = {System.nanoTime()};
            ImportEngine engine = new ImportEngine(GraphConnection.over(driver), ImportEngine.Options.defaults().withBatchSize(batchSize).withProgress(progress)
                    .withAfterCommit(batch -> {
                        long now = System.nanoTime();
                        batchTimes.add(now - last[0]);
                        last[0] = now;
                    }));
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            last[0] = started;
            ImportRun run;
            try (DeadLetterFile rejected = new DeadLetterFile(deadLetters)) {
                run = ImportFormat.parse(format).importFile(engine, file, rejected);
            }
            long nanos = System.nanoTime() - started;
            long cpuNanos = processCpuNanos() - cpuStarted;
            if (!run.succeeded()) {
                throw new IllegalStateException("The import did not succeed: " + run.summary());
            }
            return new Measured(run, nanos, cpuNanos, count("MATCH ()-[r]->() RETURN count(r) AS n") - relationshipsBefore,
                    java.util.Map.of("Report", count("MATCH (r:Report) RETURN count(r) AS n") - reportsBefore));
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private long count(String cypher) {
            return driver.executableQuery(cypher).execute().records().getFirst().get("n").asLong();
        }

        @Override
        public void close() {
            driver.close();
            neo4j.close();
            GeneratedStore.deleteRecursively(dir);
        }
    }
}
