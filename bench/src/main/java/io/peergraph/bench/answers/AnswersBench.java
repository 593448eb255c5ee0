package io.peergraph.bench.answers;

import io.peergraph.bench.Options;
import io.peergraph.bench.generate.GeneratedStore;
import io.peergraph.bench.peers.Latencies;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerAnswer;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.peers.SolutionRanking;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.engine.Mapped;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.protondb.ProtonDbMapper;
import io.peergraph.ingest.protondb.ProtonDbReport;
import io.peergraph.ingest.protondb.Symptom;
import io.peergraph.ingest.protondb.Symptoms;
import io.peergraph.ingest.source.JsonArrayRecords;
import io.peergraph.ingest.source.SourceRecord;
import io.peergraph.seeds.pci.GpuCatalog;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Does {@code peersWithSymptom} answer better than what a person gets without Peergraph? A time split of a real
 * ProtonDB dump (docs/benchmarks.md, "Answer quality"): for each cut-off date, the reports before it are imported with
 * the project's own importer ({@code ImportFormat} protondb → {@code ImportEngine}) into a fresh embedded Neo4j; the
 * questions are later reports that worked, show at least one symptom and tried at least one solution the knowledge
 * holds. Each question is asked as a new customer: its configuration (the importer's normalised items) is created
 * through {@link ConfigurationStore} (what {@code createConfiguration} calls), then {@link PeersWithSymptomQuery#run}
 * (what the API runs) is asked with its most specific symptom; the rank of the first solution the report tried and
 * that worked is recorded. The same questions are ranked, in the same run, by baselines computed from the same
 * knowledge: global popularity of the symptom's solutions, their popularity among reports showing the symptom,
 * their popularity within the product, and a seeded random order. Bootstrap intervals resample the questions (paired:
 * the same resamples for every ranker).
 */
public final class AnswersBench {

    static final Set<String> OPTIONS = Set.of("dump", "cutoffs", "questions", "seed", "bootstrap", "work-dir", "page-cache",
            "solutions", "try-strength", "success-strength", "half-life", "no-product", "variants", "fit", "fit-questions", "ridge", "questions-before",
            "losses", "examples", "reports");

    /** A report as the dump holds it (raw JSON, what the importer is given) and as the importer's mapper reads it. */
    record Entry(String raw, ProtonDbReport report) {}

    /** A question: the report held back, the symptom asked, the solution ids that worked for it and exist in the knowledge. */
    record Question(ProtonDbReport report, String symptomKey, Set<String> relevant) {}

    private static SolutionRanking ranking = SolutionRanking.DEFAULT;
    private static boolean askProduct = true;
    private static final List<SolutionRanking> variants = new ArrayList<>();
    /** Where the fitted weights go (null: no fit), the ridge penalty, and the per-question file of the analysis. */
    private static Path fitTo;
    private static double ridge = 1;
    private static Path losses;
    /** Where every question's candidates go, one line each with their evidence and features (null: nowhere). */
    private static Path examples;
    /** Questions are drawn from reports before this date (tuning: keep them apart from the later cut-offs' questions). */
    private static Instant questionsBefore = Instant.MAX;

    /** The command line, for the fitted weights' provenance. */
    private static List<String> COMMAND = List.of();

    public static void main(String[] args) throws IOException {
        COMMAND = List.of(args);
        Options options = new Options(args, OPTIONS);
        // Spring Data Neo4j logs every Cypher notification (a relationship type the ProtonDB graph never has) per question.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.springframework.data.neo4j.cypher"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        Path dump = Path.of(options.string("dump", ""));
        if (!Files.isRegularFile(dump)) {
            System.out.println("Answer quality: skipped, " + dump.toAbsolutePath() + " is absent (../shared/data is not beside this clone)");
            return;
        }
        Path work = Path.of(options.string("work-dir", "bench/target/answers"));
        Files.createDirectories(work);
        int questions = options.integer("questions", 600);
        int fitQuestions = options.integer("fit-questions", questions);
        int seed = options.integer("seed", 42);
        int resamples = options.integer("bootstrap", 1000);
        int solutions = options.integer("solutions", 10);
        long pageCache = options.bytes("page-cache", "512m");
        SolutionRanking d = SolutionRanking.DEFAULT;
        ranking = new SolutionRanking(Double.parseDouble(options.string("try-strength", "" + d.tryStrength())),
                Double.parseDouble(options.string("success-strength", "" + d.successStrength())),
                Double.parseDouble(options.string("half-life", "" + d.halfLifeDays())), d.candidates(), d.recentHalfLifeDays(), d.weights());
        fitTo = options.string("fit", "").isBlank() ? null : Path.of(options.string("fit", ""));
        ridge = Double.parseDouble(options.string("ridge", "1"));
        losses = options.string("losses", "").isBlank() ? null : Path.of(options.string("losses", ""));
        examples = options.string("examples", "").isBlank() ? null : Path.of(options.string("examples", ""));
        if (examples != null) {
            Files.write(examples, List.of(String.join("\t", "cutoff", "question", "product", "symptom", "solution", "relevant",
                    "globalWorked", "symptomWorked", "productPopularity", "tried", "worked", "recent", "recentWorked", "peersTriedWeight",
                    "peersWorkedWeight", "productTriedWeight", "productWorked", "productWorkedWeight") + "\t"
                    + String.join("\t", SolutionRanking.FEATURES)), StandardCharsets.UTF_8);
        }
        if (!options.string("questions-before", "").isBlank()) {
            questionsBefore = LocalDate.parse(options.string("questions-before", "")).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        askProduct = !options.string("no-product", "false").equals("true");
        // Tuning: other (try strength:success strength) pairs ranked from the same evidence, e.g. "5:5,50:5,20:1".
        for (String v : options.string("variants", "").split(",")) {
            if (!v.isBlank()) {
                String[] ab = v.strip().split(":");
                // The shrunk estimate alone under other strengths.
                variants.add(new SolutionRanking(Double.parseDouble(ab[0]), Double.parseDouble(ab[1]), ranking.halfLifeDays(), ranking.candidates()));
            }
        }
        // "none": only the reports table (--reports).
        List<LocalDate> cutoffs = Arrays.stream(options.string("cutoffs", "2020-02-01,2020-03-15,2020-04-15").split(","))
                .map(String::strip).filter(c -> !c.equals("none")).map(LocalDate::parse).toList();

        List<Entry> all = read(dump);
        if (!options.string("reports", "").isBlank()) {
            writeReports(all, Path.of(options.string("reports", "")));
        }
        System.out.printf("JVM: %d cores, max heap %d MiB; dump %s: %,d reports mapped; %d questions per cut-off (seed %d), "
                        + "%d solutions per answer, %d bootstrap resamples; ranking %s, product asked: %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, dump.getFileName(), all.size(), questions, seed, solutions, resamples, ranking, askProduct);
        System.out.println("load average before: " + loadAverage());
        for (LocalDate cutoff : cutoffs) {
            // With --fit, the first cut-off is the tuning one: its questions fit the weights, which then rank the later
            // cut-offs' questions (held out: drawn after the tuning questions when --questions-before is the next cut-off).
            boolean tuning = (fitTo != null || losses != null) && cutoff.equals(cutoffs.getFirst());
            runCutoff(all, cutoff, work, pageCache, tuning ? fitQuestions : questions, seed, resamples, solutions, tuning);
        }
        System.out.println("\nload average after: " + loadAverage());
    }

    private static List<Entry> read(Path dump) {
        ProtonDbMapper mapper = new ProtonDbMapper(GpuCatalog.bundled());
        List<Entry> entries = new ArrayList<>();
        try (JsonArrayRecords records = new JsonArrayRecords(dump)) {
            for (SourceRecord r = records.next(); r != null; r = records.next()) {
                if (mapper.map(r) instanceof Mapped.Accepted<ProtonDbReport> a) {
                    entries.add(new Entry(r.raw(), a.value()));
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.report().occurredAt()).thenComparing(e -> e.report().sourceKey()));
        return entries;
    }

    private static void runCutoff(List<Entry> all, LocalDate cutoffDate, Path work, long pageCache, int wanted, int seed,
                                  int resamples, int solutionsPerAnswer, boolean tuning) throws IOException {
        Instant cutoff = cutoffDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Entry> knowledge = all.stream().filter(e -> e.report().occurredAt().isBefore(cutoff)).toList();
        Knowledge k = new Knowledge(knowledge.stream().map(Entry::report).toList());

        List<Question> eligible = new ArrayList<>();
        for (Entry e : all) {
            ProtonDbReport r = e.report();
            if (r.occurredAt().isBefore(cutoff) || (tuning && !r.occurredAt().isBefore(questionsBefore)) || !r.worked() || r.symptoms().isEmpty()) {
                continue;
            }
            Set<String> relevant = new LinkedHashSet<>();
            r.tried().forEach(t -> {
                if (k.solutionKeys.contains(t.solution().sourceKey())) {
                    relevant.add(PublicId.SOLUTION.fromKey(t.solution().sourceKey()));
                }
            });
            if (!relevant.isEmpty()) {
                eligible.add(new Question(r, askedSymptom(r), relevant));
            }
        }
        List<Question> sample = new ArrayList<>(eligible);
        Collections.shuffle(sample, new Random(seed));
        sample = sample.subList(0, Math.min(wanted, sample.size()));

        System.out.printf("%n== cut-off %s: knowledge %,d reports (%,d solutions, %,d products); %,d eligible later questions, %,d sampled%n",
                cutoffDate, knowledge.size(), k.solutionKeys.size(), k.productWorked.size(), eligible.size(), sample.size());

        Path file = work.resolve("knowledge.json");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write('[');
            for (int i = 0; i < knowledge.size(); i++) {
                w.write(i == 0 ? "\n" : ",\n");
                w.write(knowledge.get(i).raw());
            }
            w.write("\n]\n");
        }
        Path storeDir = work.resolve("store");
        GeneratedStore.deleteRecursively(storeDir);
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(storeDir, 0, pageCache);
        try (Driver driver = neo4j.driver()) {
            SchemaMigrations.apply(driver);
            long started = System.nanoTime();
            ImportEngine engine = new ImportEngine(GraphConnection.over(driver), ImportEngine.Options.defaults().withProgress(Progress.none()));
            ImportRun run;
            try (DeadLetterFile rejected = new DeadLetterFile(work.resolve("knowledge-rejected.jsonl"))) {
                run = ImportFormat.parse("protondb").importFile(engine, file, rejected);
            }
            if (!run.succeeded()) {
                throw new IllegalStateException("The import did not succeed: " + run.summary());
            }
            System.out.printf("imported in %.1f s: %s%n", (System.nanoTime() - started) / 1e9, run.summary().getFirst());

            Neo4jClient client = Neo4jClient.create(driver);
            ConfigurationStore configurations = new ConfigurationStore(client);
            PeersWithSymptomQuery query = new PeersWithSymptomQuery(client);
            Latencies latencies = new Latencies();
            Map<String, double[]> ranks = new LinkedHashMap<>();
            String[] systems = {"peergraph", "popularity (global)", "popularity (symptom)", "popularity (product)", "random"};
            for (String s : systems) {
                ranks.put(s, new double[sample.size()]);
            }
            for (SolutionRanking v : variants) {
                ranks.put(variantName(v), new double[sample.size()]);
            }
            boolean[] notMostPopular = new boolean[sample.size()];
            List<Record> evidences = new ArrayList<>();
            List<String> analysis = new ArrayList<>();
            Random random = new Random(seed);
            long typed = 0;
            long typedExisting = 0;
            long normalisedExisting = 0;
            for (int i = 0; i < sample.size(); i++) {
                Question q = sample.get(i);
                String handle = "answers-bench-" + cutoffDate + "-" + i;
                String customerId = PublicId.CUSTOMER.fromKey("handle:" + handle);
                client.query("CREATE (:Customer {id: $id, handle: $handle, kind: 'PERSON', createdAt: datetime(), updatedAt: datetime()})")
                        .bind(customerId).to("id").bind(handle).to("handle").run();
                Map<String, ConfigItemValue> items = new LinkedHashMap<>();
                for (NormalisedItem item : q.report().items()) {
                    items.putIfAbsent(item.key(), new ConfigItemValue(item.kind(), item.value()));
                    if (item.raw() != null) {
                        typed++;
                        typedExisting += k.itemKeys.contains(new ConfigItemValue(item.kind(), item.raw()).key()) ? 1 : 0;
                        normalisedExisting += k.itemKeys.contains(item.key()) ? 1 : 0;
                    }
                }
                String configurationId = configurations.create(new ConfigurationStore.NewConfiguration(customerId, "question " + i,
                        Privacy.COMMUNITY, false, false, null, List.copyOf(items.values()))).id();
                String symptomId = PublicId.SYMPTOM.fromKey(q.symptomKey());
                long t0 = System.nanoTime();
                PeerAnswer answer = query.run(customerId, configurationId, symptomId,
                        askProduct ? PublicId.PRODUCT.fromKey("steam:" + q.report().steamAppId()) : null, q.report().occurredAt(), 0, 10,
                        solutionsPerAnswer, ranking).orElse(null);
                latencies.add(System.nanoTime() - t0);
                List<String> peergraph = answer == null ? List.of()
                        : answer.solutions().stream().map(RankedSolution::solution).map(s -> s.id()).toList();
                ranks.get("peergraph")[i] = rank(peergraph, q.relevant());
                Record evidence = null;
                if (!variants.isEmpty() || tuning || examples != null) {
                    evidence = client.query(PeersWithSymptomQuery.CYPHER).bindAll(PeersWithSymptomQuery.parameters(customerId, configurationId,
                                    symptomId, askProduct ? PublicId.PRODUCT.fromKey("steam:" + q.report().steamAppId()) : null,
                                    q.report().occurredAt(), 0, 10, ranking))
                            .fetchAs(Record.class).mappedBy((t, r) -> r).one().orElse(null);
                    evidences.add(evidence);
                    for (SolutionRanking v : variants) {
                        ranks.get(variantName(v))[i] = evidence == null ? 0
                                : rank(v.rank(evidence, solutionsPerAnswer).stream().map(s -> s.solution().id()).toList(), q.relevant());
                    }
                }

                List<String> candidates = k.candidates(q.symptomKey());
                if (examples != null && evidence != null) {
                    writeExamples(cutoffDate, i, q, evidence, k);
                }
                List<String> global = top(candidates, sol -> (double) k.globalWorked.getOrDefault(sol, 0), solutionsPerAnswer);
                ranks.get("popularity (global)")[i] = rank(global, q.relevant());
                notMostPopular[i] = !global.isEmpty() && !q.relevant().contains(global.getFirst());
                Map<String, Integer> bySymptom = k.symptomWorked.getOrDefault(q.symptomKey(), Map.of());
                ranks.get("popularity (symptom)")[i] = rank(top(candidates,
                        sol -> bySymptom.getOrDefault(sol, 0) + k.globalWorked.getOrDefault(sol, 0) * 1e-6, solutionsPerAnswer), q.relevant());
                Map<String, Integer> byProduct = k.productWorked.getOrDefault(q.report().steamAppId(), Map.of());
                ranks.get("popularity (product)")[i] = rank(top(candidates,
                        sol -> byProduct.getOrDefault(sol, 0) + k.globalWorked.getOrDefault(sol, 0) * 1e-6, solutionsPerAnswer), q.relevant());
                List<String> shuffled = new ArrayList<>(candidates);
                Collections.shuffle(shuffled, random);
                ranks.get("random")[i] = rank(shuffled.subList(0, Math.min(solutionsPerAnswer, shuffled.size())), q.relevant());
                if (tuning && losses != null) {
                    List<String> product = top(candidates, sol -> byProduct.getOrDefault(sol, 0) + k.globalWorked.getOrDefault(sol, 0) * 1e-6, 3);
                    analysis.add(String.join("\t", q.report().occurredAt().toString(), q.report().steamAppId(), q.symptomKey(),
                            String.join(",", q.relevant()), "" + (int) ranks.get("peergraph")[i], "" + (int) ranks.get("popularity (product)")[i],
                            "" + (int) ranks.get("popularity (global)")[i], "" + byProduct.values().stream().mapToInt(Integer::intValue).sum(),
                            String.join(",", peergraph.subList(0, Math.min(3, peergraph.size()))), String.join(",", product),
                            evidence == null ? "" : describe(evidence, q.relevant())));
                }
            }
            SolutionRanking fitted = tuning && fitTo != null ? fit(evidences, sample, ranks, solutionsPerAnswer) : null;
            if (tuning && losses != null) {
                Files.write(losses, analysis, StandardCharsets.UTF_8);
            }
            Latencies.Summary l = latencies.summary();
            System.out.printf("peersWithSymptom (PeersWithSymptomQuery.run, in process): p50 %.1f ms, p99 %.1f ms over %d questions%n",
                    l.p50(), l.p99(), l.count());
            System.out.printf("configuration strings of the questions as typed: %,d; land on an item the knowledge holds: "
                            + "as typed %.1f %%, through the importer's normalisers %.1f %%%n", typed,
                    100.0 * typedExisting / Math.max(1, typed), 100.0 * normalisedExisting / Math.max(1, typed));
            report("all questions", ranks, null, resamples, seed);
            report("worked solution not the most popular (global) one", ranks, notMostPopular, resamples, seed);
            if (fitted != null) {
                ranking = fitted;
                System.out.println("\nthe later cut-offs are ranked by the fitted weights: " + ranking);
            }
        } finally {
            neo4j.close();
            GeneratedStore.deleteRecursively(storeDir);
        }
    }

    /**
     * Fits the weights of the ranking's features on these questions (conditional logit, {@link RankingFit}), adds the
     * fitted ranking as a ranker ("model fitted", in-sample) and writes the weights as the properties
     * SolutionRanking loads (solution-ranking.properties).
     */
    private static SolutionRanking fit(List<Record> evidences, List<Question> sample, Map<String, double[]> ranks, int solutionsPerAnswer) throws IOException {
        List<RankingFit.Example> examples = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            Record e = evidences.get(i);
            if (e == null) {
                continue;
            }
            Map<String, double[]> features = ranking.features(e);
            boolean[] relevant = new boolean[features.size()];
            int j = 0;
            boolean any = false;
            for (String id : features.keySet()) {
                relevant[j] = sample.get(i).relevant().contains(id);
                any |= relevant[j++];
            }
            if (any) {
                examples.add(new RankingFit.Example(features.values().toArray(double[][]::new), relevant));
            }
        }
        double[] w = RankingFit.fit(examples, SolutionRanking.FEATURES.size(), ridge);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int j = 0; j < w.length; j++) {
            weights.put(SolutionRanking.FEATURES.get(j), Math.round(w[j] * 1e4) / 1e4);
        }
        double[] shipped = SolutionRanking.FEATURES.stream().mapToDouble(f -> ranking.weights().getOrDefault(f, 0.0)).toArray();
        System.out.printf("fitted on %d questions (ridge %.3g): %s; mean log-likelihood of the worked solutions %.4f (the weights "
                        + "ranked by before: %.4f)%n", examples.size(), ridge, weights, RankingFit.logLikelihood(examples, w),
                RankingFit.logLikelihood(examples, shipped));
        SolutionRanking fitted = ranking.withWeights(weights);
        double[] r = new double[sample.size()];
        for (int i = 0; i < sample.size(); i++) {
            Record e = evidences.get(i);
            r[i] = e == null ? 0 : rank(fitted.rank(e, solutionsPerAnswer).stream().map(s -> s.solution().id()).toList(), sample.get(i).relevant());
        }
        ranks.put("model fitted", r);
        List<String> lines = new ArrayList<>(List.of(
                "# SolutionRanking's parameters (docs/ranking.md): the strengths and half-lives, and the weights of its features,",
                "# fitted by bench/run-answers.sh --fit on " + examples.size() + " questions (ridge " + ridge + "):",
                "#   bench/run-answers.sh " + String.join(" ", COMMAND),
                "tryStrength=" + fitted.tryStrength(), "successStrength=" + fitted.successStrength(), "halfLifeDays=" + fitted.halfLifeDays(),
                "candidates=" + fitted.candidates(), "recentHalfLifeDays=" + fitted.recentHalfLifeDays()));
        weights.forEach((f, x) -> lines.add("weight." + f + "=" + x));
        Files.write(fitTo, lines, StandardCharsets.UTF_8);
        System.out.println("weights written to " + fitTo.toAbsolutePath());
        return fitted;
    }

    /**
     * Appends the question's candidates to the examples file: the baselines' counts, each level's raw evidence and the
     * ranking's features, for fitting and analysing rankings offline (docs/ranking.md).
     */
    private static void writeExamples(LocalDate cutoff, int question, Question q, Record evidence, Knowledge k) throws IOException {
        Map<String, Map<String, Object>> everyone = rows(evidence, "everyone");
        Map<String, Map<String, Object>> similar = rows(evidence, "similar");
        Map<String, Map<String, Object>> product = rows(evidence, "product");
        Map<String, Integer> bySymptom = k.symptomWorked.getOrDefault(q.symptomKey(), Map.of());
        Map<String, Integer> byProduct = k.productWorked.getOrDefault(q.report().steamAppId(), Map.of());
        List<String> lines = new ArrayList<>();
        Map<String, double[]> features = ranking.features(evidence);
        for (var c : evidence.get("candidates").asList(v -> v)) {
            String id = c.get("id").asString();
            Map<String, Object> e = everyone.getOrDefault(id, Map.of());
            Map<String, Object> s = similar.getOrDefault(id, Map.of());
            Map<String, Object> p = product.getOrDefault(id, Map.of());
            List<String> cells = new ArrayList<>(List.of(cutoff.toString(), "" + question, q.report().steamAppId(), q.symptomKey(), id,
                    q.relevant().contains(id) ? "1" : "0", "" + k.globalWorked.getOrDefault(id, 0), "" + bySymptom.getOrDefault(id, 0),
                    "" + byProduct.getOrDefault(id, 0), "" + c.get("tried").asLong()));
            for (Object x : List.of(e.getOrDefault("worked", 0), e.getOrDefault("recent", 0), e.getOrDefault("recentWorked", 0),
                    s.getOrDefault("triedWeight", 0), s.getOrDefault("workedWeight", 0), p.getOrDefault("triedWeight", 0),
                    p.getOrDefault("worked", 0), p.getOrDefault("workedWeight", 0))) {
                cells.add(String.valueOf(x));
            }
            for (double f : features.get(id)) {
                cells.add(String.valueOf(f));
            }
            lines.add(String.join("\t", cells));
        }
        Files.write(examples, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }

    /**
     * Every mapped report as one line (time, product, worked, the symptom a question would ask, its symptoms with the
     * broader ones, its normalised items as kind=value, the solution ids it tried): the input of the offline analysis
     * of other signals (bench/answers-research).
     */
    private static void writeReports(List<Entry> all, Path to) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Entry e : all) {
            ProtonDbReport r = e.report();
            Set<String> symptoms = new LinkedHashSet<>();
            for (Symptom s : r.symptoms()) {
                for (Symptom at = s; at != null; at = at.broader() == null ? null : Symptoms.of(at.broader())) {
                    symptoms.add(at.key());
                }
            }
            lines.add(String.join("\t", r.occurredAt().toString(), r.steamAppId(), r.worked() ? "1" : "0",
                    r.symptoms().isEmpty() ? "" : askedSymptom(r), String.join("|", symptoms),
                    String.join("|", r.items().stream().map(i -> i.kind() + "=" + i.value()).distinct().toList()),
                    String.join("|", r.tried().stream().map(t -> PublicId.SOLUTION.fromKey(t.solution().sourceKey())).distinct().toList())));
        }
        Files.write(to, lines, StandardCharsets.UTF_8);
        System.out.printf("%,d reports written to %s%n", lines.size(), to.toAbsolutePath());
    }

    private static Map<String, Map<String, Object>> rows(Record evidence, String level) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        evidence.get(level).asList(v -> v).forEach(v -> rows.put(v.get("id").asString(), v.asMap()));
        return rows;
    }

    /** The relevant solutions' evidence, for reading a loss: tried/worked/recent by everyone, peers, product. */
    private static String describe(Record evidence, Set<String> relevant) {
        StringBuilder b = new StringBuilder();
        for (String level : List.of("everyone", "similar", "product")) {
            for (var row : evidence.get(level).asList(v -> v)) {
                if (relevant.contains(row.get("id").asString())) {
                    b.append(level).append(':').append(row.get("id").asString()).append(row.asMap()).append(' ');
                }
            }
        }
        return b.toString();
    }

    private static String variantName(SolutionRanking v) {
        return "model " + (int) v.tryStrength() + ":" + (int) v.successStrength();
    }

    /** The question's most specific symptom: the first that has a broader one, else the first. */
    static String askedSymptom(ProtonDbReport r) {
        return r.symptoms().stream().filter(s -> s.broader() != null).findFirst().orElse(r.symptoms().getFirst()).key();
    }

    private static List<String> top(List<String> candidates, Function<String, Double> score, int n) {
        return candidates.stream().sorted(Comparator.comparing((String s) -> -score.apply(s)).thenComparing(s -> s))
                .limit(n).toList();
    }

    /** 1-based rank of the first relevant solution; 0 when none is listed. */
    static int rank(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static void report(String title, Map<String, double[]> ranks, boolean[] subset, int resamples, int seed) {
        int n = ranks.values().iterator().next().length;
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (subset == null || subset[i]) {
                idx.add(i);
            }
        }
        System.out.printf("%n  %s: %d questions%n", title, idx.size());
        if (idx.isEmpty()) {
            return;
        }
        System.out.printf("  %-22s %7s %7s %7s %7s %17s %9s%n", "ranker", "hit@1", "hit@3", "hit@5", "MRR", "MRR 95 % CI", "coverage");
        Random random = new Random(seed);
        int[][] samples = new int[resamples][idx.size()];
        for (int b = 0; b < resamples; b++) {
            for (int j = 0; j < idx.size(); j++) {
                samples[b][j] = idx.get(random.nextInt(idx.size()));
            }
        }
        Map<String, double[]> bootMrr = new LinkedHashMap<>();
        String bestBaseline = null;
        double bestMrr = -1;
        for (Map.Entry<String, double[]> e : ranks.entrySet()) {
            double[] r = e.getValue();
            double mrr = mrr(r, idx.stream().mapToInt(Integer::intValue).toArray());
            double[] boot = new double[resamples];
            for (int b = 0; b < resamples; b++) {
                boot[b] = mrr(r, samples[b]);
            }
            bootMrr.put(e.getKey(), boot);
            double[] ci = interval(boot);
            System.out.printf("  %-22s %7.3f %7.3f %7.3f %7.3f   [%.3f, %.3f] %8.1f%%%n", e.getKey(), hit(r, idx, 1), hit(r, idx, 3),
                    hit(r, idx, 5), mrr, ci[0], ci[1], 100 * hit(r, idx, Integer.MAX_VALUE));
            if (!e.getKey().equals("peergraph") && !e.getKey().startsWith("model ") && mrr > bestMrr) {
                bestMrr = mrr;
                bestBaseline = e.getKey();
            }
        }
        double[] ratio = new double[resamples];
        double[] pg = bootMrr.get("peergraph");
        double[] best = bootMrr.get(bestBaseline);
        for (int b = 0; b < resamples; b++) {
            ratio[b] = pg[b] / Math.max(1e-9, best[b]);
        }
        double[] ci = interval(ratio);
        System.out.printf("  peergraph / best baseline (%s) MRR: %.3f, paired 95 %% CI [%.3f, %.3f]%n", bestBaseline,
                mrr(ranks.get("peergraph"), idx.stream().mapToInt(Integer::intValue).toArray()) / bestMrr, ci[0], ci[1]);
        // Against the other rankings of the same evidence (e.g. --variants 20:5, the shrunk estimate alone: the order
        // shipped before fitted weights), so a fitted ranking is compared with the one it would replace.
        int[] all = idx.stream().mapToInt(Integer::intValue).toArray();
        for (String other : bootMrr.keySet()) {
            if (other.startsWith("model ")) {
                double[] o = bootMrr.get(other);
                for (int b = 0; b < resamples; b++) {
                    ratio[b] = pg[b] / Math.max(1e-9, o[b]);
                }
                double[] oc = interval(ratio);
                System.out.printf("  peergraph / %s MRR: %.3f, paired 95 %% CI [%.3f, %.3f]%n", other,
                        mrr(ranks.get("peergraph"), all) / Math.max(1e-9, mrr(ranks.get(other), all)), oc[0], oc[1]);
            }
        }
    }

    private static double mrr(double[] ranks, int[] which) {
        double sum = 0;
        for (int i : which) {
            sum += ranks[i] > 0 ? 1 / ranks[i] : 0;
        }
        return sum / which.length;
    }

    private static double hit(double[] ranks, List<Integer> idx, int k) {
        return idx.stream().filter(i -> ranks[i] > 0 && ranks[i] <= k).count() / (double) idx.size();
    }

    private static double[] interval(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[(int) Math.floor(0.025 * (sorted.length - 1))], sorted[(int) Math.ceil(0.975 * (sorted.length - 1))]};
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** What the knowledge side of the split holds, counted straight from the mapped reports (the baselines' input). */
    static final class Knowledge {
        final Set<String> solutionKeys = new HashSet<>();
        final Set<String> itemKeys = new HashSet<>();
        /** Symptom key → solution ids tried on a report showing it or a narrower symptom (what SOLVES links). */
        final Map<String, Set<String>> candidates = new HashMap<>();
        final Map<String, Integer> globalWorked = new HashMap<>();
        final Map<String, Map<String, Integer>> symptomWorked = new HashMap<>();
        final Map<String, Map<String, Integer>> productWorked = new HashMap<>();

        Knowledge(List<ProtonDbReport> reports) {
            for (ProtonDbReport r : reports) {
                r.items().forEach(i -> itemKeys.add(i.key()));
                Set<String> symptoms = new LinkedHashSet<>();
                for (Symptom s : r.symptoms()) {
                    for (Symptom at = s; at != null; at = at.broader() == null ? null : Symptoms.of(at.broader())) {
                        symptoms.add(at.key());
                    }
                }
                for (var t : r.tried()) {
                    String key = t.solution().sourceKey();
                    String id = PublicId.SOLUTION.fromKey(key);
                    solutionKeys.add(key);
                    symptoms.forEach(s -> candidates.computeIfAbsent(s, x -> new LinkedHashSet<>()).add(id));
                    if (r.worked()) {
                        globalWorked.merge(id, 1, Integer::sum);
                        symptoms.forEach(s -> symptomWorked.computeIfAbsent(s, x -> new HashMap<>()).merge(id, 1, Integer::sum));
                        productWorked.computeIfAbsent(r.steamAppId(), x -> new HashMap<>()).merge(id, 1, Integer::sum);
                    }
                }
            }
        }

        List<String> candidates(String symptomKey) {
            return List.copyOf(candidates.getOrDefault(symptomKey, Set.of()));
        }
    }

    private AnswersBench() {}
}
