package io.peergraph.api.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The taxonomy over HTTP: reading it (public), curating it (MODERATOR), typed refusals, history and undo. */
@ApiTest
class TaxonomyApiTest {

    static final String SYMPTOMS = "https://peergraph.io/taxonomy/symptoms";
    static final String AUDIO = SYMPTOMS + "/audio";
    static final String CRACKLING = SYMPTOMS + "/audio-crackling";

    @Autowired GraphQlHttp api;

    @Test
    void anyoneReadsSchemesAndConceptTreesWithDepthLimits() {
        JsonNode data = api.post(null, """
                query($audio: String!, $crackling: String!) {
                  conceptSchemes { iri prefLabel conceptCount topConcepts { iri } }
                  audio: concept(iri: $audio) { prefLabel notation status narrowerCount
                    children(first: 50) { edges { node { iri notation broader { iri } } } }
                    descendants(maxDepth: 1) { edges { node { depth parentIri concept { iri } } } } }
                  crackling: concept(iri: $crackling) { altLabels { lang value } ancestors(maxDepth: 1) { iri } }
                  byLabel: concept(label: "Crackling audio") { iri }
                }""", Map.of("audio", AUDIO, "crackling", CRACKLING)).data();

        assertThat(data.path("conceptSchemes").findValuesAsText("iri")).contains(SYMPTOMS, "https://peergraph.io/taxonomy/hardware");
        JsonNode audio = data.path("audio");
        assertThat(audio.path("status").asText()).isEqualTo("APPROVED");
        List<String> children = audio.path("children").path("edges").findValuesAsText("notation");
        assertThat(children).hasSize(audio.path("narrowerCount").asInt()).contains("audio/crackling");
        assertThat(audio.path("descendants").path("edges").findValues("depth")).allMatch(d -> d.asInt() == 1);
        assertThat(audio.path("descendants").path("edges").findValuesAsText("parentIri")).containsOnly(AUDIO);
        assertThat(data.path("crackling").path("ancestors").findValuesAsText("iri")).containsExactly(AUDIO);
        assertThat(data.path("byLabel").path("iri").asText()).isEqualTo(CRACKLING);
    }

    @Test
    void aCustomerWithoutModeratorIsForbiddenEveryCurationMutation() {
        String customer = api.newCustomer(Role.CUSTOMER, Role.SUPPORT);
        String tag = "\"tag_aaaaaaaaaaaaaaaaaaaa\"";
        String iri = "\"" + AUDIO + "\"";
        List<String> mutations = List.of(
                "promoteTag(tag: " + tag + ", scheme: \"" + SYMPTOMS + "\")",
                "mapTagToConcept(tag: " + tag + ", concept: " + iri + ")",
                "mergeTags(source: " + tag + ", target: " + tag + ")",
                "mergeConcepts(source: " + iri + ", target: " + iri + ")",
                "addAltLabel(concept: " + iri + ", label: \"x\")",
                "removeAltLabel(concept: " + iri + ", label: \"x\")",
                "setDefinition(concept: " + iri + ", text: \"x\")",
                "setBroader(concept: " + iri + ", broader: " + iri + ")",
                "removeBroader(concept: " + iri + ", broader: " + iri + ")",
                "markRelated(concept: " + iri + ", related: " + iri + ")",
                "unmarkRelated(concept: " + iri + ", related: " + iri + ")",
                "deprecateConcept(concept: " + iri + ", reason: \"x\")",
                "renameConcept(concept: " + iri + ", label: \"x\")",
                "curateInBulk(changes: [{action: RENAME, concept: " + iri + ", text: \"x\"}])",
                "undoCuration(event: \"aud_aaaaaaaaaaaaaaaaaaaa\")");
        List<String> notForbidden = new ArrayList<>();
        for (String m : mutations) {
            var response = api.post(customer, "mutation { " + m + " { id } }");
            if (!"FORBIDDEN".equals(response.errorCode())) {
                notForbidden.add(m + " → " + response.raw());
            }
        }
        assertThat(notForbidden).isEmpty();
        assertThat(api.post(customer, "{ emergingTags { totalCount: edges { cursor } } }").errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(null, "{ curationEvents { edges { cursor } } }").errorCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aModeratorsMergeRetagsEverythingAndTheOldLabelResolvesToTheSurvivor() {
        String customer = api.newCustomer();
        String moderator = api.newCustomer(Role.MODERATOR);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String first = configuration(customer);
        String second = configuration(customer);
        String oldTag = tag(customer, first, "Frame Pacing " + suffix);
        String survivor = tag(customer, second, "frame-pacing-issue " + suffix);

        JsonNode event = api.post(moderator, """
                mutation($s: ID!, $t: ID!) { mergeTags(source: $s, target: $t) { id action by before after } }""",
                Map.of("s", oldTag, "t", survivor)).data().path("mergeTags");

        assertThat(event.path("action").asText()).isEqualTo("MERGE_TAGS");
        JsonNode tags = api.post(customer, "query($id: ID!) { node(id: $id) { ... on Configuration { tags { id } } } }",
                Map.of("id", first)).data().path("node").path("tags");
        assertThat(tags.findValuesAsText("id")).containsExactly(survivor);
        JsonNode resolved = api.post(null, "query($l: String!) { resolveLabel(label: $l) { tag { id } } }",
                Map.of("l", "frame  PACING " + suffix)).data().path("resolveLabel");
        assertThat(resolved.path("tag").path("id").asText()).isEqualTo(survivor);

        JsonNode undone = api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { action undoes } }",
                Map.of("e", event.path("id").asText())).data().path("undoCuration");
        assertThat(undone.path("undoes").asText()).isEqualTo(event.path("id").asText());
        assertThat(api.post(customer, "query($id: ID!) { node(id: $id) { ... on Configuration { tags { id } } } }",
                Map.of("id", first)).data().path("node").path("tags").findValuesAsText("id")).containsExactly(oldTag);
    }

    @Test
    void aBroaderLinkThatWouldLoopIsRefusedWithTheLoop() {
        String moderator = api.newCustomer(Role.MODERATOR);

        var response = api.post(moderator, "mutation($c: String!, $b: String!) { setBroader(concept: $c, broader: $b) { id } }",
                Map.of("c", AUDIO, "b", CRACKLING));

        assertThat(response.errorCode()).isEqualTo("CONFLICT");
        assertThat(response.firstError().path("extensions").path("loop").findValuesAsText("iri")).containsExactly(AUDIO, CRACKLING, AUDIO);
    }

    @Test
    void aPromotedTagBecomesAConceptWhoseChangesHaveAHistoryAndUndoExactly() {
        String customer = api.newCustomer();
        String moderator = api.newCustomer(Role.MODERATOR);
        String label = "Buzzing speakers " + UUID.randomUUID().toString().substring(0, 6);
        String tagId = tag(customer, configuration(customer), label);

        JsonNode promoted = api.post(moderator, """
                mutation($t: ID!, $s: String!, $b: String!) {
                  promoteTag(tag: $t, scheme: $s, broader: $b) { action concepts { iri prefLabel status broader { iri } } } }""",
                Map.of("t", tagId, "s", SYMPTOMS, "b", AUDIO)).data().path("promoteTag");
        JsonNode concept = null;
        for (JsonNode c : promoted.path("concepts")) {
            if (!c.path("iri").asText().equals(AUDIO)) {
                concept = c; // the event also names the broader concept it linked to
            }
        }
        assertThat(concept).as(promoted.toString()).isNotNull();
        String iri = concept.path("iri").asText();
        assertThat(concept.path("prefLabel").asText()).isEqualTo(label);
        assertThat(concept.path("status").asText()).isEqualTo("CANDIDATE");
        assertThat(concept.path("broader").findValuesAsText("iri")).containsExactly(AUDIO);
        assertThat(api.post(null, "query($l: String!) { concept(label: $l) { iri } }", Map.of("l", label.toUpperCase()))
                .data().path("concept").path("iri").asText()).isEqualTo(iri);

        String renamed = api.post(moderator, "mutation($c: String!) { renameConcept(concept: $c, label: \"Speaker buzz\") { id } }",
                Map.of("c", iri)).data().path("renameConcept").path("id").asText();
        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", renamed)).data();

        JsonNode after = api.post(moderator, """
                query($c: String!) { concept(iri: $c) { prefLabel altLabels { value } }
                  conceptHistory(iri: $c, first: 2) { edges { node { action } } pageInfo { hasNextPage endCursor } } }""",
                Map.of("c", iri)).data();
        assertThat(after.path("concept").path("prefLabel").asText()).isEqualTo(label);
        assertThat(after.path("concept").path("altLabels").findValuesAsText("value")).doesNotContain("Speaker buzz");
        assertThat(after.path("conceptHistory").path("edges").findValuesAsText("action")).containsExactly("UNDO", "RENAME");
        String cursor = after.path("conceptHistory").path("pageInfo").path("endCursor").asText();
        assertThat(api.post(moderator, "query($c: String!, $a: String!) { conceptHistory(iri: $c, after: $a) { edges { node { action } } } }",
                Map.of("c", iri, "a", cursor)).data().path("conceptHistory").path("edges").findValuesAsText("action"))
                .containsExactly("PROMOTE_TAG");
    }

    @Test
    void moderatorsSeeTheIntegrityReportAndSuggestions() {
        String moderator = api.newCustomer(Role.MODERATOR);

        JsonNode data = api.post(moderator, """
                query($s: String!) {
                  taxonomyValidation(scheme: $s) { conforms violationCount turtle }
                  emergingTags(minUses: 1, minCustomers: 1, first: 5) { edges { node { tag { label } customers exampleThingIds } } }
                  synonymCandidates(first: 5) { edges { node { basis similarity usageSimilarity } } }
                  symptomTagCandidates(first: 5) { edges { node { tag { label } symptom { key } relation lift } } }
                  broaderCandidates(first: 5) { edges { node { basis } } }
                }""", Map.of("s", SYMPTOMS)).data();

        assertThat(data.path("taxonomyValidation").path("conforms").asBoolean()).as(data.toString()).isTrue();
        assertThat(data.path("taxonomyValidation").path("turtle").asText()).contains("sh:conforms");
        assertThat(api.post(moderator, "{ taxonomyValidation(scheme: \"https://example.org/none\") { conforms } }").errorCode())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void emergingTagsAnswerWhatIsEmergingNowNotAMinutesOldRound() {
        String moderator = api.newCustomer(Role.MODERATOR);
        String label = "emerging-" + UUID.randomUUID().toString().substring(0, 8);
        String query = "{ emergingTags(minUses: 2, minCustomers: 2, first: 100) { edges { node { tag { label } customers } } } }";
        assertThat(api.post(moderator, query).data().findValuesAsText("label")).doesNotContain(label);

        for (int i = 0; i < 2; i++) {
            String customer = api.newCustomer(Role.CUSTOMER);
            tag(customer, configuration(customer), label);
        }

        assertThat(api.post(moderator, query).data().findValuesAsText("label")).as("the tag emerged a moment ago").contains(label);
    }

    private String configuration(String token) {
        return api.post(token, "mutation { createConfiguration(input: {name: \"pc\", items: [{kind: \"os\", value: \"Arch\"}]}) { id } }")
                .data().path("createConfiguration").path("id").asText();
    }

    private String tag(String token, String target, String label) {
        return api.post(token, "mutation($t: ID!, $l: String!) { tag(target: $t, label: $l) { id } }", Map.of("t", target, "l", label))
                .data().path("tag").path("id").asText();
    }
}
