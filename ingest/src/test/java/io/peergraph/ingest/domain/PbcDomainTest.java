package io.peergraph.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.peers.PeerAnswer;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.similarpeers.PartialMatch;
import io.peergraph.graph.similarpeers.SimilarConfiguration;
import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The second domain, end to end, with no Java that knows it: the PBC trial's taxonomy (domains/pbc/taxonomy.ttl) and
 * its fixture in the generic CSV format are loaded next to the PC facets, then the core questions are asked with the
 * domain's own kinds (stage, sex, age) and symptoms, and a moderator's merges change the answers. Expected numbers are
 * computed from the fixture files, not written down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PbcDomainTest {

    private static final String STAGES = "https://peergraph.io/taxonomy/pbc/stages/";

    private final DomainFixture domain = new DomainFixture("pbc");
    private final Driver driver = SharedNeo4j.driver();
    private final Neo4jClient client = Neo4jClient.create(driver);

    /** Patient id → items (kind → value) and symptoms, from the fixture. */
    private Map<Integer, Map<String, String>> items;
    private final Map<Integer, Set<String>> symptoms = new HashMap<>();
    private final Map<Integer, Boolean> alive = new HashMap<>();
    private final Map<Integer, String> arm = new HashMap<>();
    private Metric bilirubin;

    @BeforeAll
    void importTheDomain(@TempDir Path tmp) {
        // The PC domain is there too: the PBC answers must not depend on it, nor its answers on PBC.
        bilirubin = domain.load(new Metric(null, "bilirubin", "Serum bilirubin", "mg/dl", Metric.Direction.LOWER_IS_BETTER, 0.0, 30.0), tmp);
        items = domain.items();
        domain.rows("reports").forEach(r -> symptoms.put(DomainFixture.number(r.get("sourceKey")),
                r.get("symptoms").isEmpty() ? Set.of() : Set.of(r.get("symptoms").split(";"))));
        domain.rows("confirmations").forEach(r -> {
            alive.put(DomainFixture.number(r.get("sourceKey")), Boolean.parseBoolean(r.get("worked")));
            arm.put(DomainFixture.number(r.get("sourceKey")), r.get("solution"));
        });
    }

    private String configurationId(int patient) {
        return domain.configurationId("pbc:patient:" + patient);
    }

    private String ownerId(int patient) {
        return domain.ownerId("pbc-%03d".formatted(patient));
    }

    private long count(Predicate<Integer> patients) {
        return DomainFixture.count(items, patients);
    }

    private int first(Predicate<Integer> patients) {
        return DomainFixture.first(items, patients);
    }

    @Test
    @Order(1)
    void stageItemsAndSymptomsAreClassifiedByTheDomainsOwnSchemes() {
        Map<String, Object> row = client.query("""
                RETURN COUNT { (:ConfigItem {kind: 'stage'})-[:CLASSIFIED_AS]->(:Concept) } AS stages,
                       COUNT { (:ConfigItem {kind: 'stage'}) } AS stageItems,
                       COUNT { (s:Symptom) WHERE EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: 'https://peergraph.io/taxonomy/pbc/symptoms'}) } } AS symptoms,
                       COUNT { (:Symptom) } AS allSymptoms
                """).fetch().one().orElseThrow();
        assertThat(row).containsEntry("stages", 4L).containsEntry("stageItems", 4L);
        assertThat(row.get("symptoms")).isEqualTo(row.get("allSymptoms")).isEqualTo(6L);
    }

    @Test
    @Order(2)
    void peersWithEdemaIncludeEveryKindOfEdemaAndSayWhatWorkedForThem() {
        int me = first(p -> symptoms.get(p).contains("edema/despite-diuretics"));
        String edema = client.query("MATCH (s:Symptom {key: 'edema'}) RETURN s.id AS id").fetchAs(String.class).one().orElseThrow();
        // Peers: others with edema of either kind whose configuration shares an item with mine, or a concept of one: an
        // age of my age's generated band, a stage under my stage's broader one (early, advanced).
        Predicate<Integer> peer = p -> p != me && symptoms.get(p).stream().anyMatch(s -> s.startsWith("edema/")) && alike(me, p);

        PeersWithSymptomQuery query = new PeersWithSymptomQuery(client);
        assertThat(query.peerCount(configurationId(me), edema)).isEqualTo(count(peer)).isGreaterThan(20);
        PeerAnswer answer = query.run(ownerId(me), configurationId(me), edema, 0, 100, 10).orElseThrow();

        assertThat(answer.reports()).hasSize((int) count(peer));
        String range = decade(me) + "–" + (decade(me) + 10);
        String band = "age " + range;
        assertThat(answer.peers()).as("a peer of my age band shares it by its concept").anySatisfy(m -> assertThat(m.shared())
                .anySatisfy(share -> {
                    assertThat(share.mine().kind()).isEqualTo("age");
                    assertThat(share.family()).isEqualTo(band);
                    assertThat(share.conceptIri()).isEqualTo("https://peergraph.io/taxonomy/pbc/facets/families/age/" + range.replace("–", "%E2%80%93"));
                    assertThat(m.why()).contains("age of the concept " + band);
                }));
        assertThat(answer.reports()).allSatisfy(r -> assertThat(r.symptoms()).anySatisfy(s -> assertThat(s.key()).startsWith("edema/")));
        assertThat(answer.solutions()).extracting(s -> s.solution().title()).containsExactlyInAnyOrder("D-penicillamine", "Placebo");
        for (RankedSolution s : answer.solutions()) {
            String key = s.solution().title().equals("Placebo") ? "pbc:treatment:placebo" : "pbc:treatment:d-penicillamine";
            assertThat(s.total()).as(key).isEqualTo(count(peer.and(p -> arm.get(p).equals(key))));
            assertThat(s.worked()).as(key).isEqualTo(count(peer.and(p -> arm.get(p).equals(key) && alive.get(p))));
        }
    }

    /** The decade of a patient's age: the band numeric-range:10 puts it in. */
    private int decade(int patient) {
        return Integer.parseInt(items.get(patient).get("age")) / 10 * 10;
    }

    /** Shares an item with me, or the concept of one: the age band, the broader stage (1–2 early, 3–4 advanced). */
    private boolean alike(int me, int p) {
        Map<String, String> mine = items.get(me);
        Map<String, String> theirs = items.get(p);
        boolean early = Set.of("stage 1", "stage 2").contains(mine.get("stage"));
        return theirs.entrySet().stream().anyMatch(e -> e.getValue().equals(mine.get(e.getKey())))
                || decade(me) == decade(p)
                || theirs.get("stage") != null && mine.get("stage") != null && early == Set.of("stage 1", "stage 2").contains(theirs.get("stage"));
    }

    @Test
    @Order(1)
    void agesAreClassifiedIntoAGeneratedConceptPerBand() {
        List<Map<String, Object>> bands = List.copyOf(client.query("""
                MATCH (i:ConfigItem {kind: 'age'})-[:CLASSIFIED_AS]->(c:Concept)-[:IN_SCHEME]->(s:ConceptScheme)
                RETURN c.prefLabel_en AS band, c.origin AS origin, s.iri AS scheme, collect(i.value) AS ages
                """).fetch().all());
        assertThat(bands).hasSize((int) items.keySet().stream().map(this::decade).distinct().count());
        assertThat(bands).allSatisfy(b -> {
            assertThat(b.get("origin")).isEqualTo("GENERATED");
            assertThat(b.get("scheme")).isEqualTo("https://peergraph.io/taxonomy/pbc/facets/families/age");
            String band = (String) b.get("band");
            assertThat(band).startsWith("age ");
            int low = Integer.parseInt(band.substring("age ".length(), band.indexOf('–')));
            assertThat((List<?>) b.get("ages")).allSatisfy(age -> assertThat(Integer.parseInt((String) age) / 10 * 10).isEqualTo(low));
        });
        assertThat(client.query("RETURN COUNT { (i:ConfigItem {kind: 'age'}) WHERE NOT EXISTS { (i)-[:CLASSIFIED_AS]->() } } AS n")
                .fetchAs(Long.class).one()).contains(0L);
    }

    @Test
    @Order(3)
    void similarPeersMatchStagesThroughTheTaxonomyAndAgesByTheirDeclaredRange() {
        int me = first(p -> "stage 4".equals(items.get(p).get("stage")));
        String myAge = items.get(me).get("age");
        int decade = Integer.parseInt(myAge) / 10 * 10;
        SimilarPeersQuery query = new SimilarPeersQuery(client);

        List<SimilarConfiguration> byStage = query.run(new SimilarPeersQuery.Question(configurationId(me), Set.of(ownerId(me)),
                List.of("stage"), 400));
        assertThat(byStage.stream().filter(c -> !c.shared().isEmpty())).hasSize((int) count(p -> p != me && "stage 4".equals(items.get(p).get("stage"))));
        List<PartialMatch> partial = byStage.stream().flatMap(c -> c.partial().stream()).toList();
        assertThat(partial).hasSize((int) count(p -> "stage 3".equals(items.get(p).get("stage"))));
        assertThat(partial).allSatisfy(m -> {
            assertThat(m.viaTaxonomy()).isTrue();
            assertThat(m.theirs().value()).isEqualTo("stage 3");
        });

        List<SimilarConfiguration> byAge = query.run(new SimilarPeersQuery.Question(configurationId(me), Set.of(ownerId(me)),
                List.of("age"), 400));
        Predicate<Integer> sameDecade = p -> p != me && Integer.parseInt(items.get(p).get("age")) / 10 * 10 == decade;
        assertThat(byAge).hasSize((int) count(sameDecade));
        assertThat(byAge.stream().flatMap(c -> c.partial().stream())).allSatisfy(m -> {
            // Through the age band's generated concept (the rule's family, which a moderator may curate).
            assertThat(m.viaTaxonomy()).isTrue();
            assertThat(m.family()).isEqualTo("age " + decade + "–" + (decade + 10));
        }).hasSize((int) count(sameDecade.and(p -> !items.get(p).get("age").equals(myAge))));
        // Most similar first: sharing the exact age weighs more than sharing its decade.
        assertThat(byAge.getFirst().shared()).extracting(i -> i.value()).containsExactly(myAge);
    }

    private static int reported(long customers) {
        return customers < 100 ? (int) (customers / 5 * 5) : (int) customers;
    }

    private BenchmarkAnswer.Answered benchmark(int me, Cohort cohort) {
        BenchmarkAnswer answer = new BenchmarkQuery(client).run(new BenchmarkQuery.Question(configurationId(me), bilirubin, cohort,
                Set.of(ownerId(me)), 5)).orElseThrow();
        assertThat(answer).isInstanceOf(BenchmarkAnswer.Answered.class);
        return (BenchmarkAnswer.Answered) answer;
    }

    /**
     * A woman in stage 4 whose exact age fewer than k other women in stage 3 or 4 share: her deepest answerable cohort is
     * "same stage, same sex" before and after stage 3 is merged into stage 4.
     */
    private int womanInStage4OfARareAge() {
        return first(me -> "stage 4".equals(items.get(me).get("stage")) && "female".equals(items.get(me).get("sex"))
                && count(p -> p != me && "female".equals(items.get(p).get("sex")) && Set.of("stage 3", "stage 4").contains(items.get(p).get("stage"))
                        && items.get(p).get("age").equals(items.get(me).get("age"))) < 5);
    }

    @Test
    @Order(4)
    void theBenchmarkClimbsTheDomainsOwnLadder() {
        int me = womanInStage4OfARareAge();
        BenchmarkAnswer.Answered answer = benchmark(me, Cohort.SIMILAR_PEERS);

        assertThat(answer.cohort().depth()).isEqualTo(3); // root, product, stage, sex: the exact age is too rare
        assertThat(answer.cohort().description()).isEqualTo("same product: none, same stage: stage 4, same sex: female");
        assertThat(answer.customers()).isEqualTo(reported(count(p -> p != me && "stage 4".equals(items.get(p).get("stage"))
                && "female".equals(items.get(p).get("sex")))));
        assertThat(benchmark(me, Cohort.SAME_PRODUCT).customers()).isEqualTo(reported(items.size() - 1));
    }

    @Test
    @Order(5)
    void aModeratorsMergeOfTwoStageConceptsChangesTheCohortsAndTheFamilies() {
        int me = womanInStage4OfARareAge();
        Predicate<Integer> stage4Women = p -> p != me && "female".equals(items.get(p).get("sex")) && "stage 4".equals(items.get(p).get("stage"));
        Predicate<Integer> stage3Women = p -> "female".equals(items.get(p).get("sex")) && "stage 3".equals(items.get(p).get("stage"));
        int early = first(p -> "stage 2".equals(items.get(p).get("stage")));
        SimilarPeersQuery similar = new SimilarPeersQuery(client);
        SimilarPeersQuery.Question earlyByStage = new SimilarPeersQuery.Question(configurationId(early), Set.of(ownerId(early)), List.of("stage"), 400);
        assertThat(similar.run(earlyByStage).stream().flatMap(c -> c.partial().stream()))
                .allSatisfy(m -> assertThat(m.theirs().value()).isEqualTo("stage 1"));
        assertThat(benchmark(me, Cohort.SIMILAR_PEERS).customers())
                .isEqualTo(reported(count(stage4Women)));

        Curation curation = new Curation(driver);
        // Stage 3 is stage 4 now: one cohort.
        assertThat(curation.apply("cus_moderator", new CurationCommand.MergeConcepts(STAGES + "stage-3", STAGES + "stage-4")))
                .isInstanceOf(CurationResult.Applied.class);
        BenchmarkAnswer.Answered merged = benchmark(me, Cohort.SIMILAR_PEERS);
        assertThat(merged.cohort().depth()).isEqualTo(3);
        assertThat(merged.customers()).isEqualTo(reported(count(stage4Women.or(stage3Women))));

        // Early disease is advanced disease now: every other stage is in the family of stage 2.
        assertThat(curation.apply("cus_moderator", new CurationCommand.MergeConcepts(STAGES + "early", STAGES + "advanced")))
                .isInstanceOf(CurationResult.Applied.class);
        assertThat(similar.run(earlyByStage).stream().flatMap(c -> c.partial().stream()).map(m -> m.theirs().value()).distinct())
                .containsExactlyInAnyOrder("stage 1", "stage 3", "stage 4");
    }
}
