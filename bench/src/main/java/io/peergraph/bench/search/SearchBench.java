package io.peergraph.bench.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.msearch.MultisearchBody;
import io.peergraph.bench.Options;
import io.peergraph.bench.generate.CaseCorpus;
import io.peergraph.bench.generate.CommunityShape;
import io.peergraph.bench.generate.SyntheticCommunity;
import io.peergraph.bench.peers.Latencies;
import io.peergraph.graph.access.Viewer;
import io.peergraph.search.cases.CaseFilter;
import io.peergraph.search.cases.CasePage;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.cases.ElasticCaseSearch;
import io.peergraph.search.cases.ElasticSimilarCases;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.semantic.EmbeddingModel;
import io.peergraph.search.server.ServerSettings;
import io.peergraph.search.sync.CaseDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Search at scale against the real managed Elasticsearch, started here as the service starts it: bulk indexing
 * rate into a fresh cases index (as the relay and reindex write: external versions, through the alias), then
 * {@code searchCases} (a mix of text, filters and facets, for support staff and customers) and {@code similarCases}
 * (by report: its title, text, configuration, symptoms, product), warm-up first, p50/p90/p99/max per query kind.
 * The baseline is a plain BM25 multi_match on title and text with the same report texts, in the same run.
 * With {@code --semantic-model bge-small} (or minilm) every case is embedded first (rate, CPU and memory printed),
 * indexed with its vector, and both searches use the semantic signal (the question embedded on the request thread);
 * the vectors are kept in a file between runs ({@link CaseVectors}). With {@code --write-rate}, both searches run
 * again while cases are written through the service's write path ({@link WritesDuringSearch}): index lag, queue,
 * memory, and the latency during writes against before.
 */
public final class SearchBench {

    private static final Set<String> OPTIONS = Set.of("customers", "seed", "queries", "warmup", "es-heap", "data-dir",
            "bulk-size", "bulk-threads", "semantic-model", "vectors", "embed-threads", "embed-only", "compact",
            "write-rate", "write-seconds", "drain-seconds", "sample-seconds", "cases", "es-port");

    /** One measured request and a count of what it found, so that empty answers show up. */
    private interface Request {
        long run() throws IOException;
    }

    private record Named(String kind, Request request, Question question) {
        /** A searchCases question with text, for the breakdown variants. */
        record Question(Viewer viewer, CaseQuery query) {}

        Named(String kind, Request request) {
            this(kind, request, null);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        int customers = options.integer("customers", 100_000);
        long seed = options.integer("seed", 42);
        int queries = options.integer("queries", 1000);
        int warmup = options.integer("warmup", 300);
        int bulkSize = options.integer("bulk-size", 1000);
        int bulkThreads = options.integer("bulk-threads", 2);
        Path dataDir = Path.of(options.string("data-dir", "bench/target/search-es")).toAbsolutePath();
        EmbeddingModel model = EmbeddingModel.fromKey(options.string("semantic-model", "none"));
        double writeRate = Double.parseDouble(options.string("write-rate", "0"));
        int writeSeconds = options.integer("write-seconds", 300);
        if (writeRate > 0 && !model.enabled()) {
            throw new IllegalArgumentException("--write-rate measures the embedding queue: give a --semantic-model");
        }
        System.out.printf("load average at start: %s%n", loadAverage());

        long t0 = System.nanoTime();
        CaseCorpus corpus = new CaseCorpus(new SyntheticCommunity(CommunityShape.of(customers, seed)));
        List<CaseDocument> cases = new ArrayList<>();
        corpus.cases(0, customers, cases::add);
        int limit = options.integer("cases", cases.size());
        if (limit < cases.size()) { // the first cases of the same community: a prefix of its vectors file
            cases = new ArrayList<>(cases.subList(0, limit));
        }
        System.out.printf("generated %,d cases of %,d customers in %.1f s%n", cases.size(), customers, (System.nanoTime() - t0) / 1e9);
        CaseEmbedder embedder = CaseEmbedder.of(model);
        List<Object> sources = new ArrayList<>(cases);
        if (embedder != null) {
            Path vectors = Path.of(options.string("vectors", "bench/target/search-vectors/%s-%d-%d.f32".formatted(model.key(), customers, seed)));
            sources = CaseVectors.of(embedder, cases, vectors, options.integer("embed-threads", 1));
            if (Boolean.parseBoolean(options.string("embed-only", "false"))) {
                return;
            }
        }

        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        ServerSettings settings = ServerSettings.defaults(dataDir).withHeap(options.string("es-heap", "1g"))
                .withStartTimeout(java.time.Duration.ofMinutes(5)).withHttpPort(options.integer("es-port", 0));
        try (ElasticsearchServer server = ElasticsearchServer.start(settings)) {
            ElasticsearchClient client = SearchClientFactory.create(server.uri(), server.credentials());
            IndexAdmin admin = new IndexAdmin(client, model);
            admin.pointAlias(SearchIndex.CASES, admin.createPhysical(SearchIndex.CASES));

            String loadBefore = loadAverage();
            long bulkStart = System.nanoTime();
            bulkIndex(client, sources, bulkSize, bulkThreads);
            admin.refresh(SearchIndex.CASES);
            double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
            long indexed = client.count(c -> c.index(SearchIndex.CASES.alias())).count();
            System.out.printf("bulk indexing: %,d cases in %.1f s = %,.0f docs/s (%d per request, %d in flight, refresh included; load %s -> %s)%n",
                    indexed, bulkSeconds, indexed / bulkSeconds, bulkSize, bulkThreads, loadBefore, loadAverage());
            if (indexed != cases.size()) {
                throw new IllegalStateException("indexed " + indexed + " of " + cases.size());
            }
            String physical = admin.aliasTargets(SearchIndex.CASES).iterator().next();
            long segmentsBefore = admin.segments(physical);
            if (Boolean.parseBoolean(options.string("compact", "true"))) {
                // As the service's rebuild does before it points the alias (Reindexer).
                long mergeStart = System.nanoTime();
                admin.compact(physical);
                System.out.printf("merged into one segment as a rebuild does: %d -> %d segments in %.1f s (load %s)%n",
                        segmentsBefore, admin.segments(physical), (System.nanoTime() - mergeStart) / 1e9, loadAverage());
            } else {
                System.out.printf("not merged (--compact false): %d segments%n", segmentsBefore);
            }

            sources = null; // the vectors are in the index now
            SplittableRandom random = new SplittableRandom(seed);
            ElasticCaseSearch caseSearch = new ElasticCaseSearch(client, embedder);
            ElasticSimilarCases similarCases = new ElasticSimilarCases(client, embedder);
            List<Named> search = searchMix(caseSearch, corpus, cases, random, warmup + queries);
            if (embedder != null) { // where a semantic searchCases' time goes: the question's embedding, the words alone
                search = withBreakdown(search, embedder, new ElasticCaseSearch(client));
            }
            List<Named> similar = similarMix(similarCases, client, cases, random, warmup + queries);
            long encodedBefore = embedder == null ? 0 : embedder.encoded();
            Map<String, Latencies.Summary> searchBefore = measure("searchCases", search, warmup, 0);
            if (embedder != null) {
                long breakdown = search.stream().filter(n -> n.question() != null).count();
                System.out.printf("texts run through the model during searchCases: %,d for %,d searches with text (the breakdown's own %,d excluded);"
                                + " %,d questions kept%n", embedder.encoded() - encodedBefore - breakdown,
                        search.stream().filter(n -> n.question() != null || n.kind().startsWith("variant: text")).count(), breakdown, embedder.questionsKept());
            }
            Map<String, Latencies.Summary> similarBefore = measure("similarCases", similar, warmup, 0);
            if (writeRate > 0) {
                System.gc();
                System.out.printf("%nbefore writes: bench heap used after GC %d MB, bench RSS %d MB, Elasticsearch RSS %d MB%n",
                        java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                        WritesDuringSearch.rssMb("self"), WritesDuringSearch.rssMb(String.valueOf(server.pid())));
                try (WritesDuringSearch writes = new WritesDuringSearch(client, embedder, cases, server.pid(), seed)) {
                    writes.startPipeline(options.integer("sample-seconds", 15));
                    long began = System.nanoTime();
                    Future<?> written = writes.writeAt(writeRate, writeSeconds);
                    System.out.printf("writing %.1f cases/s for %d s while searching (load %s)%n", writeRate, writeSeconds, loadAverage());
                    Map<String, Latencies.Summary> searchDuring = measure("searchCases during writes",
                            searchMix(caseSearch, corpus, cases, random, queries), 0, began + writeSeconds * 500_000_000L);
                    Map<String, Latencies.Summary> similarDuring = measure("similarCases during writes",
                            similarMix(similarCases, client, cases, random, queries), 0, began + writeSeconds * 1_000_000_000L);
                    written.get();
                    double drained = writes.drain(options.integer("drain-seconds", 900));
                    System.out.printf("%nwrites stopped; %.1f s more until every write was visible with its vector (or the drain limit)%n", drained);
                    System.out.printf("%n| figure | before writes p50 / p99 ms | during writes p50 / p99 ms | ratio p50 / p99 |%n|---|---|---|---|%n");
                    ratio("all searchCases", searchBefore.get("all"), searchDuring.get("all"));
                    ratio("similarCases by report", similarBefore.get("similarCases by report"), similarDuring.get("similarCases by report"));
                    ratio("baseline: BM25 multi_match", similarBefore.get("baseline: BM25 multi_match title+text"),
                            similarDuring.get("baseline: BM25 multi_match title+text"));
                    writes.report();
                }
            }
            System.out.printf("load average at end: %s%n", loadAverage());
            client._transport().close();
        }
    }

    /** Bulk requests of {@code size} cases, {@code threads} in flight, version 1 external as the indexer writes. */
    private static void bulkIndex(ElasticsearchClient client, List<Object> cases, int size, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> pending = new ArrayList<>();
            for (int from = 0; from < cases.size(); from += size) {
                List<Object> batch = cases.subList(from, Math.min(cases.size(), from + size));
                pending.add(pool.submit(() -> {
                    List<BulkOperation> ops = batch.stream().map(doc -> BulkOperation.of(b -> b.index(i -> i.index(SearchIndex.CASES.alias())
                            .id(doc instanceof EmbeddedCase e ? e.document().id() : ((CaseDocument) doc).id()).version(1L).versionType(VersionType.External).document(doc)))).toList();
                    BulkResponse response = client.bulk(b -> b.operations(ops).requireAlias(true));
                    if (response.errors()) {
                        throw new IllegalStateException("bulk errors, first: " + response.items().stream()
                                .filter(item -> item.error() != null).findFirst().map(item -> item.error().reason()).orElse("?"));
                    }
                    return null;
                }));
                if (pending.size() >= threads * 4) { // bounded: never more than a few requests queued
                    pending.removeFirst().get();
                }
            }
            for (Future<?> f : pending) {
                f.get();
            }
        }
    }

    /**
     * What support staff and customers type: words of a case's symptom and circumstances, alone or with a product,
     * a symptom and a status, a configuration item and a date range (no text: the newest first). Every request asks
     * for 20 hits with facets and highlights, as the API does.
     */
    private static List<Named> searchMix(ElasticCaseSearch search, CaseCorpus corpus, List<CaseDocument> cases, SplittableRandom random, int count) {
        Viewer support = Viewer.support("cus_benchsupportaaaaaaaa");
        List<String> popularItems = corpus.popularItemIds(3);
        List<Named> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CaseDocument doc = cases.get(random.nextInt(cases.size()));
            Viewer customer = Viewer.customer(cases.get(random.nextInt(cases.size())).ownerId());
            String symptomWords = doc.symptomNames().getFirst().toLowerCase();
            String[] titleWords = doc.title().toLowerCase().split(" ");
            String someWords = titleWords[random.nextInt(titleWords.length)] + " " + titleWords[random.nextInt(titleWords.length)];
            Instant end = Instant.parse(doc.occurredAt());
            CaseQuery textSupport = new CaseQuery(symptomWords + " " + someWords, CaseFilter.none(), 20, null);
            CaseQuery textProduct = new CaseQuery(symptomWords, new CaseFilter(doc.productId(), List.of(), List.of(), List.of(), List.of(), null, null, List.of()), 20, null);
            CaseQuery textSymptom = new CaseQuery(someWords, new CaseFilter(null, doc.symptomIds(), List.of(), List.of("OPEN", "SOLVED"), List.of(), null, null, List.of()), 20, null);
            Named request = switch (i % 4) {
                case 0 -> new Named("text (support)", () -> hits(search.search(support, textSupport)), new Named.Question(support, textSupport));
                case 1 -> new Named("text + product (customer)", () -> hits(search.search(customer, textProduct)), new Named.Question(customer, textProduct));
                case 2 -> new Named("text + symptom + status (support)", () -> hits(search.search(support, textSymptom)), new Named.Question(support, textSymptom));
                default -> new Named("item + 90 days, newest first (support)", () -> hits(search.search(support,
                        new CaseQuery(null, new CaseFilter(null, List.of(), List.of(popularItems.get(random.nextInt(popularItems.size()))), List.of(),
                                List.of(), end.minus(90, ChronoUnit.DAYS), end, List.of()), 20, null))));
            };
            out.add(request);
            if (i % 4 == 0) { // the same question from a client that selects neither the total nor the facets
                out.add(new Named("variant: text (support), hits only", () -> search.search(support,
                        new CaseQuery(symptomWords + " " + someWords, CaseFilter.none(), 20, null, false, false)).hits().size()));
            }
        }
        return out;
    }

    /**
     * After each text search, two variants that are not in "all": the same question embedded alone on this thread (the
     * model's own call, no cache) and the same search without the model (words only). They run after the measured
     * request, so they do not warm it; the words-only search is warmed by it (the same postings were just read).
     */
    private static List<Named> withBreakdown(List<Named> requests, CaseEmbedder embedder, ElasticCaseSearch wordsOnly) {
        List<Named> out = new ArrayList<>();
        for (Named named : requests) {
            out.add(named);
            if (named.question() != null) {
                Named.Question q = named.question();
                out.add(new Named("variant: breakdown, the question embedded alone", () -> embedder.embed(embedder.input(null, q.query().text())).length));
                out.add(new Named("variant: breakdown, the same search without the model", () -> hits(wordsOnly.search(q.viewer(), q.query()))));
            }
        }
        return out;
    }

    /** similarCases for a report (as the API builds it from the graph) against BM25 multi_match on the same text. */
    private static List<Named> similarMix(ElasticSimilarCases similar, ElasticsearchClient client, List<CaseDocument> cases, SplittableRandom random, int count)
            throws IOException {
        List<Named> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CaseDocument doc = cases.get(random.nextInt(cases.size()));
            Viewer viewer = i % 2 == 0 ? Viewer.support("cus_benchsupportaaaaaaaa") : Viewer.customer(doc.ownerId());
            SimilarQuery query = new SimilarQuery(doc.id(), doc.title(), doc.text(), doc.configItemIds(), doc.symptomIds(), doc.productId(), 10);
            out.add(new Named("similarCases by report", () -> similar.find(viewer, query).size()));
            if (i % 4 == 0) { // each signal alone for every fourth report, as find sends it: which signal costs what
                for (Map.Entry<String, MultisearchBody> signal : similar.signalSearches(viewer, query).entrySet()) {
                    out.add(new Named("signal alone: " + signal.getKey(), () -> client.msearch(m -> m.searches(r -> r
                            .header(h -> h.index(SearchIndex.CASES.alias())).body(signal.getValue())), Void.class)
                            .responses().getFirst().result().hits().hits().size()));
                }
            }
            out.add(new Named("baseline: BM25 multi_match title+text", () -> client.search(s -> s.index(SearchIndex.CASES.alias())
                    .query(q -> q.multiMatch(m -> m.query(doc.title() + "\n" + doc.text()).fields("title", "text").type(TextQueryType.BestFields)))
                    .size(10).source(src -> src.fetch(false)), Void.class).hits().hits().size()));
        }
        return out;
    }

    private static long hits(CasePage page) {
        return page.total();
    }

    private static void ratio(String figure, Latencies.Summary before, Latencies.Summary during) {
        if (before == null || during == null) {
            return;
        }
        System.out.printf("| %s | %.1f / %.1f | %.1f / %.1f | %.2f / %.2f |%n", figure, before.p50(), before.p99(), during.p50(), during.p99(),
                during.p50() / before.p50(), during.p99() / before.p99());
    }

    /**
     * Warm-up over the first requests of each kind, then one measured pass over the rest, interleaved as listed;
     * with a {@code deadline} (System.nanoTime, 0 for none), the list is gone through again and again until then.
     * Returns the summary per kind and, as "all", over the kinds that are not a baseline, a signal or a variant.
     */
    private static Map<String, Latencies.Summary> measure(String title, List<Named> requests, int warmup, long deadline) throws IOException {
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, long[]> found = new LinkedHashMap<>();
        Latencies all = new Latencies();
        int kinds = (int) requests.stream().map(Named::kind).distinct().count();
        String loadBefore = loadAverage();
        for (int r = 0; deadline == 0 ? r < requests.size() : System.nanoTime() < deadline; r++) {
            Named named = requests.get(r % requests.size());
            int n = seen.merge(named.kind(), 1, Integer::sum);
            if (n <= warmup / kinds) {
                named.request().run();
                continue;
            }
            long start = System.nanoTime();
            long result = named.request().run();
            long elapsed = System.nanoTime() - start;
            latencies.computeIfAbsent(named.kind(), k -> new Latencies()).add(elapsed);
            if (!named.kind().startsWith("baseline") && !named.kind().startsWith("signal alone") && !named.kind().startsWith("variant")) {
                all.add(elapsed);
            }
            long[] f = found.computeIfAbsent(named.kind(), k -> new long[2]);
            f[0] += result;
            f[1] += result == 0 ? 1 : 0;
        }
        System.out.printf("%n%s (load %s -> %s)%n", title, loadBefore, loadAverage());
        System.out.printf("| query | n | p50 ms | p90 ms | p99 ms | max ms | mean found | empty |%n|---|---|---|---|---|---|---|---|%n");
        latencies.forEach((kind, l) -> print(kind, l.summary(), found.get(kind)));
        if (latencies.size() > 1) {
            print("**all " + title + "**", all.summary(), null);
        }
        Map<String, Latencies.Summary> out = new LinkedHashMap<>();
        latencies.forEach((kind, l) -> out.put(kind, l.summary()));
        out.put("all", all.summary());
        return out;
    }

    private static void print(String kind, Latencies.Summary s, long[] found) {
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %s | %s |%n", kind, s.count(), s.p50(), s.p90(), s.p99(), s.max(),
                found == null ? "" : "%,.0f".formatted((double) found[0] / s.count()), found == null ? "" : String.valueOf(found[1]));
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
