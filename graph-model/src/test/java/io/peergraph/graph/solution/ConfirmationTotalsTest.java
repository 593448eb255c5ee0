package io.peergraph.graph.solution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.imports.RecordImport;
import io.peergraph.graph.imports.SymptomImport;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.peers.SolutionRanking;
import io.peergraph.graph.testing.SharedNeo4j;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The confirmation totals kept on each solution are what reading every confirmation gives, whichever way the
 * confirmations were written (imports, the API's confirm and confirm again, concurrently), and {@code peersWithSymptom}
 * answered from them is the answer it gave when it read every confirmation (the query as it was, kept below).
 */
class ConfirmationTotalsTest {

    private static final Driver DRIVER = SharedNeo4j.driver();
    private static final Neo4jClient CLIENT = Neo4jClient.create(DRIVER);
    private static final TransactionTemplate TX = new TransactionTemplate(new Neo4jTransactionManager(DRIVER));
    private static final SolutionStore SOLUTIONS = new SolutionStore(CLIENT);

    /** The "everyone" and "configurations like mine" levels as they were before the totals: every confirmation read. */
    private static final String READ_EVERY_CONFIRMATION = """
            CALL (covered) {
              UNWIND covered AS s
              MATCH (s)<-[:SOLVES]-(sol:Solution)
              WITH DISTINCT sol
              WITH sol, COUNT { (sol)<-[:OF]-(:Confirmation) } AS tried
              ORDER BY tried DESC, sol.id LIMIT $candidates
              CALL (sol) {
                OPTIONAL MATCH (sol)<-[:OF]-(cf:Confirmation)
                WITH cf, duration.inSeconds(coalesce(cf.at, cf.createdAt, $now), $now).seconds / 86400.0 AS age
                WITH cf, CASE WHEN cf IS NULL THEN 0.0 ELSE 0.5 ^ (CASE WHEN age < 0 THEN 0 ELSE age END / $recentHalfLifeDays) END AS w
                RETURN count(CASE WHEN cf.worked THEN 1 END) AS worked, sum(w) AS recent,
                       sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS recentWorked
              }
              RETURN collect({id: sol.id, tried: tried, worked: worked, recent: recent, recentWorked: recentWorked}) AS everyone
            }
            CALL (hits, symptom, conceptIds) {
              UNWIND hits AS hit
              WITH DISTINCT hit.r.peerOwner AS peerId, symptom, conceptIds
              MATCH (:Customer {id: peerId})-[:CONFIRMED]->(cf:Confirmation)-[:OF]->(sol:Solution)
              WHERE EXISTS { (sol)-[:SOLVES]->(s:Symptom)
                             WHERE s = symptom OR EXISTS { (s)-[:BROADER*1..8]->(symptom) }
                                OR EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..8]->(c:Concept) WHERE c.id IN conceptIds } }
              WITH sol, cf, peerId, 0.5 ^ (duration.inSeconds(coalesce(cf.at, cf.createdAt, $now), $now).seconds / 86400.0 / $halfLifeDays) AS w
              WITH sol, sum(CASE WHEN cf.worked THEN 1 ELSE 0 END) AS worked, count(cf) AS total, count(DISTINCT peerId) AS peers,
                   sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS workedWeight, sum(w) AS triedWeight
              RETURN collect({id: sol.id, worked: worked, total: total, peers: peers, workedWeight: workedWeight,
                              triedWeight: triedWeight}) AS similar
            }
            """;

    /** The query with those levels put back as they were, and the candidates' tries counted by label. */
    static String readingEveryConfirmation() {
        String cypher = PeersWithSymptomQuery.CYPHER;
        int from = cypher.indexOf("// Everyone:");
        int to = cypher.indexOf("// The same product:");
        assertThat(from).as("the query's everyone level").isPositive();
        assertThat(to).as("the query's product level").isGreaterThan(from);
        String old = cypher.substring(0, from) + READ_EVERY_CONFIRMATION + cypher.substring(to);
        assertThat(old).contains("tried: COUNT { (sol)<-[:OF]-() }");
        return old.replace("tried: COUNT { (sol)<-[:OF]-() }", "tried: COUNT { (sol)<-[:OF]-(:Confirmation) }");
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theAnswerFromTheTotalsIsTheAnswerFromEveryConfirmation() {
        Instant now = Instant.now().plus(Duration.ofDays(1));
        Community community = generate(new Random(7), now);
        // Confirmed again through the API: some verdicts flip, each is dated now.
        Random random = new Random(11);
        for (int i = 0; i < 15; i++) {
            Community.Confirmed c = community.confirmed.get(random.nextInt(community.confirmed.size()));
            TX.executeWithoutResult(t -> SOLUTIONS.confirm(c.customerId(), c.solutionId(), c.configurationId(), random.nextBoolean(), null));
        }
        assertTotalsAreARecount(community.solutionIds, now);

        String old = readingEveryConfirmation();
        SolutionRanking ranking = SolutionRanking.DEFAULT;
        SolutionRanking otherHalfLife = new SolutionRanking(ranking.tryStrength(), ranking.successStrength(), ranking.halfLifeDays(),
                ranking.candidates(), 7, ranking.weights());
        int compared = 0;
        for (String configurationId : community.configurationIds.subList(0, 12)) {
            for (String symptomId : community.symptomIds) {
                // From the totals (now: after every confirmation), from the confirmations (a date before some of them; another
                // half-life), each against the query as it was.
                for (Object[] asked : List.of(new Object[] {now, ranking}, new Object[] {now.minus(Duration.ofDays(90)), ranking},
                        new Object[] {now, otherHalfLife})) {
                    Map<String, Object> p = PeersWithSymptomQuery.parameters(null, configurationId, symptomId, null, (Instant) asked[0],
                            0, 5, (SolutionRanking) asked[1]);
                    List<Record> fresh = DRIVER.executableQuery(PeersWithSymptomQuery.CYPHER).withParameters(p).execute().records();
                    List<Record> before = DRIVER.executableQuery(old).withParameters(p).execute().records();
                    assertThat(fresh).hasSameSizeAs(before);
                    if (fresh.isEmpty()) {
                        continue;
                    }
                    assertSameAnswer(fresh.getFirst(), before.getFirst(), (SolutionRanking) asked[1]);
                    compared++;
                }
            }
        }
        assertThat(compared).as("questions with an answer").isGreaterThan(30);
    }

    @Test
    void concurrentConfirmationsOfOneSolutionAllCount() throws Exception {
        Instant now = Instant.now().plus(Duration.ofDays(1));
        Community community = generate(new Random(3), now);
        String solutionId = community.solutionIds.getFirst();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < community.configurationIds.size(); i++) {
                String customerId = community.customerIds.get(i);
                String configurationId = community.configurationIds.get(i);
                boolean worked = i % 3 != 0;
                writes.add(pool.submit(() -> {
                    for (int again = 0; again < 3; again++) {
                        boolean verdict = again == 2 ? worked : !worked;
                        retrying(() -> TX.executeWithoutResult(t -> SOLUTIONS.confirm(customerId, solutionId, configurationId, verdict, null)));
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTotalsAreARecount(List.of(solutionId), now);
    }

    @Test
    void theMigrationCountsAfreshWhatTheWritesKept() {
        Instant now = Instant.now().plus(Duration.ofDays(1));
        Community community = generate(new Random(5), now);
        Map<String, List<Object>> kept = totals(community.solutionIds);
        try (Session session = DRIVER.session()) {
            session.run("MATCH (sol:Solution) WHERE sol.id IN $ids REMOVE sol.confirmationsWorked, sol.recentWeight, sol.recentWorkedWeight, "
                    + "sol.lastConfirmedAt", Map.of("ids", community.solutionIds)).consume();
            session.run(ConfirmationTotals.RECOUNT_ALL).consume(); // migration 25's statement
        }
        Map<String, List<Object>> recounted = totals(community.solutionIds);
        assertThat(recounted.keySet()).isEqualTo(kept.keySet());
        recounted.forEach((id, values) -> {
            assertThat(values.get(0)).as("worked of " + id).isEqualTo(kept.get(id).get(0));
            assertThat((Double) values.get(1)).as("recent weight of " + id).isCloseTo((Double) kept.get(id).get(1), within(1e-9 * (1 + (Double) values.get(1))));
            assertThat(values.get(2)).as("last confirmed " + id).isEqualTo(kept.get(id).get(2));
        });
        assertTotalsAreARecount(community.solutionIds, now);
    }

    @Test
    void everyStatementThatLinksAConfirmationToASolutionKeepsTheTotals() throws IOException {
        // A CREATE or MERGE with an OF relationship on its line or the next: a confirmation written. Its class must count it.
        Pattern writesOf = Pattern.compile("(CREATE|MERGE)[^\\n]*(\\n[^\\n]*)?\\[:OF\\]->");
        List<Path> writers;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            writers = sources.filter(f -> f.toString().endsWith(".java")).filter(f -> writesOf.matcher(read(f)).find()).toList();
        }
        assertThat(writers).extracting(f -> f.getFileName().toString())
                .contains("SolutionStore.java", "RecordImport.java", "ProtonDbImport.java");
        assertThat(writers).allSatisfy(f -> assertThat(read(f)).as(f + " writes confirmations").contains("ConfirmationTotals.count("));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the generated community --------------------------------------------------------------------------------------

    record Community(List<String> customerIds, List<String> configurationIds, List<String> symptomIds, List<String> solutionIds,
                     List<Confirmed> confirmed) {
        record Confirmed(String customerId, String solutionId, String configurationId) {}
    }

    /**
     * A small community written through the imports: a symptom with narrower ones, 30 customers with a configuration of
     * skewed items and reports, 12 solutions, confirmations dated over the past year (a few after {@code now} − 90 days
     * and one undated-by-import, i.e. dated when written), worked or not.
     */
    private Community generate(Random random, Instant now) {
        String root = "totals-" + run;
        List<SymptomImport.Node> symptoms = List.of(new SymptomImport.Node(root, "Totals " + run, null),
                new SymptomImport.Node(root + "/a", "Totals a", root), new SymptomImport.Node(root + "/a/x", "Totals ax", root + "/a"),
                new SymptomImport.Node(root + "/b", "Totals b", root));
        List<String> symptomKeys = symptoms.stream().map(SymptomImport.Node::key).toList();
        List<String> customerIds = new ArrayList<>();
        List<String> configurationIds = new ArrayList<>();
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> configurations = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            String handle = "totals-" + run + "-" + c;
            customers.add(row("handle", handle, "id", PublicId.CUSTOMER.fromKey(handle)));
            customerIds.add(PublicId.CUSTOMER.fromKey(handle));
            String cfg = "totals-cfg-" + run + "-" + c;
            configurationIds.add(PublicId.CONFIGURATION.fromKey(cfg));
            List<Map<String, Object>> items = new ArrayList<>();
            for (String kind : List.of("gpu", "kernel", "ram")) {
                int value = (int) Math.floor(Math.pow(random.nextDouble(), 2) * 5); // skewed: low values are common
                String key = kind + ":totals-" + run + "-" + value;
                items.add(row("key", key, "id", PublicId.CONFIG_ITEM.fromKey(key), "kind", kind, "value", "totals " + run + " " + value,
                        "raw", "totals " + value));
            }
            configurations.add(row("sourceKey", cfg, "id", PublicId.CONFIGURATION.fromKey(cfg), "owner", handle, "items", items));
            for (int r = 0, n = 1 + random.nextInt(3); r < n; r++) {
                String key = "totals-rep-" + run + "-" + c + "-" + r;
                reports.add(row("sourceKey", key, "id", PublicId.REPORT.fromKey(key), "owner", handle, "configuration", cfg, "title", "Report " + r,
                        "occurredAt", now.minus(Duration.ofDays(random.nextInt(300))).atOffset(ZoneOffset.UTC),
                        "symptomKeys", List.of(symptomKeys.get(random.nextInt(symptomKeys.size())))));
            }
        }
        List<String> solutionIds = new ArrayList<>();
        List<Map<String, Object>> solutions = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            String key = "totals-sol-" + run + "-" + s;
            solutionIds.add(PublicId.SOLUTION.fromKey(key));
            solutions.add(row("sourceKey", key, "id", PublicId.SOLUTION.fromKey(key), "proposer", "totals-" + run + "-" + random.nextInt(30),
                    "title", "Fix " + s, "symptomKeys", List.of(symptomKeys.get(random.nextInt(symptomKeys.size())))));
        }
        List<Community.Confirmed> confirmed = new ArrayList<>();
        List<Map<String, Object>> confirmations = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            for (int s = 0; s < 12; s++) {
                if (random.nextDouble() > 0.3) {
                    continue;
                }
                String key = "totals-cf-" + run + "-" + c + "-" + s;
                Map<String, Object> cf = row("sourceKey", key, "id", PublicId.CONFIRMATION.fromKey(key), "customer", "totals-" + run + "-" + c,
                        "solution", "totals-sol-" + run + "-" + s, "configuration", "totals-cfg-" + run + "-" + c, "worked", random.nextDouble() < 0.6);
                if (confirmations.size() != 3) { // one dated when it is written
                    cf.put("at", now.minus(Duration.ofSeconds(random.nextInt(365 * 86_400))).atOffset(ZoneOffset.UTC));
                }
                confirmations.add(cf);
                confirmed.add(new Community.Confirmed(customerIds.get(c), solutionIds.get(s), configurationIds.get(c)));
            }
        }
        try (Session session = DRIVER.session()) {
            session.executeWriteWithoutResult(tx -> {
                SymptomImport.merge(tx, symptoms);
                RecordImport.CUSTOMERS.importBatch(tx, customers);
                RecordImport.CONFIGURATIONS.importBatch(tx, configurations);
                RecordImport.REPORTS.importBatch(tx, reports);
                RecordImport.SOLUTIONS.importBatch(tx, solutions);
            });
            // Two batches: the second adds to totals the first kept.
            session.executeWriteWithoutResult(tx -> RecordImport.CONFIRMATIONS.importBatch(tx, confirmations.subList(0, confirmations.size() / 2)));
            session.executeWriteWithoutResult(tx -> RecordImport.CONFIRMATIONS.importBatch(tx,
                    confirmations.subList(confirmations.size() / 2, confirmations.size())));
        }
        return new Community(customerIds, configurationIds, symptomKeys.stream().map(PublicId.SYMPTOM::fromKey).toList(), solutionIds, confirmed);
    }

    // ---- assertions -----------------------------------------------------------------------------------------------------

    /** Worked and the recency-weighted counts at {@code now} from the totals equal those summed over the confirmations. */
    private static void assertTotalsAreARecount(List<String> solutionIds, Instant now) {
        List<Record> rows = DRIVER.executableQuery("""
                        UNWIND $ids AS id
                        MATCH (sol:Solution {id: id})
                        OPTIONAL MATCH (sol)<-[:OF]-(cf:Confirmation)
                        WITH sol, cf, 0.5 ^ (duration.inSeconds(coalesce(cf.at, cf.createdAt), $now).seconds / 86400.0 / $h) AS w
                        RETURN sol.id AS id, count(CASE WHEN cf.worked THEN 1 END) AS worked, coalesce(sum(w), 0.0) AS recent,
                               sum(CASE WHEN cf.worked THEN w ELSE 0.0 END) AS recentWorked, max(coalesce(cf.at, cf.createdAt)) AS last,
                               coalesce(sol.confirmationsWorked, 0) AS keptWorked, %s AS keptRecent, %s AS keptRecentWorked,
                               sol.lastConfirmedAt AS keptLast
                        """.formatted(ConfirmationTotals.recent("sol", false), ConfirmationTotals.recent("sol", true)))
                .withParameters(Map.of("ids", solutionIds, "now", now.atOffset(ZoneOffset.UTC), "h", ConfirmationTotals.HALF_LIFE_DAYS))
                .execute().records();
        assertThat(rows).hasSize(solutionIds.size());
        for (Record r : rows) {
            String id = r.get("id").asString();
            assertThat(r.get("keptWorked").asLong()).as("worked of " + id).isEqualTo(r.get("worked").asLong());
            assertThat(r.get("keptRecent").asDouble()).as("recent of " + id).isCloseTo(r.get("recent").asDouble(), within(1e-6 * (1 + r.get("recent").asDouble())));
            assertThat(r.get("keptRecentWorked").asDouble()).as("recent worked of " + id).isCloseTo(r.get("recentWorked").asDouble(), within(1e-6 * (1 + r.get("recentWorked").asDouble())));
            assertThat(r.get("keptLast").isNull() ? null : r.get("keptLast").asZonedDateTime().toInstant())
                    .as("last confirmed " + id).isEqualTo(r.get("last").isNull() ? null : r.get("last").asZonedDateTime().toInstant());
        }
    }

    private static void assertSameAnswer(Record fresh, Record before, SolutionRanking ranking) {
        assertThat(ids(fresh.get("page"))).isEqualTo(ids(before.get("page")));
        assertSameRows(fresh.get("candidates"), before.get("candidates"));
        assertSameRows(fresh.get("everyone"), before.get("everyone"));
        assertSameRows(fresh.get("similar"), before.get("similar"));
        List<RankedSolution> a = ranking.rank(fresh, 50);
        List<RankedSolution> b = ranking.rank(before, 50);
        assertThat(a.stream().map(x -> x.solution().id()).toList()).isEqualTo(b.stream().map(x -> x.solution().id()).toList());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).rank()).isCloseTo(b.get(i).rank(), within(1e-6));
            assertThat(a.get(i).tried()).isEqualTo(b.get(i).tried());
        }
    }

    /**
     * The same rows by id, each field equal; numbers to 1e-6 of their size: the totals count a confirmation's age in whole
     * seconds of each date, the query as it was in whole seconds of their difference (at most a second apart, 3e-7 of a
     * weight at a half-life of 30 days), and sum in another order.
     */
    private static void assertSameRows(Value fresh, Value before) {
        Map<String, Map<String, Object>> a = byId(fresh);
        Map<String, Map<String, Object>> b = byId(before);
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((id, row) -> row.forEach((field, value) -> {
            Object other = b.get(id).get(field);
            if (value instanceof Double d) {
                assertThat(d).as(field + " of " + id).isCloseTo(((Number) other).doubleValue(), within(1e-6 * (1 + Math.abs(d))));
            } else {
                assertThat(value).as(field + " of " + id).isEqualTo(other);
            }
        }));
    }

    private static Map<String, Map<String, Object>> byId(Value rows) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        rows.asList(v -> v).forEach(v -> out.put(v.get("id").asString(), v.asMap()));
        return out;
    }

    private static List<String> ids(Value rows) {
        return rows.asList(v -> v.get("id").asString());
    }

    private static Map<String, List<Object>> totals(List<String> solutionIds) {
        Map<String, List<Object>> out = new HashMap<>();
        DRIVER.executableQuery("""
                        UNWIND $ids AS id MATCH (sol:Solution {id: id})
                        RETURN id, sol.confirmationsWorked AS worked, sol.recentWeight AS recent, sol.lastConfirmedAt AS last
                        """).withParameters(Map.of("ids", solutionIds)).execute().records()
                .forEach(r -> out.put(r.get("id").asString(), java.util.Arrays.asList(r.get("worked").asLong(0), r.get("recent").asDouble(0),
                        r.get("last").isNull() ? null : r.get("last").asZonedDateTime().toInstant())));
        return out;
    }

    private static void retrying(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (TransientDataAccessException e) {
                // A deadlock between two writers (Neo4j's transient error) is the caller's to retry, as the API tells its clients.
                if (attempt == 20) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
