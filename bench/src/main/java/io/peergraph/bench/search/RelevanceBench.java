package io.peergraph.bench.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.graph.access.Viewer;
import io.peergraph.search.cases.RankFusion;
import io.peergraph.search.cases.SimilarCase;
import io.peergraph.search.cases.ElasticSimilarCases;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ServerSettings;
import io.peergraph.search.semantic.CaseEmbedder;
import io.peergraph.search.semantic.EmbeddedCase;
import io.peergraph.search.semantic.EmbeddingModel;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.search.text.Stems;
import io.peergraph.bench.Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Similar-case relevance on real duplicate bug reports: every report becomes a case (summary → title,
 * description → text); for each duplicate pair whose two reports are both present, ask with one and record the
 * rank of the other. Prints recall@1/5/10 and MRR, in one run on one index, of: {@link ElasticSimilarCases} without and
 * with the semantic signal, the index's English BM25 (the stems field text search matches on: title twice, text;
 * the baseline to beat), plain BM25 (multi_match on title and text, standard analyzer), the semantic signal alone
 * (kNN on the case embeddings) and RRF(English BM25, semantic); then, against English BM25 and against
 * similarCases, a paired bootstrap 95 % interval of each method's MRR difference and ratio. Also the embedding and
 * bulk indexing rates and similarCases latency.
 *
 * <p>Options: {@code --bugs FILE --pairs FILE} (default: SeaMonkey's in ../shared/data/bugs; skipped with a message
 * when absent), {@code --uri URI} (default: a managed server started here on {@code --data-dir}; note it points the
 * cases alias of that cluster at a bench index), {@code --common-word-share S} (the text signal's cut-off,
 * default {@link ElasticSimilarCases#COMMON_TERM_SHARE}; 1 keeps every term), {@code --model none|minilm|bge-small}
 * (default bge-small; none leaves the semantic methods out).
 */
public final class RelevanceBench {

    static final int DEPTH = 100;

    private static final Set<String> OPTIONS = Set.of("bugs", "pairs", "uri", "data-dir", "common-word-share", "model", "es-port");
    static final int BOOTSTRAP = 10_000;
    /** Cases embedded per call (one ONNX thread: the batch only amortises the call). */
    static final int EMBED_BATCH = 16;

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        Path bugsFile = Path.of(options.string("bugs", "../shared/data/bugs/SeaMonkey_bugs.csv"));
        Path pairsFile = Path.of(options.string("pairs", "../shared/data/bugs/SeaMonkey_bugs-combined.csv"));
        double commonWordShare = Double.parseDouble(options.string("common-word-share", String.valueOf(ElasticSimilarCases.COMMON_TERM_SHARE)));
        EmbeddingModel model = EmbeddingModel.fromKey(options.string("model", EmbeddingModel.BGE_SMALL.key()));
        List<Path> missing = Stream.of(bugsFile, pairsFile).filter(f -> !Files.isRegularFile(f)).toList();
        if (!missing.isEmpty()) {
            System.out.printf("SKIPPED: the relevance bench needs real duplicate bug reports, and %s %s not there "
                    + "(../shared/data/bugs comes beside the clone; pass --bugs and --pairs otherwise)%n",
                    missing.stream().map(f -> f.toAbsolutePath().normalize().toString()).toList(), missing.size() == 1 ? "is" : "are");
            return;
        }
        System.out.printf("load average at start: %s%n", SearchBench.loadAverage());
        ElasticsearchServer server = null;
        URI uri;
        SearchCredentials credentials = SearchCredentials.none(); // a server given by --uri runs without security
        if (options.string("uri", null) != null) {
            uri = URI.create(options.string("uri", null));
        } else {
            Path dataDir = Path.of(options.string("data-dir", "bench/target/relevance-es")).toAbsolutePath();
            SearchBench.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
            server = ElasticsearchServer.start(ServerSettings.defaults(dataDir).withStartTimeout(Duration.ofMinutes(5)).withHttpPort(options.integer("es-port", 0)));
            uri = server.uri();
            credentials = server.credentials();
        }
        ElasticsearchClient client = SearchClientFactory.create(uri, credentials);
        try {
            run(client, bugsFile, pairsFile, commonWordShare, model);
        } finally {
            client._transport().close();
            if (server != null) {
                server.close();
            }
        }
        System.out.printf("load average at end: %s%n", SearchBench.loadAverage());
    }

    static void run(ElasticsearchClient client, Path bugsFile, Path pairsFile, double commonWordShare, EmbeddingModel model) throws Exception {
        List<BugCsv.Bug> bugs = BugCsv.bugs(bugsFile);
        Map<String, BugCsv.Bug> byId = BugCsv.byId(bugs);
        List<Map.Entry<String, String>> pairs = BugCsv.pairs(pairsFile).stream()
                .filter(p -> byId.containsKey(p.getKey()) && byId.containsKey(p.getValue()) && !p.getKey().equals(p.getValue())).toList();

        CaseEmbedder embedder = null;
        List<float[]> vectors = new ArrayList<>();
        if (model.enabled()) {
            long loading = System.nanoTime();
            embedder = CaseEmbedder.of(model);
            System.out.printf("Loaded %s in %.1f s%n", model.key(), (System.nanoTime() - loading) / 1e9);
            Runtime runtime = Runtime.getRuntime();
            long cpu0 = cpuNanos();
            long began = System.nanoTime();
            List<String> inputs = new ArrayList<>();
            for (BugCsv.Bug bug : bugs) {
                inputs.add(embedder.input(bug.summary(), bug.description()));
            }
            for (int from = 0; from < inputs.size(); from += EMBED_BATCH) {
                vectors.addAll(embedder.embedAll(inputs.subList(from, Math.min(inputs.size(), from + EMBED_BATCH))));
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            double cpuSeconds = (cpuNanos() - cpu0) / 1e9;
            System.out.printf("Embedded %d cases with %s (input cut at %d characters, one ONNX thread) in %.1f s: %.1f docs/s wall, "
                            + "%.1f docs per CPU-second; JVM heap used %d MB, process resident %s; load average %s%n",
                    bugs.size(), model.key(), model.maxChars(), seconds, bugs.size() / seconds, bugs.size() / cpuSeconds,
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, residentMemory(), SearchBench.loadAverage());
        }

        IndexAdmin admin = new IndexAdmin(client, model);
        String index = admin.createPhysical(SearchIndex.CASES);
        long began = System.nanoTime();
        List<BulkOperation> ops = new ArrayList<>();
        for (int b = 0; b < bugs.size(); b++) {
            CaseDocument doc = asCase(bugs.get(b));
            Object source = embedder == null ? doc
                    : new EmbeddedCase(doc, vectors.get(b), EmbeddedCase.key(model, embedder.input(doc.title(), doc.text())));
            ops.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(doc.id()).version(1L).versionType(VersionType.External).document(source))));
        }
        for (int from = 0; from < ops.size(); from += 500) {
            List<BulkOperation> chunk = ops.subList(from, Math.min(ops.size(), from + 500));
            var response = client.bulk(b -> b.operations(chunk));
            if (response.errors()) {
                throw new IllegalStateException("Bulk indexing failed: " + response.items().stream()
                        .filter(i -> i.error() != null).findFirst().map(i -> i.error().reason()).orElse("?"));
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        var previous = admin.pointAlias(SearchIndex.CASES, index);
        admin.refresh(SearchIndex.CASES);
        System.out.printf("Indexed %d cases in %.2f s: %.0f docs/s (incl. stemming%s); %d duplicate pairs scored; "
                + "text signal leaves out terms in more than %.0f%% of the cases%n",
                bugs.size(), seconds, bugs.size() / seconds, embedder == null ? "" : ", vectors computed before", pairs.size(), commonWordShare * 100);

        ElasticSimilarCases similar = new ElasticSimilarCases(client, commonWordShare, null);
        ElasticSimilarCases similarSemantic = embedder == null ? null : new ElasticSimilarCases(client, commonWordShare, embedder);
        Viewer support = Viewer.support("bench");
        Scores hybrid = new Scores("similarCases (today: text+graph)");
        Scores hybridSemantic = new Scores("similarCases + semantic (RRF)");
        Scores english = new Scores("BM25 English (index stems)");
        Scores bm25 = new Scores("BM25 multi_match title+text");
        Scores semantic = new Scores("semantic alone (kNN " + model.key() + ")");
        Scores fused = new Scores("RRF(BM25 English, semantic)");
        List<Long> latencies = new ArrayList<>();
        List<Long> semanticLatencies = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs) {
            BugCsv.Bug asked = byId.get(pair.getKey());
            String wanted = caseId(pair.getValue());
            SimilarQuery query = new SimilarQuery(caseId(asked.id()), asked.summary(), asked.description(), List.of(), List.of(), null, DEPTH);
            long t = System.nanoTime();
            List<SimilarCase> found = similar.find(support, query);
            latencies.add(System.nanoTime() - t);
            hybrid.add(found.stream().map(SimilarCase::id).toList().indexOf(wanted));
            bm25.add(plainBm25(client, asked).indexOf(wanted));
            List<String> englishRanking = englishBm25(client, asked);
            english.add(englishRanking.indexOf(wanted));
            if (embedder != null) {
                t = System.nanoTime();
                List<SimilarCase> foundSemantic = similarSemantic.find(support, query);
                semanticLatencies.add(System.nanoTime() - t);
                hybridSemantic.add(foundSemantic.stream().map(SimilarCase::id).toList().indexOf(wanted));
                List<String> nearest = knn(client, embedder.embed(embedder.input(asked.summary(), asked.description())), caseId(asked.id()));
                semantic.add(nearest.indexOf(wanted));
                RankFusion rrf = new RankFusion();
                rrf.add("bm25", 1.0, englishRanking);
                rrf.add("semantic", 1.0, nearest);
                fused.add(rrf.top(DEPTH).indexOf(wanted));
            }
        }
        List<Scores> methods = embedder == null ? List.of(hybrid, english, bm25) : List.of(hybrid, hybridSemantic, english, bm25, semantic, fused);
        methods.forEach(System.out::println);
        System.out.printf("recall@10 ratio similarCases/BM25 multi_match: %.3f%n", hybrid.recallAt(10) / bm25.recallAt(10));
        System.out.printf("Paired bootstrap (%d resamples of the %d queries), 95%% intervals:%n", BOOTSTRAP, pairs.size());
        for (Scores baseline : List.of(english, hybrid)) {
            for (Scores method : methods) {
                if (method != baseline && method != bm25) {
                    System.out.println("  " + method.against(baseline));
                }
            }
        }
        System.out.println("similarCases latency (depth " + DEPTH + ", " + latencies.size() + " queries): " + percentiles(latencies));
        if (!semanticLatencies.isEmpty()) {
            System.out.println("similarCases + semantic latency, question embedded on the calling thread: " + percentiles(semanticLatencies));
        }
        for (String old : previous) {
            admin.delete(old);
        }
    }

    static String percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return "p50 %.1f ms, p99 %.1f ms".formatted(sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String residentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** The index's English BM25: the question's stems against the field text search matches on (title twice, text). */
    private static List<String> englishBm25(ElasticsearchClient client, BugCsv.Bug asked) throws Exception {
        String stems = Stems.joined(asked.summary() + "\n" + asked.description());
        return client.search(s -> s.index(SearchIndex.CASES.alias()).size(DEPTH).source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b.must(m -> m.match(mm -> mm.field("matchStems").query(stems)))
                                .mustNot(n -> n.term(t -> t.field("id").value(caseId(asked.id())))))), Void.class)
                .hits().hits().stream().map(Hit::id).toList();
    }

    /** The nearest case embeddings (HNSW), the asked case left out. */
    private static List<String> knn(ElasticsearchClient client, float[] vector, String excludeId) throws Exception {
        List<Float> boxed = new ArrayList<>(vector.length);
        for (float f : vector) {
            boxed.add(f);
        }
        return client.search(s -> s.index(SearchIndex.CASES.alias()).size(DEPTH).source(src -> src.fetch(false))
                        .knn(k -> k.field("embedding").queryVector(boxed).k(DEPTH).numCandidates(2 * DEPTH)
                                .filter(f -> f.bool(b -> b.mustNot(n -> n.term(t -> t.field("id").value(excludeId)))))), Void.class)
                .hits().hits().stream().map(Hit::id).toList();
    }

    private static List<String> plainBm25(ElasticsearchClient client, BugCsv.Bug asked) throws Exception {
        String text = asked.summary() + "\n" + asked.description();
        return client.search(s -> s.index(SearchIndex.CASES.alias()).size(DEPTH).source(src -> src.fetch(false))
                        .query(q -> q.bool(b -> b.must(m -> m.multiMatch(mm -> mm.query(text).fields("title", "text")))
                                .mustNot(n -> n.term(t -> t.field("id").value(caseId(asked.id())))))), Void.class)
                .hits().hits().stream().map(Hit::id).toList();
    }

    static String caseId(String bugId) {
        return "rep_bug" + bugId;
    }

    static CaseDocument asCase(BugCsv.Bug bug) {
        String text = bug.description();
        return CaseDocument.of(caseId(bug.id()), "bench", "PUBLIC", "OPEN", bug.summary(), text,
                List.of(), List.of(), List.of(), null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, null);
    }

    /** Ranks (0-based, -1 = not found) of the wanted case. */
    static final class Scores {
        private final String name;
        private final List<Integer> ranks = new ArrayList<>();

        Scores(String name) {
            this.name = name;
        }

        void add(int rank) {
            ranks.add(rank);
        }

        double recallAt(int k) {
            return ranks.stream().filter(r -> r >= 0 && r < k).count() / (double) ranks.size();
        }

        double mrr() {
            return ranks.stream().mapToDouble(r -> r < 0 ? 0 : 1.0 / (r + 1)).average().orElse(0);
        }

        private double[] reciprocal() {
            return ranks.stream().mapToDouble(r -> r < 0 ? 0 : 1.0 / (r + 1)).toArray();
        }

        /**
         * This method's MRR minus the baseline's and their ratio, each with a paired bootstrap 95 % interval: the
         * queries are resampled with replacement, both methods scored on the same resample (fixed seed).
         */
        String against(Scores baseline) {
            double[] a = reciprocal();
            double[] b = baseline.reciprocal();
            Random random = new Random(22);
            double[] diffs = new double[BOOTSTRAP];
            double[] ratios = new double[BOOTSTRAP];
            for (int i = 0; i < BOOTSTRAP; i++) {
                double sa = 0;
                double sb = 0;
                for (int j = 0; j < a.length; j++) {
                    int k = random.nextInt(a.length);
                    sa += a[k];
                    sb += b[k];
                }
                diffs[i] = (sa - sb) / a.length;
                ratios[i] = sb == 0 ? Double.NaN : sa / sb;
            }
            java.util.Arrays.sort(diffs);
            java.util.Arrays.sort(ratios);
            int lo = (int) (BOOTSTRAP * 0.025);
            int hi = (int) (BOOTSTRAP * 0.975) - 1;
            return "%-32s vs %-32s MRR %+.3f [%+.3f, %+.3f]  ratio %.3f [%.3f, %.3f]".formatted(name, baseline.name,
                    mrr() - baseline.mrr(), diffs[lo], diffs[hi], mrr() / baseline.mrr(), ratios[lo], ratios[hi]);
        }

        @Override
        public String toString() {
            return "%-32s recall@1 %.3f  recall@5 %.3f  recall@10 %.3f  MRR %.3f".formatted(name, recallAt(1), recallAt(5), recallAt(10), mrr());
        }
    }

}
