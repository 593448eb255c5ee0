package io.peergraph.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.symptom.SymptomProposalTest;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notification names a customer's symptom only to a recipient who may see it (SymptomVisibility): while it is a
 * candidate, only to those who described it; once approved, to everyone it concerns; and once that approval is undone,
 * again only to those who described it — including what others were told while it was approved, which their inbox, its
 * digest and its live pushes then give without the name. Through the API, the service's relay and the shared Neo4j.
 */
@ApiTest
class CandidateSymptomNotificationTest {

    static final String INBOX = "{ notifications(first: 50) { edges { node { kind title detail subjectId } } } }";
    static final String DIGEST = "{ notificationDigest { kind count latest { title detail } } }";
    static final String REPORT = """
            mutation($c: ID!, $s: [ID!]!, $t: String!) {
              reportSymptom(input: {configuration: $c, symptoms: $s, title: $t, privacy: COMMUNITY}) { id } }""";
    static final String DESCRIBE = """
            mutation($n: String!) { describeSymptom(input: {name: $n, noneFits: true}) { symptom { id } } }""";
    static final String FOLLOWING = "{ notificationPreferences { following { id name } } }";
    static final String PROPOSE = """
            mutation($s: [ID!]!, $t: String!) { proposeSolution(input: {symptoms: $s, title: $t}) { id } }""";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired NotificationRelay relay;

    @Test
    void aCandidatesNameReachesOnlyThoseWhoMaySeeItAndLeavesOthersInboxesWhenItsApprovalIsUndone() {
        String w = SymptomProposalTest.word();
        String name = w + " hum in the left speaker";
        String author = api.newCustomer();
        String joiner = api.newCustomer(); // described it by the same name: may see it whatever its status
        String other = api.newCustomer();
        String moderator = api.newCustomer(Role.MODERATOR);
        String noise = "Noise " + SymptomProposalTest.word();
        String everyone = symptoms.findOrAdd("test-" + w + "/noise", noise, null).id();

        String candidate = describe(author, name);
        assertThat(describe(joiner, name)).as("joined, not doubled").isEqualTo(candidate);
        report(author, List.of(everyone, candidate), "Humming");
        report(joiner, List.of(candidate), "Humming here too");
        report(other, List.of(everyone), "Noisy");
        relay.drain();

        // A candidate: a solution of it and of a public symptom reaches the other customer by the public one only.
        propose(author, List.of(everyone, candidate), "Reseat the cable");
        relay.drain();
        assertThat(details(other, "Reseat the cable")).containsExactly(noise);
        assertThat(details(joiner, "Reseat the cable")).containsExactly(name);

        // Approved: the other customer follows it and is told of it by name. (Nobody else reports it: a third
        // customer's report would approve it again by use.)
        String approval = api.post(moderator, "mutation($s: ID!) { approveSymptom(symptom: $s) { id } }", Map.of("s", candidate)).data()
                .path("approveSymptom").path("id").asText();
        api.post(other, "mutation($t: ID!) { follow(thing: $t) { id } }", Map.of("t", candidate)).data();
        assertThat(read(other, FOLLOWING)).contains(w);
        propose(author, List.of(candidate), "Ground the amplifier");
        relay.drain();
        assertThat(details(other, "Ground the amplifier")).containsExactly(name);

        // The approval undone: what the other customer was told no longer names it, anywhere they read it.
        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", approval)).data();
        assertThat(details(other, "Ground the amplifier")).as("the entry stays, without the name").containsExactly((String) null);
        assertThat(read(other, INBOX)).doesNotContain(w).contains("Ground the amplifier");
        assertThat(read(other, DIGEST)).doesNotContain(w);
        assertThat(read(other, FOLLOWING)).as("still followed, not named").contains(candidate).doesNotContain(w);
        assertThat(details(joiner, "Ground the amplifier")).as("one who described it still reads it").containsExactly(name);

        // New events name it to nobody else either: a solution of it, a new report of it (the other still follows it).
        propose(author, List.of(candidate), "Replace the power supply");
        report(author, List.of(candidate), "Humming again");
        relay.drain();
        assertThat(read(other, INBOX)).doesNotContain(w).doesNotContain("Replace the power supply").doesNotContain("Humming again");
        assertThat(details(joiner, "Replace the power supply")).containsExactly(name);
    }

    private String describe(String token, String name) {
        return api.post(token, DESCRIBE, Map.of("n", name)).data()
                .path("describeSymptom").path("symptom").path("id").asText();
    }

    private void report(String token, List<String> symptomIds, String title) {
        String configuration = api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "my pc", "items", List.of(Map.of("kind", "gpu", "value", "Radeon RX 580")))))
                .data().path("createConfiguration").path("id").asText();
        api.post(token, REPORT, Map.of("c", configuration, "s", symptomIds, "t", title)).data();
    }

    private void propose(String token, List<String> symptomIds, String title) {
        api.post(token, PROPOSE, Map.of("s", symptomIds, "t", title)).data();
    }

    private String read(String token, String query) {
        return api.post(token, query).data().toString();
    }

    /** The details of the caller's notifications titled {@code title}. */
    private List<String> details(String token, String title) {
        List<String> details = new ArrayList<>();
        for (JsonNode edge : api.post(token, INBOX).data().path("notifications").path("edges")) {
            if (title.equals(edge.path("node").path("title").asText())) {
                JsonNode detail = edge.path("node").path("detail");
                details.add(detail.isNull() ? null : detail.asText());
            }
        }
        return details;
    }
}
