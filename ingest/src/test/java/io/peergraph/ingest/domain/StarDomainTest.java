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
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import io.peergraph.graph.testing.SharedNeo4j;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
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
 * A third domain, written by following docs/adding-a-domain.md alone: pupils of Tennessee's STAR class-size experiment
 * (domains/star), whose kindergarten class is the configuration, a score behind the median the symptom and the
 * grade-1 class type the solution. Loaded next to the PC facets; the core questions are asked with its kinds (lunch,
 * school, gender, birth, teacher_degree, teacher_experience) and a moderator's merge of two school areas changes the
 * answers. Expected numbers are computed from the fixture files, not written down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StarDomainTest {

    private static final String AREAS = "https://peergraph.io/taxonomy/star/school-areas/";
    private static final Set<String> CITY = Set.of("inner-city", "urban");
    private static final Set<String> GRADUATE = Set.of("master", "master+", "specialist");

    private final DomainFixture domain = new DomainFixture("star");
    private final Driver driver = SharedNeo4j.driver();
    private final Neo4jClient client = Neo4jClient.create(driver);

    /** Pupil id → items (kind → value), symptoms, the grade-1 class tried and whether it worked; who was measured. */
    private Map<Integer, Map<String, String>> items;
    private final Map<Integer, Set<String>> symptoms = new HashMap<>();
    private final Map<Integer, String> arm = new HashMap<>();
    private final Map<Integer, Boolean> caughtUp = new HashMap<>();
    private final Set<Integer> measured = new HashSet<>();
    private Metric reading;

    @BeforeAll
    void importTheDomain(@TempDir Path tmp) {
        reading = domain.load(new Metric(null, "reading_score", "Reading score at the end of kindergarten", "SAT scaled score",
                Metric.Direction.HIGHER_IS_BETTER, 200.0, 800.0), tmp);
        items = domain.items();
        items.keySet().forEach(p -> symptoms.put(p, Set.of()));
        domain.rows("reports").forEach(r -> symptoms.put(DomainFixture.number(r.get("sourceKey")), Set.of(r.get("symptoms").split(";"))));
        domain.rows("confirmations").forEach(r -> {
            arm.put(DomainFixture.number(r.get("sourceKey")), r.get("solution"));
            caughtUp.put(DomainFixture.number(r.get("sourceKey")), Boolean.parseBoolean(r.get("worked")));
        });
        domain.rows("measurements").forEach(r -> measured.add(DomainFixture.number(r.get("sourceKey"))));
    }

    private String configurationId(int pupil) {
        return domain.configurationId("star:k:" + pupil);
    }

    private String ownerId(int pupil) {
        return domain.ownerId("star-" + pupil);
    }

    private String symptomId(String key) {
        return client.query("MATCH (s:Symptom {key: $key}) RETURN s.id AS id").bind(key).to("key").fetchAs(String.class).one().orElseThrow();
    }

    private String item(int pupil, String kind) {
        return items.get(pupil).get(kind);
    }

    private long count(Predicate<Integer> pupils) {
        return DomainFixture.count(items, pupils);
    }

    private int first(Predicate<Integer> pupils) {
        return DomainFixture.first(items, pupils);
    }

    @Test
    @Order(1)
    void schoolsAndDegreesAreClassifiedByTheDomainsSchemesAndSymptomsAreNamedByIt() {
        Map<String, String> classified = new HashMap<>();
        client.query("""
                MATCH (i:ConfigItem)-[:CLASSIFIED_AS]->(c:Concept) WHERE i.kind IN ['school', 'teacher_degree']
                RETURN i.value AS value, c.iri AS iri
                """).fetch().all().forEach(r -> classified.put((String) r.get("value"), (String) r.get("iri")));
        assertThat(classified).containsEntry("inner-city", AREAS + "inner-city").containsEntry("urban", AREAS + "urban")
                .containsEntry("suburban", AREAS + "suburban").containsEntry("rural", AREAS + "rural")
                .containsEntry("master+", "https://peergraph.io/taxonomy/star/degrees/master-plus")
                .containsEntry("master", "https://peergraph.io/taxonomy/star/degrees/master");

        // Every symptom is the domain's, named by its concept's prefLabel rather than by the last part of its key.
        Map<String, String> names = new HashMap<>();
        client.query("""
                MATCH (s:Symptom)-[:CLASSIFIED_AS]->(:Concept)-[:IN_SCHEME]->(:ConceptScheme {iri: 'https://peergraph.io/taxonomy/star/symptoms'})
                RETURN s.key AS key, s.name AS name
                """).fetch().all().forEach(r -> names.put((String) r.get("key"), (String) r.get("name")));
        assertThat(names).containsEntry("reading/lowest-quarter", "Reading in the lowest quarter")
                .containsEntry("math/below-median", "Maths below the median, not in the lowest quarter")
                .containsEntry("math", "Behind in maths").hasSize(6);
        assertThat(client.query("RETURN COUNT { (:Symptom) } AS n").fetchAs(Long.class).one()).contains(6L);

        // Quarters of birth fall in a generated concept per year (prefix:4).
        assertThat(client.query("""
                MATCH (i:ConfigItem {kind: 'birth'})-[:CLASSIFIED_AS]->(c:Concept {origin: 'GENERATED'})
                RETURN count(DISTINCT c) AS years, count(i) AS quarters, COUNT { (:ConfigItem {kind: 'birth'}) } AS all
                """).fetch().one().orElseThrow()).containsEntry("years", items.values().stream().map(i -> i.get("birth"))
                .filter(b -> b != null).map(b -> b.substring(0, 4)).distinct().count())
                .satisfies(r -> assertThat(r.get("quarters")).isEqualTo(r.get("all")));
    }

    /** Shares an item with me, or the concept of one: the year of birth, the five years of experience, the broader area or degree. */
    private boolean alike(int me, int p) {
        Map<String, String> mine = items.get(me);
        Map<String, String> theirs = items.get(p);
        return theirs.entrySet().stream().anyMatch(e -> e.getValue().equals(mine.get(e.getKey())))
                || both(mine, theirs, "birth") && mine.get("birth").substring(0, 4).equals(theirs.get("birth").substring(0, 4))
                || both(mine, theirs, "teacher_experience") && Integer.parseInt(mine.get("teacher_experience")) / 5
                        == Integer.parseInt(theirs.get("teacher_experience")) / 5
                || both(mine, theirs, "school") && CITY.contains(mine.get("school")) && CITY.contains(theirs.get("school"))
                || both(mine, theirs, "teacher_degree") && GRADUATE.contains(mine.get("teacher_degree"))
                        && GRADUATE.contains(theirs.get("teacher_degree"));
    }

    private static boolean both(Map<String, String> mine, Map<String, String> theirs, String kind) {
        return mine.get(kind) != null && theirs.get(kind) != null;
    }

    @Test
    @Order(2)
    void peersBehindInReadingSayWhichGradeOneClassHelpedThemCatchUp() {
        int me = first(p -> symptoms.get(p).contains("reading/lowest-quarter") && arm.containsKey(p));
        Predicate<Integer> peer = p -> p != me && symptoms.get(p).contains("reading/lowest-quarter") && alike(me, p);
        PeersWithSymptomQuery query = new PeersWithSymptomQuery(client);
        String lowest = symptomId("reading/lowest-quarter");
        // Fewer peers than the pool whose confirmations rank the solutions: every one of them counts below.
        assertThat(query.peerCount(configurationId(me), lowest)).isEqualTo(count(peer)).isBetween(100L, (long) PeersWithSymptomQuery.SOLUTION_POOL);

        PeerAnswer answer = query.run(ownerId(me), configurationId(me), lowest, 0, 100, 10).orElseThrow();
        assertThat(answer.reports()).hasSize(100).allSatisfy(r -> assertThat(r.symptoms()).anySatisfy(s -> assertThat(s.key()).isEqualTo("reading/lowest-quarter")));
        assertThat(answer.solutions()).extracting(s -> s.solution().title()).containsExactlyInAnyOrder(
                "Small class in grade 1", "Regular class in grade 1", "Regular class with a teacher's aide in grade 1");
        for (RankedSolution s : answer.solutions()) {
            String key = switch (s.solution().title()) {
                case "Small class in grade 1" -> "star:grade1:small";
                case "Regular class in grade 1" -> "star:grade1:regular";
                default -> "star:grade1:regular-with-aide";
            };
            assertThat(s.total()).as(key).isEqualTo(count(peer.and(p -> key.equals(arm.get(p))))).isPositive();
            assertThat(s.worked()).as(key).isEqualTo(count(peer.and(p -> key.equals(arm.get(p)) && caughtUp.get(p))));
        }

        // The broader symptom finds both kinds of "behind in reading".
        assertThat(query.peerCount(configurationId(me), symptomId("reading")))
                .isEqualTo(count(p -> p != me && symptoms.get(p).stream().anyMatch(s -> s.startsWith("reading/")) && alike(me, p)));
    }

    private int urbanPupil() {
        return first(p -> "urban".equals(item(p, "school")) && "free".equals(item(p, "lunch")) && measured.contains(p)
                && count(q -> q != p && measured.contains(q) && "urban".equals(item(q, "school")) && "free".equals(item(q, "lunch"))
                        && item(p, "gender").equals(item(q, "gender"))) >= 10);
    }

    private List<PartialMatch> bySchool(int me) {
        List<SimilarConfiguration> peers = new SimilarPeersQuery(client).run(new SimilarPeersQuery.Question(configurationId(me),
                Set.of(ownerId(me)), List.of("school"), 400));
        assertThat(peers.stream().filter(c -> !c.shared().isEmpty())).hasSize((int) count(p -> p != me && "urban".equals(item(p, "school"))));
        return peers.stream().flatMap(c -> c.partial().stream()).toList();
    }

    @Test
    @Order(3)
    void similarPeersMatchInnerCitySchoolsToUrbanOnesThroughTheCityConcept() {
        List<PartialMatch> partial = bySchool(urbanPupil());
        assertThat(partial).hasSize((int) count(p -> "inner-city".equals(item(p, "school")))).allSatisfy(m -> {
            assertThat(m.viaTaxonomy()).isTrue();
            assertThat(m.theirs().value()).isEqualTo("inner-city");
        });
    }

    private static int reported(long customers) {
        return customers < 100 ? (int) (customers / 5 * 5) : (int) customers;
    }

    private BenchmarkAnswer.Answered benchmark(int me) {
        BenchmarkAnswer answer = new BenchmarkQuery(client).run(new BenchmarkQuery.Question(configurationId(me), reading, Cohort.SIMILAR_PEERS,
                Set.of(ownerId(me)), 5)).orElseThrow();
        assertThat(answer).isInstanceOf(BenchmarkAnswer.Answered.class);
        return (BenchmarkAnswer.Answered) answer;
    }

    @Test
    @Order(4)
    void theBenchmarkClimbsTheDomainsOwnLadderAndAMergeOfTwoSchoolAreasWidensIt() {
        int me = urbanPupil();
        String gender = item(me, "gender");
        Predicate<Integer> sameLunchAndGender = p -> p != me && measured.contains(p) && "free".equals(item(p, "lunch"))
                && gender.equals(item(p, "gender"));

        BenchmarkAnswer.Answered before = benchmark(me);
        assertThat(before.cohort().depth()).isEqualTo(4); // root, product, lunch, school, gender
        assertThat(before.cohort().description()).isEqualTo("same product: none, same lunch: free, same school: urban, same gender: " + gender);
        assertThat(before.customers()).isEqualTo(reported(count(sameLunchAndGender.and(p -> "urban".equals(item(p, "school"))))));

        Curation curation = new Curation(driver);
        assertThat(curation.apply("cus_moderator", new CurationCommand.MergeConcepts(AREAS + "urban", AREAS + "inner-city")))
                .isInstanceOf(CurationResult.Applied.class);

        BenchmarkAnswer.Answered after = benchmark(me);
        assertThat(after.cohort().description())
                .isEqualTo("same product: none, same lunch: free, same school: urban (as Inner city), same gender: " + gender);
        assertThat(after.customers()).isEqualTo(reported(count(sameLunchAndGender.and(p -> CITY.contains(item(p, "school"))))))
                .isGreaterThan(before.customers());
        // Inner-city schools are urban ones' own concept now, no longer relatives through City.
        assertThat(bySchool(me)).allSatisfy(m -> assertThat(m.conceptIri()).isEqualTo(AREAS + "inner-city"))
                .hasSize((int) count(p -> "inner-city".equals(item(p, "school"))));
    }
}
