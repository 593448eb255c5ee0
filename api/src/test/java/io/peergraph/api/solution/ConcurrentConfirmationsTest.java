package io.peergraph.api.solution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many customers confirming one solution at once (a popular fix on the day it is shared): each confirmation queues on
 * the lock of the solution's totals, and Neo4j may break a deadlock between two of them as the solution's node turns
 * dense. Every customer must get their confirmation, not "database busy", and the totals kept on the solution must
 * add up to the confirmations. Over HTTP against the shared Neo4j.
 */
@ApiTest
class ConcurrentConfirmationsTest {

    static final int CUSTOMERS = 60; // beyond Neo4j's dense-node threshold (50 relationships)

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    @Test
    void everyoneConfirmingOneSolutionAtOnceIsAnsweredAndCounted() throws Exception {
        String u = UUID.randomUUID().toString().substring(0, 8);
        String symptom = symptoms.findOrAdd("concurrent" + u + "/stutter", "Stutter " + u, null).id();
        String proposer = api.newCustomer();
        String solution = api.post(proposer, "mutation($s: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Cap the frame rate\"}) { id } }",
                Map.of("s", symptom)).data().path("proposeSolution").path("id").asText();
        List<String[]> confirmers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String token = api.newCustomer();
            String configuration = api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                    Map.of("i", Map.of("name", "rig", "items", List.of(Map.of("kind", "gpu", "value", "Radeon RX 580")))))
                    .data().path("createConfiguration").path("id").asText();
            confirmers.add(new String[] {token, configuration});
        }

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CUSTOMERS; i++) {
                String[] c = confirmers.get(i);
                boolean worked = i % 3 != 0;
                answers.add(pool.submit(() -> api.post(c[0],
                        "mutation($s: ID!, $c: ID!, $w: Boolean!) { confirmSolution(input: {solution: $s, configuration: $c, worked: $w}) { worked } }",
                        Map.of("s", solution, "c", c[1], "w", worked)).json()));
            }
            for (Future<JsonNode> answer : answers) {
                assertThat(answer.get().path("errors").isMissingNode()).as("answered without an error: %s", answer.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        long worked = CUSTOMERS - (CUSTOMERS + 2) / 3;
        JsonNode counts = api.post(proposer, "query($id: ID!) { solution(id: $id) { worked confirmations } }", Map.of("id", solution))
                .data().path("solution");
        assertThat(counts.path("confirmations").asInt()).isEqualTo(CUSTOMERS);
        assertThat(counts.path("worked").asInt()).isEqualTo(worked);
        long stored = SharedNeo4j.driver().executableQuery("""
                        MATCH (:Solution {id: $id})<-[:OF]-(c:Confirmation) RETURN count(c) AS all, count(CASE WHEN c.worked THEN 1 END) AS worked""")
                .withParameters(Map.of("id", solution)).execute().records().getFirst().get("worked").asLong();
        assertThat(stored).as("the confirmations themselves, which the kept totals above must match").isEqualTo(worked);
    }
}
