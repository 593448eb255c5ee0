package io.peergraph.ingest.protondb;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerAnswer;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.peers.SolutionRanking;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.ingest.ImportCommand;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The ranking of peersWithSymptom's solutions (SolutionRanking) on imported ProtonDB reports, asked as a new customer
 * whose configuration shares the RAM size with every reporter: how often a solution is tried counts beside how often
 * it worked, the asked product's own reports weigh most, and a solution nobody tried yet is listed, marked new.
 */
class SolutionRankingTest {

    private static final Instant NOW = Instant.parse("2020-03-01T00:00:00Z");
    private static final String CRACKLING = PublicId.SYMPTOM.fromKey("audio/crackling");
    private static final String CURRENT = PublicId.SOLUTION.fromKey("protondb:solution:proton:5.0-7");
    private static final String OBSCURE = PublicId.SOLUTION.fromKey("protondb:solution:proton:4.11-13");
    private static final String NO_ESYNC = PublicId.SOLUTION.fromKey("protondb:solution:launch-flag:disableEsync");
    private static final String ASKED_GAME = PublicId.PRODUCT.fromKey("steam:300");

    private final Driver driver = SharedNeo4j.driver();
    private final Neo4jClient client = Neo4jClient.create(driver);

    @TempDir
    Path tmp;

    String configurationId;
    String customerId;

    @BeforeEach
    void community() throws IOException {
        SharedNeo4j.wipe();
        List<String> reports = new ArrayList<>();
        // Proton 5.0-7 on other games: tried by twenty, worked for twelve.
        for (int i = 0; i < 20; i++) {
            reports.add(report(200, i, i < 12, "\"protonVersion\": \"5.0-7\""));
        }
        // Proton 4.11-13: tried by three, worked for all three.
        for (int i = 0; i < 3; i++) {
            reports.add(report(200, 100 + i, true, "\"protonVersion\": \"4.11-13\""));
        }
        // The asked game: ten reports that disabled esync, all worked.
        for (int i = 0; i < 10; i++) {
            reports.add(report(300, 200 + i, true, "\"launchFlagsUsed\": {\"disableEsync\": true}"));
        }
        Path file = tmp.resolve("reports.json");
        Files.writeString(file, "[" + String.join(",\n", reports) + "]");
        ImportRun run = ImportCommand.run(GraphConnection.over(driver), "protondb", List.of(file), tmp.resolve("rejected.jsonl"), 25, Progress.none());
        assertThat(run.succeeded()).isTrue();

        customerId = PublicId.CUSTOMER.fromKey("handle:asker");
        client.query("CREATE (:Customer {id: $id, handle: 'asker', kind: 'PERSON', createdAt: datetime(), updatedAt: datetime()})")
                .bind(customerId).to("id").run();
        configurationId = new ConfigurationStore(client).create(new ConfigurationStore.NewConfiguration(customerId, "mine",
                Privacy.COMMUNITY, true, true, null, List.of(new ConfigItemValue("ram", "16 GB"), new ConfigItemValue("gpu", "my own gpu")))).id();
    }

    @Test
    void aSolutionTriedByManyOutranksOneTriedByAFewWhoAllSucceeded() {
        List<String> ranked = ask(null).stream().map(s -> s.solution().id()).toList();
        assertThat(ranked.indexOf(CURRENT)).as(ranked.toString()).isLessThan(ranked.indexOf(OBSCURE)).isZero();
    }

    @Test
    void theAskedProductsOwnReportsWeighMost() {
        List<RankedSolution> withProduct = ask(ASKED_GAME);
        assertThat(withProduct.getFirst().solution().id()).isEqualTo(NO_ESYNC);
        assertThat(withProduct.getFirst().productWorked()).isEqualTo(10);
        assertThat(withProduct.getFirst().productTried()).isEqualTo(10);
        assertThat(ask(null).getFirst().solution().id()).isEqualTo(CURRENT);
    }

    @Test
    void aSolutionNobodyTriedYetIsListedMarkedNew() {
        SolutionStore solutions = new SolutionStore(client);
        Solution fresh = solutions.propose(new SolutionStore.NewSolution(customerId, List.of(CRACKLING), "Use PulseAudio's latency setting",
                "PULSE_LATENCY_MSEC=60 %command%", Solution.Kind.LAUNCH_OPTION, null));
        List<RankedSolution> answer = ask(null);
        assertThat(answer.getLast().solution().id()).isEqualTo(fresh.id());
        assertThat(answer.getLast().isNew()).isTrue();
        assertThat(answer.getLast().tried()).isZero();
        assertThat(answer.stream().filter(s -> !s.solution().id().equals(fresh.id()))).noneMatch(RankedSolution::isNew);
    }

    private List<RankedSolution> ask(String productId) {
        PeerAnswer answer = new PeersWithSymptomQuery(client).run(customerId, configurationId, CRACKLING, productId, NOW, 0, 10, 10,
                SolutionRanking.DEFAULT).orElseThrow();
        return answer.solutions();
    }

    /** A questionnaire report of crackling audio on a system of its own (but the common RAM size), days before NOW. */
    private static String report(int appId, int system, boolean worked, String tried) {
        long at = NOW.getEpochSecond() - 86_400L * (1 + system % 30);
        return """
                {"app": {"steam": {"appId": "%d"}, "title": "Game %d"}, "timestamp": %d,
                 "systemInfo": {"gpu": "GPU model %d", "ram": "16 GB", "kernel": "5.4.0-%d-generic"},
                 "responses": {"verdict": "%s", "audioFaults": "yes", "followUp": {"audioFaults": {"crackling": true}}, %s}}
                """.formatted(appId, appId, at, system, system, worked ? "yes" : "no", tried);
    }
}
