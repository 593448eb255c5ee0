package io.peergraph.api.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * peersWithSymptom follows a moderator's curation at once: a report becomes findable under a concept newly broader
 * than its symptom's, and is no longer after the link is removed or the change undone (the reports' peer signatures
 * are re-signed in the curation's transaction). Two concepts of the symptom scheme of this test's own, as a seed
 * release would add them, so other tests' data cannot interfere.
 */
@ApiTest
class PeersFollowCurationTest {

    static final String SYMPTOMS = ConceptHierarchy.SYMPTOM_SCHEME;

    @Autowired GraphQlHttp api;
    @Autowired Driver driver;
    @Autowired ConceptHierarchy hierarchy;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;
    @Autowired ReportStore reports;
    @Autowired SymptomStore symptoms;

    final String u = UUID.randomUUID().toString().substring(0, 8);
    final String stutterIri = SYMPTOMS + "/test-" + u + "-stutter";
    final String slowIri = SYMPTOMS + "/test-" + u + "-slow";
    String moderator;
    String aliceToken;
    String aliceConfig;
    Symptom slow;
    Report stutterReport;

    @BeforeEach
    void twoConceptsAndAPeer() {
        driver.executableQuery("""
                MATCH (scheme:ConceptScheme {iri: $scheme})
                UNWIND [[$stutter, $stutterKey, $stutterId], [$slow, $slowKey, $slowId]] AS c
                CREATE (concept:Concept {id: c[2], iri: c[0], notation: c[1], prefLabel_en: c[1], status: 'APPROVED',
                                         origin: 'SEED', moderated: [], labelKeys: []})
                CREATE (concept)-[:IN_SCHEME]->(scheme), (concept)-[:TOP_CONCEPT_OF]->(scheme)
                """).withParameters(Map.of("scheme", SYMPTOMS, "stutter", stutterIri, "stutterKey", "test-" + u + "/stutter",
                "stutterId", PublicId.CONCEPT.fromKey(stutterIri), "slow", slowIri, "slowKey", "test-" + u + "/slow",
                "slowId", PublicId.CONCEPT.fromKey(slowIri))).execute();
        Symptom stutter = symptoms.findOrAdd("test-" + u + "/stutter", "Stutter", null);
        slow = symptoms.findOrAdd("test-" + u + "/slow", "Slow", null);
        hierarchy.classifySymptoms(SYMPTOMS);

        moderator = api.newCustomer(Role.MODERATOR);
        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        String aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        aliceConfig = configurations.create(config(aliceId)).id();
        Customer peer = customers.signIn("peer-" + u);
        stutterReport = reports.create(new ReportStore.NewReport(peer.id(), configurations.create(config(peer.id())).id(), null,
                List.of(stutter.id()), "Stutters " + u, null, Privacy.COMMUNITY, null));
    }

    @Test
    void aReportIsFoundUnderANewBroaderConceptAndNoLongerAfterRemoveBroader() {
        assertThat(peersWithSlow()).doesNotContain(stutterReport.id());

        curate("setBroader");
        assertThat(peersWithSlow()).containsExactly(stutterReport.id());

        curate("removeBroader");
        assertThat(peersWithSlow()).doesNotContain(stutterReport.id());
    }

    @Test
    void undoingTheBroaderLinkTakesTheReportOutAgain() {
        String event = curate("setBroader");
        assertThat(peersWithSlow()).containsExactly(stutterReport.id());

        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", event)).data();
        assertThat(peersWithSlow()).doesNotContain(stutterReport.id());
    }

    private String curate(String mutation) {
        return api.post(moderator, "mutation($c: String!, $b: String!) { " + mutation + "(concept: $c, broader: $b) { id } }",
                Map.of("c", stutterIri, "b", slowIri)).data().path(mutation).path("id").asText();
    }

    private List<String> peersWithSlow() {
        return api.post(aliceToken, """
                query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s, first: 20) {
                  reports { edges { node { id } } } } }""", Map.of("c", aliceConfig, "s", slow.id()))
                .data().path("peersWithSymptom").path("reports").path("edges").findValuesAsText("id");
    }

    private ConfigurationStore.NewConfiguration config(String owner) {
        return new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, true, true, null,
                List.of(new ConfigItemValue("gpu", "Stutter GPU " + u)));
    }
}
