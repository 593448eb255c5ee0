package io.peergraph.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ApiTest
class AuditTrailTest {

    static final String EVENTS = "query($a: String) { auditEvents(action: $a, first: 100) { edges { node { by action target summary } } } }";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    @Test
    void deniedCallsSupportReadsAndPrivacyChangesAreAuditedForAdmins() {
        String alice = api.newCustomer();
        String config = api.post(alice, "mutation { createConfiguration(input: {name: \"pc\", items: [{kind: \"os\", value: \"Arch\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
        String symptom = symptoms.findOrAdd("test/audit", "Audit test", null).id();
        String report = api.post(alice, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"t\", privacy: PRIVATE}) { id } }",
                Map.of("c", config, "s", symptom)).data().path("reportSymptom").path("id").asText();
        api.post(alice, "mutation($id: ID!) { updateConfiguration(id: $id, input: {listedInPeers: false}) { id } }", Map.of("id", config)).data();

        String mallory = api.newCustomer();
        assertThat(api.post(mallory, "mutation($id: ID!) { deleteConfiguration(id: $id) }", Map.of("id", config)).errorCode()).isEqualTo("FORBIDDEN");
        String support = api.newCustomer(Role.SUPPORT);
        assertThat(api.post(support, "query($id: ID!) { report(id: $id) { id } }", Map.of("id", report)).data()
                .path("report").path("id").asText()).isEqualTo(report);

        String admin = api.newCustomer(Role.ADMIN);
        assertThat(targets(admin, "PRIVACY_CHANGED")).contains(config);
        assertThat(targets(admin, "SUPPORT_READ")).contains(report);
        JsonNode denied = api.post(admin, EVENTS, Map.of("a", "ACCESS_DENIED")).data().path("auditEvents").path("edges");
        assertThat(denied.findValuesAsText("summary")).anyMatch(s -> s.contains("deleteConfiguration"));
        assertThat(denied.findValuesAsText("summary")).anyMatch(s -> s.contains("deleteConfiguration") && s.contains("not yours"));
        assertThat(denied.findValuesAsText("by")).contains("subject:" + subjectOf(mallory));
        assertThat(denied.toString()).as("no token in the trail").doesNotContain("eyJ");

        assertThat(api.post(alice, EVENTS, Map.of("a", "SUPPORT_READ")).errorCode()).isEqualTo("FORBIDDEN");
    }

    private static String subjectOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }

    private List<String> targets(String admin, String action) {
        return api.post(admin, EVENTS, Map.of("a", action)).data().path("auditEvents").path("edges").findValuesAsText("target");
    }
}
