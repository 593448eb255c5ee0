package io.peergraph.seeds.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.peers.SignatureResign;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/**
 * A report's peer signature carries the concepts above its symptoms, so moving a concept moves the reports under it:
 * in the moderator's transaction when they are few, through the re-sign queue (batch by batch, nothing lost) when many.
 */
class PeerSignatureFollowsTheTaxonomyTest {

    static final String SYMPTOMS = ConceptHierarchy.SYMPTOM_SCHEME;
    static final String PERFORMANCE = PublicId.CONCEPT.fromKey(SYMPTOMS + "/performance");
    static final String AUDIO = PublicId.CONCEPT.fromKey(SYMPTOMS + "/audio");

    private Driver driver;
    private Curation curation;

    @BeforeEach
    void seedsAndClassifiedSymptoms() {
        driver = TaxonomyStore.empty();
        curation = new Curation(driver);
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/symptoms.ttl"));
        driver.executableQuery("""
                UNWIND ['input', 'input/lag', 'audio', 'audio/crackling', 'performance'] AS key
                CREATE (:Symptom {id: 'sym_' + replace(key, '/', '_'), key: key, name: key})
                """).execute();
        driver.executableQuery("""
                MATCH (lag:Symptom {key: 'input/lag'}), (input:Symptom {key: 'input'}),
                      (crackling:Symptom {key: 'audio/crackling'}), (audio:Symptom {key: 'audio'})
                CREATE (lag)-[:BROADER]->(input), (crackling)-[:BROADER]->(audio)
                """).execute();
        new ConceptHierarchy(GraphConnection.over(driver)).classifySymptoms(SYMPTOMS);
        driver.executableQuery("""
                CREATE (o:Customer {id: 'cus_owner'})-[:OWNS]->(:Configuration {id: 'cfg_pc', privacy: 'COMMUNITY', listedInPeers: true})
                       -[:INCLUDES]->(:ConfigItem {id: 'cfi_gpu', key: 'gpu:x', kind: 'gpu', value: 'x'})
                """).execute();
    }

    @Test
    void aModeratorsBroaderLinkReSignsTheReportsUnderItInItsTransactionAndUndoTakesItBack() {
        reports("lag", 3, "sym_input_lag");
        reports("crackle", 1, "sym_audio_crackling");
        assertThat(signatures("lag")).allMatch(s -> s.contains("sym_input_lag") && s.contains("sym_input") && !s.contains(PERFORMANCE));
        assertThat(signatures("crackle")).allMatch(s -> s.contains(AUDIO));

        var moved = (CurationResult.Applied) curation.apply("cus_moderator",
                new CurationCommand.SetBroader(SYMPTOMS + "/input-lag", SYMPTOMS + "/performance"));
        assertThat(signatures("lag")).allMatch(s -> s.contains(PERFORMANCE));
        assertThat(SignatureResign.pending(driver)).isZero();

        curation.undo("cus_moderator", moved.event().id());
        assertThat(signatures("lag")).noneMatch(s -> s.contains(PERFORMANCE));

        curation.apply("cus_moderator", new CurationCommand.RemoveBroader(SYMPTOMS + "/audio-crackling", SYMPTOMS + "/audio"));
        assertThat(signatures("crackle")).as("still under audio by key, no longer through the taxonomy")
                .allMatch(s -> s.contains("sym_audio") && !s.contains(AUDIO));
    }

    @Test
    void aWideChangeIsQueuedAndDrainedBatchByBatchWithoutLosingAReport() {
        int many = SignatureResign.INLINE_LIMIT + SignatureResign.BATCH + 10;
        reports("lag", many, "sym_input_lag");

        curation.apply("cus_moderator", new CurationCommand.SetBroader(SYMPTOMS + "/input-lag", SYMPTOMS + "/performance"));
        assertThat(SignatureResign.pending(driver)).isEqualTo(1);
        assertThat(signatures("lag")).noneMatch(s -> s.contains(PERFORMANCE));

        assertThat(SignatureResign.drainBatch(driver)).isEqualTo(SignatureResign.BATCH);
        assertThat(signatures("lag")).filteredOn(s -> s.contains(PERFORMANCE)).hasSize(SignatureResign.BATCH);
        assertThat(SignatureResign.pending(driver)).as("the rest waits, cursor moved on").isEqualTo(1);

        assertThat(SignatureResign.drain(driver)).isEqualTo(many - SignatureResign.BATCH);
        assertThat(signatures("lag")).hasSize(many).allMatch(s -> s.contains(PERFORMANCE));
        assertThat(SignatureResign.pending(driver)).isZero();
        assertThat(SignatureResign.drainBatch(driver)).isEqualTo(-1);
    }

    @Test
    void aSymptomClassifiedLaterBringsItsConceptsToTheReportsThatShowIt() {
        driver.executableQuery("CREATE (:Symptom {id: 'sym_graphics', key: 'graphics', name: 'graphics'})").execute();
        reports("gfx", 2, "sym_graphics");
        String graphical = PublicId.CONCEPT.fromKey(SYMPTOMS + "/graphical");
        assertThat(signatures("gfx")).noneMatch(s -> s.contains(graphical));

        assertThat(new ConceptHierarchy(GraphConnection.over(driver)).classifySymptoms(SYMPTOMS)).isEqualTo(1);

        assertThat(signatures("gfx")).allMatch(s -> s.contains(graphical));
    }

    private void reports(String prefix, int count, String symptomId) {
        List<String> ids = IntStream.range(0, count).mapToObj(i -> "rep_" + prefix + "_" + i).toList();
        driver.executableQuery("""
                MATCH (o:Customer {id: 'cus_owner'})-[:OWNS]->(cfg:Configuration), (s:Symptom {id: $symptom})
                UNWIND $ids AS id
                CREATE (o)-[:REPORTED]->(r:Report {id: id, privacy: 'COMMUNITY'})-[:ON]->(cfg)
                CREATE (r)-[:SHOWS]->(s)
                """).withParameters(Map.of("ids", ids, "symptom", symptomId)).execute();
        driver.executableQuery(PeerSignature.REFRESH).withParameters(Map.of("reportIds", ids)).execute();
    }

    /** Each report's signature terms. */
    private List<Set<String>> signatures(String prefix) {
        return driver.executableQuery("MATCH (r:Report) WHERE r.id STARTS WITH $p RETURN r.peerSymptoms AS s")
                .withParameters(Map.of("p", "rep_" + prefix + "_")).execute().records().stream()
                .map(r -> Set.of(r.get("s").asString().strip().split(" +"))).toList();
    }
}
