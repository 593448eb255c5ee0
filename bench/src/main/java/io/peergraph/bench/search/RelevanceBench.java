package io.peergraph.bench.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.search.cases.SimilarCase;
import io.peergraph.search.cases.SimilarCases;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.cases.Viewer;
import io.peergraph.search.cluster.SearchClientFactory;
import io.peergraph.search.cluster.SearchCredentials;
import io.peergraph.search.index.IndexAdmin;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ServerSettings;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.bench.Options;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Similar-case relevance on real duplicate bug reports: every report becomes a case (summary → title,
 * description → text); for each duplicate pair whose two reports are both present, ask with one and record the
 * rank of the other. Prints recall@1/5/10 and MRR for {@link SimilarCases} and for plain BM25 (multi_match on
 * title and text) on the same index, the bulk indexing rate and similarCases latency.
 *
 * <p>Options: {@code --bugs FILE --pairs FILE} (default: SeaMonkey's in ../shared/data/bugs; skipped with a message
 * when absent), {@code --uri URI} (default: a managed server started here on {@code --data-dir}; note it points the
 * cases alias of that cluster at a bench index), {@code --common-word-share S} (the text signal's cut-off,
 * default {@link SimilarCases#COMMON_TERM_SHARE}; 1 keeps every term).
 */
public final class RelevanceBench {

    static final int DEPTH = 100;

    private static final Set<String> OPTIONS = Set.of("bugs", "pairs", "uri", "data-dir", "common-word-share");

    public static void main(String[] args) throws Exception {
        Options options = new Options(args, OPTIONS);
        Path bugsFile = Path.of(options.string("bugs", "../shared/data/bugs/SeaMonkey_bugs.csv"));
        Path pairsFile = Path.of(options.string("pairs", "../shared/data/bugs/SeaMonkey_bugs-combined.csv"));
        double commonWordShare = Double.parseDouble(options.string("common-word-share", String.valueOf(SimilarCases.COMMON_TERM_SHARE)));
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
            server = ElasticsearchServer.start(ServerSettings.defaults(dataDir).withStartTimeout(Duration.ofMinutes(5)));
            uri = server.uri();
            credentials = server.credentials();
        }
        ElasticsearchClient client = SearchClientFactory.create(uri, credentials);
        try {
            run(client, bugsFile, pairsFile, commonWordShare);
        } finally {
            client._transport().close();
            if (server != null) {
                server.close();
            }
        }
        System.out.printf("load average at end: %s%n", SearchBench.loadAverage());
    }

    static void run(ElasticsearchClient client, Path bugsFile, Path pairsFile, double commonWordShare) throws Exception {
        List<BugCsv.Bug> bugs = BugCsv.bugs(bugsFile);
        Map<String, BugCsv.Bug> byId = BugCsv.byId(bugs);
        List<Map.Entry<String, String>> pairs = BugCsv.pairs(pairsFile).stream()
                .filter(p -> byId.containsKey(p.getKey()) && byId.containsKey(p.getValue()) && !p.getKey().equals(p.getValue())).toList();

        IndexAdmin admin = new IndexAdmin(client);
        String index = admin.createPhysical(SearchIndex.CASES);
        long began = System.nanoTime();
        List<BulkOperation> ops = new ArrayList<>();
        for (BugCsv.Bug bug : bugs) {
            CaseDocument doc = asCase(bug);
            ops.add(BulkOperation.of(b -> b.index(i -> i.index(index).id(doc.id()).version(1L).versionType(VersionType.External).document(doc))));
        }
        for (int from = 0; from < ops.size(); from += 500) {
            List<BulkOperation> chunk = ops.subList(from, Math.min(ops.size(), from + 500));
            client.bulk(b -> b.operations(chunk));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        var previous = admin.pointAlias(SearchIndex.CASES, index);
        admin.refresh(SearchIndex.CASES);
        System.out.printf("Indexed %d cases in %.2f s: %.0f docs/s (incl. stemming); %d duplicate pairs scored; "
                + "text signal leaves out terms in more than %.0f%% of the cases%n",
                bugs.size(), seconds, bugs.size() / seconds, pairs.size(), commonWordShare * 100);

        SimilarCases similar = new SimilarCases(client, commonWordShare);
        Viewer support = Viewer.support("bench");
        Scores hybrid = new Scores("similarCases (hybrid, RRF)");
        Scores bm25 = new Scores("BM25 multi_match title+text");
        List<Long> latencies = new ArrayList<>();
        for (Map.Entry<String, String> pair : pairs) {
            BugCsv.Bug asked = byId.get(pair.getKey());
            String wanted = caseId(pair.getValue());
            long t = System.nanoTime();
            List<SimilarCase> found = similar.find(support, new SimilarQuery(caseId(asked.id()), asked.summary(), asked.description(),
                    List.of(), List.of(), null, DEPTH));
            latencies.add(System.nanoTime() - t);
            hybrid.add(found.stream().map(SimilarCase::id).toList().indexOf(wanted));
            bm25.add(plainBm25(client, asked).indexOf(wanted));
        }
        System.out.println(hybrid);
        System.out.println(bm25);
        System.out.printf("recall@10 ratio hybrid/BM25: %.3f%n", hybrid.recallAt(10) / bm25.recallAt(10));
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("similarCases latency (depth %d, %d queries): p50 %.1f ms, p99 %.1f ms%n", DEPTH, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
        for (String old : previous) {
            admin.delete(old);
        }
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

        @Override
        public String toString() {
            return "%-32s recall@1 %.3f  recall@5 %.3f  recall@10 %.3f  MRR %.3f".formatted(name, recallAt(1), recallAt(5), recallAt(10), mrr());
        }
    }

}
