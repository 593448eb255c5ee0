package io.peergraph.api.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tags on reports that go with a symptom are proposed to moderators as its synonyms or narrower symptoms (issue 19). */
@ApiTest
class SymptomTagCandidatesApiTest {

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    private final String u = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aTagOnHalfTheReportsOfASymptomAndNoOtherIsProposedAsANarrowerSymptomWithItsEvidence() {
        String key = "test/rattle-" + u;
        String symptom = symptoms.findOrAdd(key, "Rattle " + u, null).id();
        String customer = api.newCustomer();
        String configuration = api.post(customer, "mutation { createConfiguration(input: {name: \"pc\", items: [{kind: \"os\", value: \"Arch\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
        // Twelve reports of other symptoms too, so that the rattle is not on every report (the lift says it goes with the tag).
        String other = symptoms.findOrAdd("test/hum-" + u, "Hum " + u, null).id();
        for (int i = 0; i < 24; i++) {
            String report = api.post(customer, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"t\"}) { id } }",
                    Map.of("c", configuration, "s", i < 12 ? symptom : other)).data().path("reportSymptom").path("id").asText();
            assertThat(report).isNotEmpty();
            if (i < 12 && i % 2 == 0) {
                assertThat(api.post(customer, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { usageCount } }",
                        Map.of("t", report, "l", "fan rattle " + u)).data().path("tag").path("usageCount").asInt()).isEqualTo(i / 2 + 1);
            }
        }
        String query = """
                { symptomTagCandidates(minUses: 6, first: 100) { edges { node { tag { label } symptom { key } relation
                  tagReports symptomReports sharedReports confidence reverseConfidence lift exampleReportIds } } } }""";

        JsonNode all = api.post(api.newCustomer(Role.MODERATOR), query).data();
        JsonNode mine = StreamSupport.stream(all.path("symptomTagCandidates").path("edges").spliterator(), false)
                .map(e -> e.path("node")).filter(n -> n.path("tag").path("label").asText().equals("fan rattle " + u)).findFirst()
                .orElseThrow(() -> new AssertionError("not proposed: " + all));

        assertThat(mine.path("symptom").path("key").asText()).isEqualTo(key);
        assertThat(mine.path("relation").asText()).isEqualTo("NARROWER");
        assertThat(mine.path("tagReports").asInt()).isEqualTo(6);
        assertThat(mine.path("symptomReports").asInt()).isEqualTo(12);
        assertThat(mine.path("sharedReports").asInt()).isEqualTo(6);
        assertThat(mine.path("confidence").asDouble()).isEqualTo(1.0);
        assertThat(mine.path("reverseConfidence").asDouble()).isEqualTo(0.5);
        assertThat(mine.path("lift").asDouble()).isGreaterThanOrEqualTo(1.5);
        assertThat(mine.path("exampleReportIds")).hasSize(3);
        assertThat(api.post(customer, query).errorCode()).as("moderators only").isEqualTo("FORBIDDEN");
    }
}
