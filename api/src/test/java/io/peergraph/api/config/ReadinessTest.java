package io.peergraph.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.search.SearchReadiness;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.testing.SearchIndexing;
import io.peergraph.graph.driver.GraphHealth;
import io.peergraph.graph.similarpeers.SimilarityIndex;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Readiness means ready: the probes over real HTTP, and the warm-up indicator on pieces built here. */
@ApiTest
class ReadinessTest {

    @Autowired GraphQlHttp api;
    @Autowired SearchIndexing search;
    @Autowired SearchReadiness searchReadiness;
    @Autowired Neo4jClient graph;
    @Autowired Driver driver;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessTurnsUpOnceWarmAndLivenessIsUp() throws Exception {
        HttpResponse<String> liveness = get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"UP\"");

        // Waits (up to five minutes: a busy machine starts Elasticsearch slowly) for the service to warm up.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        while (readiness.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("OUT_OF_SERVICE");
            Thread.sleep(500);
            readiness = get("/actuator/health/readiness");
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"warmUp\"").contains("\"readinessState\"");

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").contains("neo4j").contains("\"warmUp\"");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void warmUpIsOutOfServiceUntilTheSimilarityIndexIsBuilt() throws Exception {
        search.awaitUp();
        SimilarityIndex index = new SimilarityIndex(graph);
        WarmUpHealthIndicator warmUp = new WarmUpHealthIndicator(new GraphHealth(driver), searchReadiness, index);

        Health before = warmUp.health();
        assertThat(before.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(before.getDetails()).containsEntry("similarityIndex", "building")
                .containsEntry("graph", "answers").containsEntry("search", "up");

        index.catchUp();
        Health after = warmUp.health();
        assertThat(after.getStatus()).isEqualTo(Status.UP);
        assertThat((String) after.getDetails().get("similarityIndex")).startsWith("built: ");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
