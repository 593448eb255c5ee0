package io.peergraph.bench.taxonomy;

import io.peergraph.bench.Options;
import io.peergraph.bench.generate.GeneratedStore;
import io.peergraph.bench.generate.Zipf;
import io.peergraph.bench.peers.Latencies;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.schema.SchemaMigrations;
import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import io.peergraph.seeds.debtags.DebtagsReplay;
import io.peergraph.seeds.debtags.DebtagsVocabulary;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.SKOS;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;

/**
 * The living taxonomy's figures (bench/run-taxonomy.sh): (a) the debtags stream replayed as tag applications through
 * the one tagging path, (b) tag suggestions at that size, (c) peersWithSymptom over a synthetic symptom taxonomy of
 * {@code --concepts} concepts (the seeds plus generated narrower levels; reports filed under leaf concepts) against the
 * same question on its flat form (every report of a top symptom filed directly under one symptom), in one store.
 */
public final class TaxonomyBench {

    private static final Set<String> OPTIONS = Set.of("data", "store", "page-cache", "replay-customers", "suggestion-rounds", "concepts",
            "branching", "customers", "reports-per-customer", "pairs", "warmup-rounds", "seed");

    private static final List<String> KINDS = List.of("gpu", "driver", "kernel", "os", "cpu", "ram");
    private static final int[] VALUES = {300, 100, 50, 40, 200, 10};

    private TaxonomyBench() {}

    public static void main(String[] args) throws IOException {
        Options o = new Options(args, OPTIONS);
        Path data = Path.of(o.string("data", "../shared/data/taxonomies"));
        Path store = Path.of(o.string("store", "bench/target/stores/taxonomy"));
        GeneratedStore.deleteRecursively(store);
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(store, 0, o.bytes("page-cache", "1g"));
             Driver driver = neo4j.driver()) {
            SchemaMigrations.apply(driver);
            System.out.printf("store %s (fresh), load average at start: %s%n", store, loadAverage());
            debtags(driver, data, o.integer("replay-customers", 500), o.integer("suggestion-rounds", 5));
            hierarchy(driver, o);
            System.out.printf("load average at end: %s%n", loadAverage());
        } finally {
            GeneratedStore.deleteRecursively(store);
        }
    }

    // ---- (a) replay and (b) suggestions ----

    private static void debtags(Driver driver, Path data, int customers, int rounds) throws IOException {
        Path vocabulary = data.resolve("debtags-vocabulary");
        Path tags = data.resolve("debtags-tags-current.gz");
        if (!Files.isRegularFile(vocabulary) || !Files.isRegularFile(tags)) {
            System.out.printf("(a)/(b) skipped: %s or %s is missing%n", vocabulary, tags);
            return;
        }
        // As DebtagsSuggestionsTest: every tenth tag is left out of the vocabulary, so customers use tags nobody mapped yet
        // and the suggestions have something to find.
        int heldOut = 0;
        try (BufferedReader in = Files.newBufferedReader(vocabulary, StandardCharsets.UTF_8)) {
            Model model = DebtagsVocabulary.read(in);
            List<Resource> tagConcepts = model.listSubjectsWithProperty(SKOS.broader).toList().stream()
                    .sorted(java.util.Comparator.comparing(Resource::getURI)).toList();
            for (int i = 0; i < tagConcepts.size(); i += 10) {
                model.removeAll(tagConcepts.get(i), null, null);
                model.removeAll(null, null, tagConcepts.get(i));
                heldOut++;
            }
            new SkosLoader(GraphConnection.over(driver)).load(model);
        }
        System.out.printf("(a) debtags vocabulary loaded without every tenth tag (%d held out, as DebtagsSuggestionsTest)%n", heldOut);
        DebtagsReplay.Result replay;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(tags)), StandardCharsets.UTF_8))) {
            replay = new DebtagsReplay(GraphConnection.over(driver), customers).replay(in);
        }
        long tagNodes = count(driver, "MATCH (t:Tag) RETURN count(t) AS n");
        System.out.printf("(a) debtags replay: %,d packages, %,d tag applications by %d synthetic customers (%,d distinct tags) in %.1f s"
                        + " = %,.0f applications/s (one transaction per 2,000; resolution, application, counts, TagApplied events)%n",
                replay.packages(), replay.applications(), customers, tagNodes, replay.millis() / 1000.0, replay.applicationsPerSecond());

        TagSuggestions suggestions = new TagSuggestions(driver);
        TagSuggestions.Thresholds th = TagSuggestions.Thresholds.DEFAULT;
        Latencies emerging = new Latencies();
        Latencies synonyms = new Latencies();
        Latencies broader = new Latencies();
        int[] found = new int[3];
        for (int round = 0; round < rounds; round++) {
            found[0] = timed(emerging, () -> suggestions.emergingTags(th, 0, 1000).total());
            found[1] = timed(synonyms, () -> suggestions.synonymCandidates(th, 0, 1000).total());
            found[2] = timed(broader, () -> suggestions.broaderCandidates(th, 0, 5000).total());
        }
        System.out.printf("(b) suggestions over %,d tags / %,d applications, %d rounds (median / max ms): emerging %s (%d found), synonyms %s (%d),"
                        + " broader %s (%d)%n", tagNodes, replay.applications(), rounds, medMax(emerging), found[0], medMax(synonyms), found[1],
                medMax(broader), found[2]);
    }

    private static int timed(Latencies into, LongSupplier work) {
        long t0 = System.nanoTime();
        long result = work.getAsLong();
        into.add(System.nanoTime() - t0);
        return (int) result;
    }

    private static String medMax(Latencies l) {
        Latencies.Summary s = l.summary();
        return String.format("%.0f / %.0f", s.p50(), s.max());
    }

    // ---- (c) peersWithSymptom, hierarchical vs flat ----

    /** A generated concept: its symptom key, its parent's IRI, its top seed concept's notation. */
    private record Node(String iri, String key, String parentIri, String top) {}

    private static void hierarchy(Driver driver, Options o) {
        SplittableRandom random = new SplittableRandom(o.integer("seed", 42));
        int targetConcepts = o.integer("concepts", 10_000);
        int branching = o.integer("branching", 4);
        long t0 = System.nanoTime();
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/symptoms.ttl"));
        String scheme = ConceptHierarchy.SYMPTOM_SCHEME;
        List<org.neo4j.driver.Record> seeds;
        try (Session s = driver.session()) {
            seeds = s.run("""
                    MATCH (c:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: $scheme})
                    OPTIONAL MATCH (c)-[:BROADER*0..5]->(top:Concept)-[:TOP_CONCEPT_OF]->()
                    RETURN c.iri AS iri, c.notation AS key, top.notation AS top, NOT EXISTS { (:Concept)-[:BROADER]->(c) } AS leaf
                    ORDER BY c.iri""", Map.of("scheme", scheme)).list();
        }
        // Seed symptoms as imports make them (key chain with BROADER), classified by notation.
        List<Map<String, Object>> seedSymptoms = new ArrayList<>();
        for (var r : seeds) {
            String key = r.get("key").asString();
            int slash = key.lastIndexOf('/');
            seedSymptoms.add(row("key", key, "id", PublicId.SYMPTOM.fromKey(key), "broader", slash < 0 ? null : key.substring(0, slash)));
        }
        write(driver, """
                UNWIND $rows AS row
                MERGE (s:Symptom {key: row.key}) ON CREATE SET s.id = row.id, s.name = row.key
                """, seedSymptoms);
        write(driver, """
                UNWIND $rows AS row
                WITH row WHERE row.broader IS NOT NULL
                MATCH (s:Symptom {key: row.key}), (b:Symptom {key: row.broader})
                MERGE (s)-[:BROADER]->(b)
                """, seedSymptoms);

        // Generated levels under the seed leaves, breadth first and round robin, so the tree is as wide as deep allows.
        List<Node> queue = new ArrayList<>();
        for (var r : seeds) {
            if (r.get("leaf").asBoolean()) {
                queue.add(new Node(r.get("iri").asString(), r.get("key").asString(), null, r.get("top").asString(r.get("key").asString())));
            }
        }
        int generated = targetConcepts - seeds.size();
        List<Node> nodes = new ArrayList<>(generated);
        Map<String, Integer> depth = new HashMap<>();
        int maxDepth = 0;
        for (int head = 0; nodes.size() < generated; head++) {
            Node parent = head < queue.size() ? queue.get(head) : null;
            if (parent == null) {
                break;
            }
            for (int b = 0; b < branching && nodes.size() < generated; b++) {
                int n = nodes.size();
                Node child = new Node(scheme + "/synthetic-" + n, "synthetic/" + n, parent.iri(), parent.top());
                nodes.add(child);
                queue.add(child);
                int d = depth.getOrDefault(parent.iri(), 0) + 1;
                depth.put(child.iri(), d);
                maxDepth = Math.max(maxDepth, d);
            }
        }
        List<Map<String, Object>> conceptRows = nodes.stream().map(n -> row("iri", n.iri(), "id", PublicId.CONCEPT.fromKey(n.iri()), "key", n.key(),
                "symptomId", PublicId.SYMPTOM.fromKey(n.key()), "parent", n.parentIri())).toList();
        write(driver, """
                UNWIND $rows AS row
                MATCH (scheme:ConceptScheme {iri: $scheme})
                CREATE (c:Concept {id: row.id, iri: row.iri, notation: row.key, prefLabel_en: row.key, status: 'APPROVED', origin: 'MODERATOR',
                                   moderated: [], labelKeys: [row.key]})
                CREATE (c)-[:IN_SCHEME]->(scheme)
                CREATE (:Symptom {id: row.symptomId, key: row.key, name: row.key})
                """, conceptRows, Map.of("scheme", scheme));
        // Parents are linked once every concept exists (a parent may be created later in the same batch).
        write(driver, """
                UNWIND $rows AS row
                MATCH (c:Concept {iri: row.iri}), (parent:Concept {iri: row.parent})
                CREATE (c)-[:BROADER {origin: 'MODERATOR'}]->(parent)
                """, conceptRows);
        int classified = new ConceptHierarchy(GraphConnection.over(driver)).classifySymptoms(scheme);
        Set<String> parents = new HashSet<>();
        nodes.forEach(n -> parents.add(n.parentIri()));
        List<Node> leaves = nodes.stream().filter(n -> !parents.contains(n.iri())).toList();
        long concepts = count(driver, "MATCH (:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: '" + scheme + "'}) RETURN count(*) AS n");

        // The flat form: one symptom per top seed concept, no narrower, no classification.
        List<String> tops = seeds.stream().map(r -> r.get("top").asString(null)).filter(t -> t != null).distinct().sorted().toList();
        write(driver, """
                UNWIND $rows AS row
                CREATE (:Symptom {id: row.id, key: row.key, name: row.key})
                """, tops.stream().map(t -> row("key", "flat/" + t, "id", PublicId.SYMPTOM.fromKey("flat/" + t))).toList());

        // A community: one configuration per customer (Zipf-skewed items), reports under leaf concepts (Zipf-skewed),
        // each with a flat twin on the same configuration showing its top's flat symptom.
        int customers = o.integer("customers", 20_000);
        double perCustomer = o.integer("reports-per-customer", 3);
        Zipf[] items = new Zipf[KINDS.size()];
        for (int k = 0; k < items.length; k++) {
            items[k] = new Zipf(VALUES[k], Zipf.COMMUNITY_EXPONENT);
        }
        Zipf leafPopularity = new Zipf(leaves.size(), Zipf.COMMUNITY_EXPONENT);
        List<Map<String, Object>> configRows = new ArrayList<>();
        List<Map<String, Object>> reportRows = new ArrayList<>();
        List<String[]> hierarchicalReports = new ArrayList<>(); // report id, configuration id, top
        int reports = 0;
        for (int c = 0; c < customers; c++) {
            String customer = PublicId.CUSTOMER.fromKey("taxonomy-bench-" + c);
            String configuration = PublicId.CONFIGURATION.fromKey("taxonomy-bench-" + c);
            List<Map<String, Object>> mine = new ArrayList<>();
            for (int k = 0; k < KINDS.size(); k++) {
                String key = KINDS.get(k) + ":" + KINDS.get(k) + " " + items[k].sample(random);
                mine.add(row("key", key, "id", PublicId.CONFIG_ITEM.fromKey(key), "kind", KINDS.get(k), "value", key));
            }
            configRows.add(row("customer", customer, "configuration", configuration, "items", mine));
            int count = Math.max(1, (int) Math.round(perCustomer + random.nextGaussian()));
            for (int r = 0; r < count; r++) {
                Node leaf = leaves.get(leafPopularity.sample(random));
                String id = PublicId.REPORT.fromKey("taxonomy-bench-" + c + "-" + r);
                reportRows.add(row("id", id, "twin", PublicId.REPORT.fromKey("taxonomy-bench-" + c + "-" + r + "-flat"), "customer", customer,
                        "configuration", configuration, "symptom", PublicId.SYMPTOM.fromKey(leaf.key()), "flat", PublicId.SYMPTOM.fromKey("flat/" + leaf.top())));
                hierarchicalReports.add(new String[] {id, configuration, leaf.top()});
                reports++;
            }
        }
        write(driver, """
                UNWIND $rows AS row
                CREATE (owner:Customer {id: row.customer, handle: row.customer, displayName: row.customer, kind: 'PERSON'})
                CREATE (owner)-[:OWNS]->(cfg:Configuration {id: row.configuration, name: 'pc', privacy: 'COMMUNITY', listedInPeers: true, inStatistics: true})
                WITH cfg, row
                UNWIND row.items AS item
                MERGE (ci:ConfigItem {key: item.key}) ON CREATE SET ci.id = item.id, ci.kind = item.kind, ci.value = item.value, ci.configCount = 0
                CREATE (cfg)-[:INCLUDES]->(ci)
                SET ci.configCount = ci.configCount + 1
                """, configRows);
        write(driver, """
                UNWIND $rows AS row
                MATCH (owner:Customer {id: row.customer}), (cfg:Configuration {id: row.configuration})
                MATCH (leaf:Symptom {id: row.symptom}), (flat:Symptom {id: row.flat})
                CREATE (owner)-[:REPORTED]->(r:Report {id: row.id, title: 'Synthetic', status: 'OPEN', privacy: 'COMMUNITY', createdAt: datetime()})-[:ON]->(cfg)
                CREATE (r)-[:SHOWS]->(leaf)
                CREATE (owner)-[:REPORTED]->(t:Report {id: row.twin, title: 'Synthetic flat', status: 'OPEN', privacy: 'COMMUNITY', createdAt: datetime()})-[:ON]->(cfg)
                CREATE (t)-[:SHOWS]->(flat)
                WITH r, t
                RETURN count(*) AS n
                """, reportRows);
        // Signed as ReportStore does (PeerSignature.refresh: each symptom's broader symptoms and concepts walked up).
        long signStarted = System.nanoTime();
        List<Map<String, Object>> signRows = reportRows.stream().map(r -> row("ids", List.of(r.get("id"), r.get("twin")))).toList();
        for (int from = 0; from < signRows.size(); from += 1000) {
            List<String> ids = new ArrayList<>();
            signRows.subList(from, Math.min(signRows.size(), from + 1000)).forEach(r -> ((List<?>) r.get("ids")).forEach(id -> ids.add((String) id)));
            try (Session s = driver.session()) {
                s.executeWriteWithoutResult(tx -> PeerSignature.refresh(tx, ids));
            }
        }
        double signSeconds = (System.nanoTime() - signStarted) / 1e9;
        try (Session s = driver.session()) {
            s.run("CALL db.awaitIndexes(600)").consume();
        }
        System.out.printf("(c) dataset: %,d symptom concepts (%d seeds + %,d generated, branching %d, generated depth up to %d below the seed leaves,"
                        + " %,d leaves), %,d symptoms classified; %,d customers/configurations, %,d reports under leaf concepts + %,d flat twins;"
                        + " built in %.0f s, of which signing the %,d reports %.1f s (%,.0f reports/s)%n", concepts, seeds.size(), nodes.size(), branching,
                maxDepth, leaves.size(), classified, customers, reports, reports, (System.nanoTime() - t0) / 1e9, 2 * reports, signSeconds,
                2 * reports / signSeconds);

        // Questions sampled by report: another customer's configuration asks about the report's top seed symptom (the widest
        // expansion) and, paired, about that top's flat symptom.
        int pairs = o.integer("pairs", 300);
        int warmup = o.integer("warmup-rounds", 1);
        List<String[]> questions = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            String[] report = hierarchicalReports.get(random.nextInt(hierarchicalReports.size()));
            String asker = PublicId.CONFIGURATION.fromKey("taxonomy-bench-" + random.nextInt(customers));
            questions.add(new String[] {asker, PublicId.SYMPTOM.fromKey(report[2]), PublicId.SYMPTOM.fromKey("flat/" + report[2])});
        }
        Latencies hier = new Latencies();
        Latencies flat = new Latencies();
        Latencies expansion = new Latencies();
        long hierHits = 0;
        long flatHits = 0;
        try (Session s = driver.session()) {
            for (int round = 0; round <= warmup; round++) {
                boolean measure = round == warmup;
                for (int q = 0; q < questions.size(); q++) {
                    String[] question = questions.get(q);
                    // Alternate which goes first, so neither always runs on the other's warm cache.
                    for (int side = 0; side < 2; side++) {
                        boolean hierarchical = (q + side) % 2 == 0;
                        long started = System.nanoTime();
                        var rows = s.run(PeersWithSymptomQuery.CYPHER, PeersWithSymptomQuery.parameters(null, question[0],
                                hierarchical ? question[1] : question[2], 0, 20, 5)).list();
                        long elapsed = System.nanoTime() - started;
                        int hits = rows.isEmpty() ? 0 : rows.getFirst().get("page").size();
                        if (measure) {
                            (hierarchical ? hier : flat).add(elapsed);
                            if (hierarchical) {
                                hierHits += hits;
                            } else {
                                flatHits += hits;
                            }
                        }
                    }
                }
            }
            // How wide the question would be if it listed the narrower symptoms (as it did before the signatures carried
            // the taxonomy): context for the ratio, not part of the question.
            for (String[] question : questions) {
                long narrower = s.run("""
                        MATCH (symptom:Symptom {id: $id})
                        CALL (symptom) {
                          MATCH (symptom)-[:CLASSIFIED_AS]->(:Concept)<-[:BROADER*0..8]-(:Concept)<-[:CLASSIFIED_AS]-(n:Symptom)
                          WHERE n <> symptom RETURN n
                          UNION MATCH (n:Symptom)-[:BROADER*1..8]->(symptom) RETURN n
                        }
                        RETURN count(n) AS n""", Map.of("id", question[1])).single().get("n").asLong();
                expansion.add(narrower * 1_000_000L);
            }
        }
        Latencies.Summary h = hier.summary();
        Latencies.Summary f = flat.summary();
        Latencies.Summary e = expansion.summary();
        System.out.printf("(c) peersWithSymptom, %d questions (configuration, top symptom) sampled by report, %d warm-up round(s), through the driver:%n",
                pairs, warmup);
        System.out.printf("    hierarchical (top seed symptom, narrower ones through the taxonomy):       p50 %.1f ms  p90 %.1f  p99 %.1f  max %.1f;"
                + " %.1f reports per page on average%n", h.p50(), h.p90(), h.p99(), h.max(), hierHits / (double) pairs);
        System.out.printf("    flat (the same reports' twins under one symptom):                           p50 %.1f ms  p90 %.1f  p99 %.1f  max %.1f;"
                + " %.1f reports per page on average%n", f.p50(), f.p90(), f.p99(), f.max(), flatHits / (double) pairs);
        System.out.printf("    ratio hierarchical/flat: p50 %.2f  p99 %.2f (goal <= 2); narrower symptoms under each question's symptom"
                + " (in the index, not in the question): median %.0f, max %.0f%n", h.p50() / f.p50(), h.p99() / f.p99(), e.p50(), e.max());
        resignCost(driver);
    }

    /**
     * The price of carrying the taxonomy in the signatures: a moderator puts the seed concept with the most reports
     * under it below another top concept (and undoes it); the reports under it are re-signed, in the curation's
     * transaction when few, else through the re-sign queue, drained here as the service's drain does.
     */
    private static void resignCost(Driver driver) {
        String widest;
        long under;
        try (Session s = driver.session()) {
            var r = s.run("""
                    MATCH (c:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: $scheme}) WHERE EXISTS { (c)-[:BROADER]->() }
                      AND NOT c.iri CONTAINS '/synthetic-'
                    CALL (c) {
                      MATCH (c)<-[:BROADER*0..8]-(:Concept)<-[:CLASSIFIED_AS]-(:Symptom)<-[:SHOWS]-(r:Report)
                      RETURN count(DISTINCT r) AS reports
                    }
                    RETURN c.iri AS iri, reports ORDER BY reports DESC LIMIT 1""", Map.of("scheme", ConceptHierarchy.SYMPTOM_SCHEME)).single();
            widest = r.get("iri").asString();
            under = r.get("reports").asLong();
        }
        String target = widest.contains("/performance") ? ConceptHierarchy.SYMPTOM_SCHEME + "/stability" : ConceptHierarchy.SYMPTOM_SCHEME + "/performance";
        Curation curation = new Curation(driver);
        // Twice: the first round also pays for planning the statements and warming the caches.
        for (int round = 1; round <= 2; round++) {
            long started = System.nanoTime();
            var applied = (CurationResult.Applied) curation.apply("cus_bench", new CurationCommand.SetBroader(widest, target));
            double applyMs = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            long drained = SignatureResign.drain(driver);
            double drainS = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            curation.undo("cus_bench", applied.event().id());
            double undoMs = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            long drainedBack = SignatureResign.drain(driver);
            double drainBackS = (System.nanoTime() - started) / 1e9;
            System.out.printf("(d) re-signing after curation, round %d: setBroader(%s, %s) over %,d reports: the curation's transaction %.0f ms,"
                            + " then the queue %,d reports in %.1f s (%,.0f reports/s, batches of %,d); its undo %.0f ms + %,d reports in %.1f s"
                            + " (%,.0f reports/s)%n",
                    round, widest.substring(widest.lastIndexOf('/') + 1), target.substring(target.lastIndexOf('/') + 1), under, applyMs, drained,
                    drainS, drained / Math.max(drainS, 1e-9), SignatureResign.BATCH, undoMs, drainedBack, drainBackS,
                    drainedBack / Math.max(drainBackS, 1e-9));
        }
    }

    private static Map<String, Object> row(Object... keyValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            row.put((String) keyValues[i], keyValues[i + 1]);
        }
        return row;
    }

    private static void write(Driver driver, String cypher, List<Map<String, Object>> rows) {
        write(driver, cypher, rows, Map.of());
    }

    private static void write(Driver driver, String cypher, List<Map<String, Object>> rows, Map<String, Object> extra) {
        for (int from = 0; from < rows.size(); from += 2000) {
            Map<String, Object> params = new HashMap<>(extra);
            params.put("rows", rows.subList(from, Math.min(rows.size(), from + 2000)));
            try (Session s = driver.session()) {
                s.executeWriteWithoutResult(tx -> tx.run(cypher, params).consume());
            }
        }
    }

    private static long count(Driver driver, String cypher) {
        try (Session s = driver.session()) {
            return s.run(cypher).single().get("n").asLong();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
