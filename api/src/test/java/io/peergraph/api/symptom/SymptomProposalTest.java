package io.peergraph.api.symptom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Symptoms customers describe in their own words (issue 19): offered the existing ones first, reportable at once by
 * their author, invisible to everyone else (exactly an unknown id) until a moderator approves them or enough customers
 * report them; moderators list, approve, reject and merge them, each an undoable curation event; one name rule and a
 * daily bound. Over HTTP against the shared Neo4j.
 */
@ApiTest
public class SymptomProposalTest {

    static final String DESCRIBE = """
            mutation($n: String!, $f: Boolean) { describeSymptom(input: {name: $n, noneFits: $f}) { created symptom { id key name } offered { id name } } }""";
    static final String SYMPTOM = "query($id: ID!) { symptom(id: $id) { id name } }";
    static final String SEARCH = "query($s: String) { symptoms(search: $s, first: 20) { edges { node { id name } } } }";
    static final String REPORT = """
            mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: "It happens"}) { id symptoms { id } } }""";
    static final String PEERS_PAGE = "query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s) { reports { edges { node { id } } } } }";
    static final String CANDIDATES = "{ symptomCandidates(first: 100) { edges { node { symptom { id name } conceptIri customers reports } } } }";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;

    /** A word nobody else's test or data has: letters only (each hex digit as a..p), one word for the full-text indexes. */
    public static String word() {
        StringBuilder word = new StringBuilder("zq");
        UUID.randomUUID().toString().replace("-", "").chars().limit(10).forEach(c -> word.append((char) ('a' + Character.digit(c, 16))));
        return word.toString();
    }

    @Test
    void aDescribedSymptomIsItsAuthorsAloneUntilAModeratorApprovesIt() {
        String w = word();
        String author = api.newCustomer();
        String other = api.newCustomer();
        String moderator = api.newCustomer(Role.MODERATOR);

        JsonNode made = describe(author, "  " + w + "   hum\tin the left speaker ", true);
        assertThat(made.path("created").asBoolean()).isTrue();
        String id = made.path("symptom").path("id").asText();
        assertThat(made.path("symptom").path("name").asText()).as("the one name rule").isEqualTo(w + " hum in the left speaker");
        assertThat(made.path("symptom").path("key").asText()).isEqualTo("proposed/" + w + "-hum-in-the-left-speaker");

        // The author: sees it, finds it, reports it at once.
        assertThat(api.post(author, SYMPTOM, Map.of("id", id)).data().path("symptom").path("id").asText()).isEqualTo(id);
        assertThat(names(author, w)).containsExactly(w + " hum in the left speaker");
        JsonNode report = api.post(author, REPORT, Map.of("c", configuration(author), "s", id)).data().path("reportSymptom");
        assertThat(report.path("symptoms").findValuesAsText("id")).containsExactly(id);

        // Everyone else: it does not exist, exactly as an id nobody has.
        assertThat(api.post(other, SYMPTOM, Map.of("id", id)).data().path("symptom").isNull()).isTrue();
        assertThat(api.post(null, SYMPTOM, Map.of("id", id)).data().path("symptom").isNull()).isTrue();
        assertThat(api.post(other, "query($id: ID!) { node(id: $id) { id } }", Map.of("id", id)).data().path("node").isNull()).isTrue();
        assertThat(names(other, w)).isEmpty();
        String otherConfiguration = configuration(other);
        var refused = api.post(other, REPORT, Map.of("c", otherConfiguration, "s", id));
        var unknown = api.post(other, REPORT, Map.of("c", otherConfiguration, "s", "sym_aaaaaaaaaaaaaaaaaaaa"));
        assertThat(refused.errorCode()).isEqualTo(unknown.errorCode());
        assertThat(refused.firstError().path("message").asText()).isEqualTo(unknown.firstError().path("message").asText());
        assertThat(api.post(other, "query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s) { peerCount } }",
                Map.of("c", otherConfiguration, "s", id)).errorCode()).isEqualTo("NOT_FOUND");
        // The page too, whose one round trip checks the symptom for its asker: refused as an unknown id is.
        var pageRefused = api.post(other, PEERS_PAGE, Map.of("c", otherConfiguration, "s", id));
        var pageUnknown = api.post(other, PEERS_PAGE, Map.of("c", otherConfiguration, "s", "sym_aaaaaaaaaaaaaaaaaaaa"));
        assertThat(pageRefused.errorCode()).isEqualTo("NOT_FOUND").isEqualTo(pageUnknown.errorCode());
        assertThat(pageRefused.firstError().path("message").asText())
                .isEqualTo(pageUnknown.firstError().path("message").asText().replace("sym_aaaaaaaaaaaaaaaaaaaa", id));
        assertThat(api.post(author, PEERS_PAGE, Map.of("c", configuration(author), "s", id)).data().path("peersWithSymptom").path("reports")
                .path("edges").isArray()).as("the author may ask about their own candidate").isTrue();
        assertThat(api.post(other, "mutation($t: ID!) { follow(thing: $t) { __typename } }", Map.of("t", id)).errorCode()).isEqualTo("NOT_FOUND");

        // The moderator sees it with its use, and approves it.
        JsonNode candidate = candidate(moderator, id);
        assertThat(candidate.path("customers").asInt()).isEqualTo(1);
        assertThat(candidate.path("reports").asInt()).isEqualTo(1);
        JsonNode event = api.post(moderator, "mutation($s: ID!) { approveSymptom(symptom: $s) { id action summary } }", Map.of("s", id))
                .data().path("approveSymptom");
        assertThat(event.path("action").asText()).isEqualTo("APPROVE");
        assertThat(event.path("summary").asText()).isEqualTo("approved " + w + " hum in the left speaker");
        assertThat(candidate(moderator, id)).as("no longer a candidate").isNull();

        assertThat(api.post(other, SYMPTOM, Map.of("id", id)).data().path("symptom").path("id").asText()).isEqualTo(id);
        assertThat(names(other, w)).containsExactly(w + " hum in the left speaker");
        api.post(other, REPORT, Map.of("c", otherConfiguration, "s", id)).data();

        // Undone: the author's again alone.
        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", event.path("id").asText())).data();
        assertThat(api.post(other, SYMPTOM, Map.of("id", id)).data().path("symptom").isNull()).isTrue();
    }

    @Test
    void theClosestExistingSymptomsAreOfferedFirst() {
        String w = word();
        String existing = symptoms.findOrAdd("test-" + w + "/crackle", w + " Crackling sound", null).id();
        String customer = api.newCustomer();

        JsonNode offered = describe(customer, w + " crackling when the fan spins up", false);
        assertThat(offered.path("created").asBoolean()).isFalse();
        assertThat(offered.path("symptom").isNull()).isTrue();
        assertThat(offered.path("offered").findValuesAsText("id")).contains(existing);

        JsonNode same = describe(customer, w.toUpperCase() + " crackling-sound!", true);
        assertThat(same.path("created").asBoolean()).as("the same name is the same symptom").isFalse();
        assertThat(same.path("symptom").path("id").asText()).isEqualTo(existing);

        JsonNode made = describe(customer, w + " crackling when the fan spins up", true);
        assertThat(made.path("created").asBoolean()).as("none fits: made").isTrue();
        assertThat(made.path("symptom").path("id").asText()).isNotEqualTo(existing);
    }

    @Test
    void enoughCustomersReportingASymptomApproveIt() {
        String w = word();
        String moderator = api.newCustomer(Role.MODERATOR);
        String onlooker = api.newCustomer();
        List<String> customers = List.of(api.newCustomer(), api.newCustomer(), api.newCustomer());
        String id = made(customers.get(0), w + " screen goes green");
        for (int i = 0; i < customers.size(); i++) {
            if (i > 0) {
                JsonNode joined = describe(customers.get(i), w + " Screen goes green.", false);
                assertThat(joined.path("created").asBoolean()).isFalse();
                assertThat(joined.path("symptom").path("id").asText()).as("the same name joins the candidate").isEqualTo(id);
            }
            assertThat(api.post(onlooker, SYMPTOM, Map.of("id", id)).data().path("symptom").isNull())
                    .as("hidden while %d customers reported it", i).isTrue();
            api.post(customers.get(i), REPORT, Map.of("c", configuration(customers.get(i)), "s", id)).data();
        }
        // peergraph.taxonomy.symptom-approval-users: 3 by default
        assertThat(api.post(onlooker, SYMPTOM, Map.of("id", id)).data().path("symptom").path("id").asText()).isEqualTo(id);
        JsonNode latest = api.post(moderator, "{ curationEvents(first: 50) { edges { node { by action summary } } } }").data()
                .path("curationEvents").path("edges");
        assertThat(latest.findValues("node").stream().filter(n -> n.path("summary").asText().contains(w)).toList())
                .singleElement().satisfies(n -> {
                    assertThat(n.path("by").asText()).isEqualTo("usage");
                    assertThat(n.path("summary").asText()).isEqualTo("approved " + w + " screen goes green (used by 3 customers)");
                });
    }

    @Test
    void aModeratorMergesACandidateIntoAnExistingSymptomAndItsReportsFollow() {
        String w = word();
        String moderator = api.newCustomer(Role.MODERATOR);
        // The target: another customer's symptom, approved, so it has a concept of its own to merge into.
        String founder = api.newCustomer();
        String target = made(founder, w + " fan rattles");
        api.post(moderator, "mutation($s: ID!) { approveSymptom(symptom: $s) { id } }", Map.of("s", target)).data();

        String author = api.newCustomer();
        String source = made(author, w + " rattling noise from case");
        String report = api.post(author, REPORT, Map.of("c", configuration(author), "s", source)).data().path("reportSymptom").path("id").asText();

        JsonNode event = api.post(moderator, "mutation($s: ID!, $t: ID!) { mergeSymptom(source: $s, target: $t) { id action summary } }",
                Map.of("s", source, "t", target)).data().path("mergeSymptom");
        assertThat(event.path("action").asText()).isEqualTo("MERGE_SYMPTOMS");
        assertThat(event.path("summary").asText()).isEqualTo("merged symptom " + w + " rattling noise from case into " + w + " fan rattles");
        assertThat(reportSymptoms(author, report)).containsExactly(target);
        assertThat(api.post(author, SYMPTOM, Map.of("id", source)).data().path("symptom").isNull()).as("gone for its author too").isTrue();
        assertThat(api.post(author, PEERS_PAGE, Map.of("c", configuration(author), "s", source)).errorCode()).isEqualTo("NOT_FOUND");
        assertThat(candidate(moderator, source)).isNull();
        // Its words now find the target: its name became an alternative label of the target's concept.
        assertThat(ids(api.newCustomer(), w + " rattling noise from case")).containsExactly(target);

        api.post(moderator, "mutation($e: ID!) { undoCuration(event: $e) { id } }", Map.of("e", event.path("id").asText())).data();
        assertThat(reportSymptoms(author, report)).containsExactly(source);
        assertThat(api.post(author, SYMPTOM, Map.of("id", source)).data().path("symptom").path("id").asText()).isEqualTo(source);
        assertThat(candidate(moderator, source).path("reports").asInt()).isEqualTo(1);
    }

    @Test
    void aRejectedSymptomCanNoLongerBePickedButItsReportsKeepIt() {
        String w = word();
        String moderator = api.newCustomer(Role.MODERATOR);
        String author = api.newCustomer();
        String id = made(author, w + " buy cheap pills");
        String configuration = configuration(author);
        String report = api.post(author, REPORT, Map.of("c", configuration, "s", id)).data().path("reportSymptom").path("id").asText();

        assertThat(api.post(moderator, "mutation($s: ID!) { rejectSymptom(symptom: $s, reason: \"spam\") { summary } }", Map.of("s", id))
                .data().path("rejectSymptom").path("summary").asText()).isEqualTo("deprecated " + w + " buy cheap pills (spam)");
        assertThat(api.post(author, REPORT, Map.of("c", configuration, "s", id)).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.post(author, SYMPTOM, Map.of("id", id)).data().path("symptom").isNull()).isTrue();
        assertThat(api.post(author, PEERS_PAGE, Map.of("c", configuration, "s", id)).errorCode())
                .as("not a question to ask about one's own configuration either").isEqualTo("NOT_FOUND");
        assertThat(reportSymptoms(author, report)).containsExactly(id);
        assertThat(api.post(moderator, "mutation($s: ID!) { approveSymptom(symptom: $s) { id } }", Map.of("s", id)).errorCode())
                .as("only a candidate is approved").isEqualTo("CONFLICT");
    }

    @Test
    void aCustomerDescribesAtMostFiveNewSymptomsADay() {
        String w = word();
        String customer = api.newCustomer();
        for (int i = 0; i < 5; i++) {
            assertThat(describe(customer, w + " oddity number " + "abcde".charAt(i), true).path("created").asBoolean()).isTrue();
        }
        var refused = api.post(customer, DESCRIBE, Map.of("n", w + " oddity number f", "f", true));
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
        assertThat(refused.firstError().path("extensions").path("retryAfter").asLong()).isPositive();
        assertThat(names(customer, w)).as("nothing made by the refused call").hasSize(5);
        assertThat(describe(api.newCustomer(), w + " oddity number f", true).path("created").asBoolean()).as("the bound is per customer").isTrue();
    }

    @Test
    void aNameBreakingTheRuleIsRefusedAndNothingIsMade() {
        String customer = api.newCustomer();
        List<String> codes = new ArrayList<>();
        for (String name : List.of("ab", "  !!! ??? ", "12345", "x".repeat(121), "")) {
            codes.add(api.post(customer, DESCRIBE, Map.of("n", name, "f", true)).errorCode());
        }
        assertThat(codes).containsOnly("BAD_USER_INPUT");
        assertThat(api.post(customer, DESCRIBE, Map.of("n", "x".repeat(121), "f", true)).firstError().path("extensions").path("field").asText())
                .isEqualTo("input.name");
        String w = word();
        assertThat(describe(customer, w + " " + "y".repeat(120 - w.length() - 1), true).path("created").asBoolean()).as("120 is allowed").isTrue();
    }

    private JsonNode describe(String token, String name, boolean noneFits) {
        return api.post(token, DESCRIBE, Map.of("n", name, "f", noneFits)).data().path("describeSymptom");
    }

    /** Describes a symptom nothing else fits; its id. */
    private String made(String token, String name) {
        return describe(token, name, true).path("symptom").path("id").asText();
    }

    private List<String> names(String token, String search) {
        return api.post(token, SEARCH, Map.of("s", search)).data().path("symptoms").path("edges").findValuesAsText("name");
    }

    private List<String> ids(String token, String search) {
        return api.post(token, SEARCH, Map.of("s", search)).data().path("symptoms").path("edges").findValuesAsText("id");
    }

    private List<String> reportSymptoms(String token, String report) {
        return api.post(token, "query($r: ID!) { report(id: $r) { symptoms { id } } }", Map.of("r", report)).data()
                .path("report").path("symptoms").findValuesAsText("id");
    }

    /** The moderators' candidate entry of the symptom, or null when it is not listed. */
    private JsonNode candidate(String moderator, String symptomId) {
        return api.post(moderator, CANDIDATES).data().path("symptomCandidates").path("edges").findValues("node").stream()
                .filter(n -> n.path("symptom").path("id").asText().equals(symptomId)).findFirst().orElse(null);
    }

    private String configuration(String token) {
        return api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }",
                Map.of("i", Map.of("name", "my pc", "items", List.of(Map.of("kind", "gpu", "value", "Radeon RX 580"), Map.of("kind", "os", "value", "Debian 12")))))
                .data().path("createConfiguration").path("id").asText();
    }
}
