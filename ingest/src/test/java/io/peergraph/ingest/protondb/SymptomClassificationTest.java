package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.peers.PeerReport;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The symptom seeds and the keys imports produce are one vocabulary: every symptom an import creates is classified
 * under its seed concept as it arrives, and hierarchy-aware questions follow the taxonomy, not only the keys.
 */
class SymptomClassificationTest {

    static final String SYMPTOMS = ConceptHierarchy.SYMPTOM_SCHEME;

    private final Driver driver = SharedNeo4j.driver();

    @TempDir
    Path tmp;

    @BeforeEach
    void symptomSeedsOnly() {
        SharedNeo4j.wipe();
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/symptoms.ttl"));
    }

    @Test
    void everySymptomTheImportNamesIsASeedConceptUnderItsBroaderOne() {
        Model seeds = SeedCatalog.turtle("seeds/symptoms.ttl");
        for (io.peergraph.ingest.protondb.Symptom symptom : Symptoms.known()) {
            Optional<Resource> concept = byNotation(seeds, symptom.key());
            assertThat(concept).as("a seed concept with notation %s", symptom.key()).isPresent();
            if (symptom.broader() == null) {
                assertThat(concept.get().hasProperty(SKOS.topConceptOf)).as("%s is a top concept", symptom.key()).isTrue();
            } else {
                Resource broader = concept.get().getPropertyResourceValue(SKOS.broader);
                assertThat(broader).as("%s has a broader concept", symptom.key()).isNotNull();
                assertThat(broader.getProperty(SKOS.notation).getString()).as("broader of " + symptom.key()).isEqualTo(symptom.broader());
            }
        }
    }

    @Test
    void anImportClassifiesEverySymptomItCreatesAsTheyArrive() {
        importFixture();

        List<String> unclassified = driver.executableQuery("""
                MATCH (s:Symptom) WHERE NOT EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept {notation: s.key}) } RETURN s.key AS key""")
                .execute().records().stream().map(r -> r.get("key").asString()).toList();
        long classified = driver.executableQuery("MATCH (:Symptom)-[:CLASSIFIED_AS]->(:Concept) RETURN count(*) AS n").execute()
                .records().getFirst().get("n").asLong();

        assertThat(classified).isPositive();
        assertThat(unclassified).as("every imported symptom has its seed concept").isEmpty();
        assertThat(new ConceptHierarchy(GraphConnection.over(driver)).classifySymptoms(SYMPTOMS)).as("nothing left for the start-up pass").isZero();
    }

    @Test
    void aBroadSymptomFindsPeersWhoReportedANarrowerOne() {
        importFixture();
        // A questionnaire whose verdict is "no" files the report under stability/unplayable, not under stability itself.
        Record pair = peerPair("stability/unplayable", "stability");
        PeersWithSymptomQuery peers = new PeersWithSymptomQuery(Neo4jClient.create(driver));

        List<PeerReport> found = peers.run(null, pair.get("asker").asString(), symptomId("stability"), 0, 500, 0).orElseThrow().reports();

        assertThat(found).extracting(PeerReport::id).contains(pair.get("report").asString());
        assertThat(found).allMatch(r -> r.symptoms().stream().map(Symptom::key).anyMatch(k -> k.equals("stability") || k.startsWith("stability/")));
    }

    @Test
    void aModeratorsBroaderLinkWidensTheQuestionWithoutTouchingKeys() {
        importFixture();
        Record pair = peerPair("input/lag", "performance");
        PeersWithSymptomQuery peers = new PeersWithSymptomQuery(Neo4jClient.create(driver));
        String performance = symptomId("performance");
        String lagReport = pair.get("report").asString();
        assertThat(peers.run(null, pair.get("asker").asString(), performance, 0, 500, 0).orElseThrow().reports())
                .extracting(PeerReport::id).doesNotContain(lagReport);

        new Curation(driver).apply("cus_moderator", new CurationCommand.SetBroader(SYMPTOMS + "/input-lag", SYMPTOMS + "/performance"));

        assertThat(peers.run(null, pair.get("asker").asString(), performance, 0, 500, 0).orElseThrow().reports())
                .extracting(PeerReport::id).contains(lagReport);
    }

    @Test
    void aQuestionWiderThanOneLuceneQueryFindsTheSamePeers() {
        importFixture();
        Record pair = peerPair("stability/unplayable", "stability");
        PeersWithSymptomQuery peers = new PeersWithSymptomQuery(Neo4jClient.create(driver));
        String stability = symptomId("stability");
        List<String> before = peers.run(null, pair.get("asker").asString(), stability, 0, 500, 0).orElseThrow().reports().stream()
                .map(PeerReport::id).toList();
        long countBefore = peers.peerCount(pair.get("asker").asString(), stability);

        // A taxonomy with 2,000 narrower symptoms nobody reported: once three Lucene queries, now the same one term.
        driver.executableQuery("""
                MATCH (stability:Symptom {key: 'stability'})
                UNWIND range(1, 2000) AS n
                CREATE (:Symptom {id: 'sym_wide' + n, key: 'stability/wide-' + n, name: 'Wide ' + n})-[:BROADER]->(stability)""").execute();

        assertThat(peers.run(null, pair.get("asker").asString(), stability, 0, 500, 0).orElseThrow().reports()).extracting(PeerReport::id)
                .containsExactlyInAnyOrderElementsOf(before).contains(pair.get("report").asString());
        assertThat(peers.peerCount(pair.get("asker").asString(), stability)).isEqualTo(countBefore);
    }

    private void importFixture() {
        ImportRun run = ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(ProtonDbImportTest.fixture("questionnaire-sample.json")),
                tmp.resolve("rejected.jsonl"), 25, Progress.none());
        assertThat(run.succeeded()).isTrue();
    }

    /**
     * A shareable report showing {@code key} but not the symptom {@code area} itself, and another customer's configuration
     * sharing an item with it.
     */
    private Record peerPair(String key, String area) {
        return driver.executableQuery("""
                        MATCH (owner:Customer)-[:REPORTED]->(r:Report)-[:SHOWS]->(:Symptom {key: $key})
                        WHERE r.peerSymptoms IS NOT NULL AND NOT EXISTS { (r)-[:SHOWS]->(:Symptom {key: $area}) }
                        MATCH (r)-[:ON]->(:Configuration)-[:INCLUDES]->(:ConfigItem)<-[:INCLUDES]-(asker:Configuration)<-[:OWNS]-(other:Customer)
                        WHERE other <> owner
                        RETURN r.id AS report, asker.id AS asker ORDER BY r.id, asker.id LIMIT 1""")
                .withParameters(Map.of("key", key, "area", area)).execute().records().getFirst();
    }

    private String symptomId(String key) {
        return driver.executableQuery("MATCH (s:Symptom {key: $key}) RETURN s.id AS id").withParameters(Map.of("key", key)).execute()
                .records().getFirst().get("id").asString();
    }

    private static Optional<Resource> byNotation(Model model, String notation) {
        return model.listResourcesWithProperty(SKOS.notation, notation).toList().stream().findFirst();
    }
}
