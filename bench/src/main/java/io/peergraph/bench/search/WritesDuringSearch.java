package io.peergraph.bench.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.bench.peers.Latencies;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.semantic.EmbeddingQueue;
import io.peergraph.search.sync.BulkWriter;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.search.sync.GraphDocuments;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes at a steady rate into the live cases index through the service's own write path while searches run:
 * a write is "committed" (as a report saved with its outbox event), and every 500 ms (the service's
 * {@code relay-delay}) what was committed since goes through the product's {@link BulkWriter} with the service's
 * {@link EmbeddingQueue} (capacity 2,000, one worker) behind it, and {@link EmbeddingQueue#backfill} runs every 10 s
 * as the service schedules it. Only the outbox feed and the graph read are replaced: the graph is the map of
 * generated cases here ({@link CorpusDocuments}), the outbox a list of committed writes.
 * <p>
 * A write is a new case (half of them; the text of another case, so it must be embedded), a text edit of an
 * existing case (a quarter; embedded again) or a status change (a quarter; same text, so BulkWriter reuses the
 * vector). A prober searches the alias for the written ids (a search, so it sees what a refresh made visible) and
 * notes when each is visible at its version (the text lag) and when it carries the vector of its text (the vector
 * lag), from the commit. Resolution: 100 ms for text, 500 ms for vectors. A case written again before its first
 * write was seen counts the newer write only (the older is in "n" but not "seen").
 */
final class WritesDuringSearch implements AutoCloseable {

    /** One committed write and when it became visible. */
    private static final class Write {
        final String id;
        final String kind;
        final long version;
        final String key;
        final long committed = System.nanoTime();
        volatile long textSeen;
        volatile long vectorSeen;

        Write(String id, String kind, long version, String key) {
            this.id = id;
            this.kind = kind;
            this.version = version;
            this.key = key;
        }
    }

    /** The graph as the relay reads it: the current document of each case, by id. */
    private static final class CorpusDocuments extends GraphDocuments {
        private final Map<String, CaseDocument> cases = new ConcurrentHashMap<>();

        CorpusDocuments() {
            super(null);
        }

        @Override
        public Map<String, Object> load(SearchIndex index, Collection<String> ids) {
            Map<String, Object> out = new HashMap<>();
            ids.forEach(id -> {
                CaseDocument doc = cases.get(id);
                if (doc != null) {
                    out.put(id, doc);
                }
            });
            return out;
        }
    }

    private final ElasticsearchClient client;
    private final CaseEmbedder embedder;
    private final List<CaseDocument> existing;
    private final CorpusDocuments graph = new CorpusDocuments();
    private final EmbeddingQueue queue;
    private final BulkWriter writer;
    private final long esPid;
    private final SplittableRandom random;
    private final Map<String, Long> outbox = new LinkedHashMap<>();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Write> textPending = new ConcurrentHashMap<>();
    private final Map<String, Write> vectorPending = new ConcurrentHashMap<>();
    private final Latencies relayBulks = new Latencies();
    private final AtomicLong sequence = new AtomicLong(1_000_000); // above the version 1 of the bulk load
    private final AtomicLong relayFailures = new AtomicLong();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(8);
    private final long started = System.nanoTime();

    WritesDuringSearch(ElasticsearchClient client, CaseEmbedder embedder, List<CaseDocument> cases, long esPid, long seed) {
        this.client = client;
        this.embedder = embedder;
        this.existing = cases;
        cases.forEach(c -> graph.cases.put(c.id(), c));
        this.queue = new EmbeddingQueue(client, embedder, 2_000); // peergraph.search.embedding-queue's default
        this.writer = new BulkWriter(client, graph, queue);
        this.esPid = esPid;
        this.random = new SplittableRandom(seed ^ 0x5eed);
    }

    /** Starts the relay, the backfill, the prober and a sampler printing every {@code sampleSeconds}; no writes yet. */
    void startPipeline(int sampleSeconds) {
        threads.scheduleWithFixedDelay(this::relayTick, 1000, 500, TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(() -> {
            try {
                queue.backfill(500);
            } catch (IOException | RuntimeException e) {
                System.out.println("backfill skipped: " + e);
            }
        }, 10, 10, TimeUnit.SECONDS);
        threads.scheduleWithFixedDelay(() -> probe(textPending, false), 100, 100, TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(() -> probe(vectorPending, true), 500, 500, TimeUnit.MILLISECONDS);
        System.out.printf("%n| s | written | text not visible | vector not visible | queue pending | embedded | deferred | superseded | failed | embed docs/s | bench heap used MB | bench RSS MB | ES RSS MB | load |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n");
        threads.scheduleAtFixedRate(this::sample, 0, sampleSeconds, TimeUnit.SECONDS);
    }

    /** Commits {@code rate} writes per second for {@code seconds} on a thread of its own; returns at once. */
    Future<?> writeAt(double rate, int seconds) {
        long period = (long) (1e9 / rate);
        long count = (long) (rate * seconds);
        AtomicLong done = new AtomicLong();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        var task = threads.scheduleAtFixedRate(() -> {
            long n = done.getAndIncrement();
            if (n >= count) {
                finished.complete(null); // cancels this schedule
                return;
            }
            commitOne(n);
        }, 0, period, TimeUnit.NANOSECONDS);
        return finished.whenComplete((v, e) -> task.cancel(false));
    }

    /** A report saved: the graph changes and its outbox event is committed; the relay picks it up. */
    private void commitOne(long n) {
        CaseDocument base = existing.get(random.nextInt(existing.size()));
        CaseDocument doc;
        String kind;
        if (n % 4 < 2) {
            CaseDocument other = existing.get(random.nextInt(existing.size()));
            kind = "new case";
            doc = copy(base, "rep_benchwrite%09d".formatted(n), base.status(), other.title(), other.text());
        } else if (n % 4 == 2) {
            kind = "text edit";
            doc = copy(graph.cases.get(base.id()), base.id(), base.status(), base.title(),
                    graph.cases.get(base.id()).text() + "\nUpdate " + n + ": the fix did not hold after a restart.");
        } else {
            kind = "status change";
            CaseDocument now = graph.cases.get(base.id());
            doc = copy(now, base.id(), "SOLVED".equals(now.status()) ? "OPEN" : "SOLVED", now.title(), now.text());
        }
        long version = sequence.incrementAndGet();
        Write write = new Write(doc.id(), kind, version, EmbeddedCase.key(embedder.model(), embedder.input(doc.title(), doc.text())));
        synchronized (outbox) {
            graph.cases.put(doc.id(), doc);
            outbox.put(doc.id(), version);
        }
        writes.add(write);
        textPending.put(doc.id(), write);
        vectorPending.put(doc.id(), write);
    }

    private static CaseDocument copy(CaseDocument d, String id, String status, String title, String text) {
        return CaseDocument.of(id, d.ownerId(), d.privacy(), status, title, text, d.interactions(), d.channels(), d.outcomes(),
                d.productId(), d.productName(), d.symptomIds(), d.symptomKeys(), d.symptomNames(), d.configItemIds(),
                d.configItems(), d.tags(), d.occurredAt(), d.updatedAt());
    }

    /** The relay's turn: what was committed since the last one, one BulkWriter call. */
    private void relayTick() {
        Map<String, Long> batch;
        synchronized (outbox) {
            if (outbox.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(outbox);
            outbox.clear();
        }
        long began = System.nanoTime();
        try {
            writer.write(SearchIndex.CASES, SearchIndex.CASES.alias(), batch);
            relayBulks.add(System.nanoTime() - began);
        } catch (IOException | RuntimeException e) {
            relayFailures.incrementAndGet();
            synchronized (outbox) { // the relay keeps its cursor: the same events again next turn
                batch.forEach((id, v) -> outbox.merge(id, v, Math::max));
            }
        }
    }

    /** One search for the pending ids: visible at the written version (text), with the written text's vector. */
    private void probe(Map<String, Write> pending, boolean vector) {
        if (pending.isEmpty()) {
            return;
        }
        List<String> ids = pending.keySet().stream().limit(5_000).toList();
        try {
            List<Hit<JsonNode>> hits = client.search(s -> s.index(SearchIndex.CASES.alias()).size(ids.size()).version(true)
                    .query(q -> q.ids(i -> i.values(ids))).source(src -> src.filter(f -> f.includes("embeddingKey"))), JsonNode.class).hits().hits();
            long now = System.nanoTime();
            for (Hit<JsonNode> hit : hits) {
                Write w = pending.get(hit.id());
                if (w == null || hit.version() == null || hit.version() < w.version) {
                    continue;
                }
                if (!vector) {
                    w.textSeen = now;
                    pending.remove(w.id, w);
                } else if (hit.source() != null && w.key.equals(hit.source().path("embeddingKey").asText(null))) {
                    w.vectorSeen = now;
                    pending.remove(w.id, w);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("probe failed: " + e);
        }
    }

    private void sample() {
        EmbeddingQueue.Progress p = queue.progress();
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("| %.0f | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %.1f | %d | %d | %d | %s |%n",
                (System.nanoTime() - started) / 1e9, writes.size(), textPending.size(), vectorPending.size(), p.pending(), p.embedded(),
                p.deferred(), p.superseded(), p.failed(), p.docsPerSecond(), (runtime.totalMemory() - runtime.freeMemory()) >> 20,
                rssMb("self"), rssMb(String.valueOf(esPid)), SearchBench.loadAverage());
    }

    /** Waits until every write is visible with its vector, or {@code seconds} pass; returns the seconds waited. */
    double drain(int seconds) throws InterruptedException {
        long began = System.nanoTime();
        while ((!textPending.isEmpty() || !vectorPending.isEmpty() || !outboxEmpty()) && System.nanoTime() - began < seconds * 1e9) {
            Thread.sleep(200);
        }
        return (System.nanoTime() - began) / 1e9;
    }

    private boolean outboxEmpty() {
        synchronized (outbox) {
            return outbox.isEmpty();
        }
    }

    /** The lags by kind of write, the relay's bulk calls, the queue's figures, memory after a GC. */
    void report() {
        System.out.printf("%nqueue and memory at the end (columns as above):%n");
        sample();
        List<Write> all;
        synchronized (writes) {
            all = List.copyOf(writes);
        }
        System.out.printf("%nLag from commit to visible in search (text: at its version; vector: with its text's vector)%n"
                + "| writes | n | text seen | text p50 ms | text p99 ms | text max ms | vector seen | vector p50 ms | vector p99 ms | vector max ms |%n"
                + "|---|---|---|---|---|---|---|---|---|---|%n");
        Map<String, List<Write>> byKind = new LinkedHashMap<>();
        byKind.put("all", all);
        all.forEach(w -> byKind.computeIfAbsent(w.kind, k -> new ArrayList<>()).add(w));
        byKind.forEach((kind, list) -> {
            Latencies text = new Latencies();
            Latencies vector = new Latencies();
            list.stream().filter(w -> w.textSeen > 0).forEach(w -> text.add(w.textSeen - w.committed));
            list.stream().filter(w -> w.vectorSeen > 0).forEach(w -> vector.add(w.vectorSeen - w.committed));
            Latencies.Summary t = text.count() == 0 ? null : text.summary();
            Latencies.Summary v = vector.count() == 0 ? null : vector.summary();
            System.out.printf("| %s | %,d | %,d | %s | %s | %s | %,d | %s | %s | %s |%n", kind, list.size(), text.count(),
                    t == null ? "—" : "%.0f".formatted(t.p50()), t == null ? "—" : "%.0f".formatted(t.p99()), t == null ? "—" : "%.0f".formatted(t.max()),
                    vector.count(), v == null ? "—" : "%.0f".formatted(v.p50()), v == null ? "—" : "%.0f".formatted(v.p99()), v == null ? "—" : "%.0f".formatted(v.max()));
        });
        if (relayBulks.count() > 0) {
            Latencies.Summary r = relayBulks.summary();
            System.out.printf("relay turns (BulkWriter.write, multi-get of held vectors + bulk): %d, p50 %.1f / p99 %.1f / max %.1f ms; failed turns %d%n",
                    r.count(), r.p50(), r.p99(), r.max(), relayFailures.get());
        }
        System.gc();
        long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("bench JVM (model, queue, the generated cases): heap used after GC %d MB, RSS %d MB; Elasticsearch RSS %d MB%n",
                heapAfterGc >> 20, rssMb("self"), rssMb(String.valueOf(esPid)));
    }

    static long rssMb(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        threads.shutdownNow();
        queue.close();
    }
}
