package io.peergraph.api.tag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.notification.LiveNotifications;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Customers tagging over HTTP go through the taxonomy's one tagging path: a concept's altLabel or a merged tag's
 * label lands on the concept or surviving tag, spelling variants are one tag, and the events search and
 * notifications follow carry the tag the label landed on.
 */
@ApiTest
class TaggingApiTest {

    static final String SYMPTOMS = "https://peergraph.io/taxonomy/symptoms";
    static final String OUT_OF_SYNC = SYMPTOMS + "/audio-out-of-sync";
    static final String TEARING = SYMPTOMS + "/graphical-screen-tearing";

    static final String TAG = "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id label normalized usageCount concept { iri } } }";

    @Autowired GraphQlHttp api;
    @Autowired Driver driver;
    @Autowired SymptomStore symptoms;
    @Autowired NotificationRelay relay;
    @Autowired LiveNotifications live;

    String u;

    @BeforeEach
    void unique() {
        u = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void typingAConceptsAltLabelLandsOnTheConcept() {
        String customer = api.newCustomer();
        JsonNode tag = tag(customer, configuration(customer), "Audio  DESYNC");

        assertThat(tag.path("normalized").asText()).isEqualTo("audio desync");
        assertThat(tag.path("concept").path("iri").asText()).isEqualTo(OUT_OF_SYNC);
    }

    @Test
    void typingAMergedTagsLabelLandsOnTheSurvivorAndItsConcept() {
        String ann = api.newCustomer();
        String moderator = api.newCustomer(Role.CUSTOMER, Role.MODERATOR);
        String source = tag(ann, configuration(ann), "Wobbly frames " + u).path("id").asText();
        String survivor = tag(ann, configuration(ann), "frame wobble " + u).path("id").asText();
        curate(moderator, "mutation($s: ID!, $t: ID!) { mergeTags(source: $s, target: $t) { id } }", Map.of("s", source, "t", survivor));
        curate(moderator, "mutation($t: ID!, $c: String!) { mapTagToConcept(tag: $t, concept: $c) { id } }", Map.of("t", survivor, "c", TEARING));

        String bob = api.newCustomer();
        String bobsConfiguration = configuration(bob);
        JsonNode landed = tag(bob, bobsConfiguration, "WOBBLY-Frames " + u);

        assertThat(landed.path("id").asText()).isEqualTo(survivor);
        assertThat(landed.path("concept").path("iri").asText()).isEqualTo(TEARING);
        assertThat(landed.path("usageCount").asInt()).isEqualTo(3);
        assertThat(tagsOn(bob, bobsConfiguration)).containsExactly(survivor);
        assertThat(api.post(bob, "mutation($t: ID!, $l: String!) { untag(target: $t, label: $l) }",
                Map.of("t", bobsConfiguration, "l", "wobbly frames " + u)).data().path("untag").asBoolean()).isTrue();
        assertThat(tagsOn(bob, bobsConfiguration)).isEmpty();
    }

    @Test
    void unicodeCaseDashAndPunctuationVariantsCountAsOneTag() {
        String product = api.post(api.newCustomer(), "mutation($n: String!) { createItem(input: {productName: $n}) { product { id } } }",
                Map.of("n", "Variant Game " + u)).data().path("createItem").path("product").path("id").asText();
        List<String> variants = List.of("Ｆｒａｍｅ—Pacing " + u, "frame pacing " + u, "FRAME_pacing   " + u + ".", "frame‐pacing " + u,
                "“Frame − Pacing " + u + "”");
        List<String> ids = variants.stream().map(label -> tag(api.newCustomer(), product, label).path("id").asText()).distinct().toList();

        assertThat(ids).hasSize(1);
        String anyone = api.newCustomer();
        JsonNode tags = api.post(anyone, "query($id: ID!) { node(id: $id) { ... on Product { tags { id normalized usageCount } } } }",
                Map.of("id", product)).data().path("node").path("tags");
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).path("normalized").asText()).isEqualTo("frame pacing " + u);
        assertThat(tags.get(0).path("usageCount").asInt()).isEqualTo(variants.size());
    }

    @Test
    void theTagAppliedEventCarriesTheConceptsTagAndReachesItsFollowers() {
        String follower = api.newCustomer();
        String conceptId = api.post(null, "query($i: String!) { concept(iri: $i) { id } }", Map.of("i", TEARING)).data()
                .path("concept").path("id").asText();
        api.post(follower, "mutation($thing: ID!) { follow(thing: $thing) { id } }", Map.of("thing", conceptId)).data();
        String reporter = api.newCustomer();
        String symptom = symptoms.findOrAdd("tagging-" + u, "Tagging " + u, null).id();
        String report = api.post(reporter, """
                mutation($input: ReportSymptomInput!) { reportSymptom(input: $input) { id } }""",
                Map.of("input", Map.of("configuration", configuration(reporter), "symptoms", List.of(symptom), "title", "Tears " + u,
                        "privacy", "COMMUNITY"))).data().path("reportSymptom").path("id").asText();
        relay.drain();

        JsonNode tag = tag(reporter, report, "Tearing!");
        relay.drain();
        live.push();

        assertThat(tag.path("concept").path("iri").asText()).isEqualTo(TEARING);
        List<String> payloads = driver.executableQuery("""
                        MATCH (e:OutboxEvent {type: 'TagApplied', aggregateId: $report}) RETURN e.payload AS payload""")
                .withParameters(Map.of("report", report)).execute().records().stream().map(r -> r.get("payload").asString()).toList();
        assertThat(payloads).hasSize(1).allMatch(p -> p.contains("\"tag\":\"tearing\""));
        JsonNode inbox = api.post(follower, "{ notifications(first: 10) { edges { node { kind subjectId detail } } } }").data()
                .path("notifications").path("edges");
        assertThat(inbox.findValuesAsText("subjectId")).contains(report);
        assertThat(inbox.findValuesAsText("kind")).contains("FOLLOWED_ACTIVITY");
    }

    @Test
    void moderationLabelsOnAnythingAreForModeratorsOnly() {
        String alice = api.newCustomer();
        String report = publicReport(alice);
        String mallory = api.newCustomer();

        var spam = api.post(mallory, TAG, Map.of("t", report, "l", "SPAM"));
        assertThat(spam.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(alice, TAG, Map.of("t", configuration(alice), "l", "Spam")).errorCode()).isEqualTo("FORBIDDEN");
        String moderator = api.newCustomer(Role.CUSTOMER, Role.MODERATOR);
        assertThat(tag(moderator, report, "spam").path("normalized").asText()).isEqualTo("spam");
        assertThat(tag(mallory, report, "crackling " + u).path("usageCount").asInt()).isEqualTo(1);
    }

    @Test
    void tagsOnOthersThingsAreLimitedPerHourAndOnesOwnAreNot() {
        String alice = api.newCustomer();
        String report = publicReport(alice);
        String bob = api.newCustomer();
        for (int i = 0; i < CommunityTagging.OTHERS_PER_HOUR; i++) {
            tag(bob, report, "label " + i + " " + u);
        }

        var limited = api.post(bob, TAG, Map.of("t", report, "l", "one too many " + u));
        assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(limited.firstError().path("extensions").path("retryable").asBoolean()).isTrue();
        assertThat(limited.firstError().path("extensions").path("retryAfter").asLong()).isPositive();
        String bobs = configuration(bob);
        assertThat(tag(bob, bobs, "still fine " + u).path("label").asText()).isEqualTo("still fine " + u);
        assertThat(tag(alice, report, "her own " + u).path("label").asText()).isEqualTo("her own " + u);
    }

    private String publicReport(String token) {
        String symptom = symptoms.findOrAdd("test/tagging-" + u, "Tagging test", null).id();
        return api.post(token, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"t\", privacy: PUBLIC}) { id } }",
                Map.of("c", configuration(token), "s", symptom)).data().path("reportSymptom").path("id").asText();
    }

    private JsonNode tag(String token, String target, String label) {
        return api.post(token, TAG, Map.of("t", target, "l", label)).data().path("tag");
    }

    private List<String> tagsOn(String token, String configuration) {
        return api.post(token, "query($id: ID!) { node(id: $id) { ... on Configuration { tags { id } } } }", Map.of("id", configuration))
                .data().path("node").path("tags").findValuesAsText("id");
    }

    private void curate(String moderator, String mutation, Map<String, Object> variables) {
        assertThat(api.post(moderator, mutation, variables).json().path("errors").isMissingNode()).isTrue();
    }

    private String configuration(String token) {
        return api.post(token, "mutation { createConfiguration(input: {name: \"pc\", items: [{kind: \"os\", value: \"Arch\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
    }
}
