package io.peergraph.api.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A small community with a known answer: one close peer (shares the rare GPU and the driver), fifty common
 * peers (share only a common RAM size), and peers who must never show up (a private report, a configuration
 * opted out of peer listings). Everything unique to this test, so other tests' data cannot interfere.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeersWithSymptomTest {

    static final String QUESTION = """
            query($c: ID!, $s: ID!, $first: Int, $after: String) {
              peersWithSymptom(configuration: $c, symptom: $s, first: $first, after: $after) {
                reports { edges { node { id title similarity peer { pseudonym } sharedItems { kind value } symptoms { key } } }
                          pageInfo { hasNextPage endCursor } }
                solutions { solution { id title worked confirmations } worked confirmations peers confidence }
              }
            }""";

    @Autowired GraphQlHttp api;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;
    @Autowired ReportStore reports;
    @Autowired SolutionStore solutions;
    @Autowired SymptomStore symptoms;
    @Autowired ProductStore products;

    final String u = UUID.randomUUID().toString().substring(0, 8);
    final List<Customer> peers = new ArrayList<>();
    String aliceToken;
    String aliceConfig;
    Symptom audio;
    Report closeReport;
    Report privateReport;
    Report optedOutReport;
    Solution solid;
    Solution fluke;
    Symptom video;
    Product game;
    Report twiceFirst;
    Report twiceSecond;
    Report onceReport;
    static final String LONG_TEXT = "The screen flickers whenever the menu opens, " + "and then it goes black for a while ".repeat(10);

    ConfigItemValue gpu() { return new ConfigItemValue("gpu", "Rare GPU " + u); }
    ConfigItemValue driver() { return new ConfigItemValue("driver", "mesa " + u); }
    ConfigItemValue ram() { return new ConfigItemValue("ram", "16 GB " + u); }

    @BeforeAll
    void community() {
        audio = symptoms.findOrAdd("test-" + u + "/audio", "Audio problems", null);
        Symptom crackling = symptoms.findOrAdd("test-" + u + "/audio/crackling", "Crackling", audio.key());
        solid = solutions.propose(new SolutionStore.NewSolution(peer("proposer").id(), List.of(audio.id()), "Solid fix " + u, "steps",
                Solution.Kind.CONFIGURATION_TWEAK, null));
        fluke = solutions.propose(new SolutionStore.NewSolution(peer("proposer2").id(), List.of(audio.id()), "Fluke fix " + u, "steps",
                Solution.Kind.OTHER, null));

        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        String aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
        aliceConfig = configurations.create(config(aliceId, gpu(), driver(), ram())).id();

        Customer close = peer("close");
        closeReport = report(close, configurations.create(config(close.id(), gpu(), driver(), ram())), crackling, Privacy.COMMUNITY);
        for (int i = 0; i < 50; i++) {
            Customer common = peer("common" + i);
            Configuration c = configurations.create(config(common.id(), new ConfigItemValue("gpu", "Other GPU " + i + u), ram()));
            report(common, c, audio, Privacy.COMMUNITY);
            solutions.confirm(common.id(), solid.id(), c.id(), i < 40, null);
        }
        Customer lucky = peer("lucky");
        Configuration luckyConfig = configurations.create(config(lucky.id(), ram()));
        report(lucky, luckyConfig, audio, Privacy.COMMUNITY);
        solutions.confirm(lucky.id(), fluke.id(), luckyConfig.id(), true, null);

        Customer secretive = peer("secretive");
        privateReport = report(secretive, configurations.create(config(secretive.id(), gpu(), driver(), ram())), audio, Privacy.PRIVATE);
        Customer optedOut = peer("optedout");
        var unlisted = new ConfigurationStore.NewConfiguration(optedOut.id(), "pc", Privacy.COMMUNITY, false, true, null, List.of(gpu(), driver(), ram()));
        optedOutReport = report(optedOut, configurations.create(unlisted), audio, Privacy.COMMUNITY);

        // Another symptom, asked about alice's configuration: one peer with two reports (shares the GPU and the RAM,
        // another driver), one with one (shares the RAM only, no GPU given).
        video = symptoms.findOrAdd("test-" + u + "/video", "Video problems", null);
        game = products.findOrAddUnverified("Flicker Game " + u);
        Customer twice = peer("twice");
        Configuration twiceConfig = configurations.create(config(twice.id(), gpu(), new ConfigItemValue("driver", "other driver " + u), ram()));
        twiceFirst = reports.create(new ReportStore.NewReport(twice.id(), twiceConfig.id(), game.id(), List.of(video.id()), "Flicker " + u,
                LONG_TEXT, Privacy.COMMUNITY, null));
        twiceSecond = reports.create(new ReportStore.NewReport(twice.id(), twiceConfig.id(), null, List.of(video.id()), "Black screen " + u,
                "Short  and\n plain.", Privacy.COMMUNITY, null));
        Customer once = peer("once");
        onceReport = report(once, configurations.create(config(once.id(), ram())), video, Privacy.COMMUNITY);
    }

    @Test
    void eachPeerIsOneRowWithASimilarityThatSaysWhyAndTheirReportsWithExcerptAndProduct() {
        String question = """
                query($c: ID!, $s: ID!) {
                  peersWithSymptom(configuration: $c, symptom: $s, first: 10) {
                    peers { edges { node {
                      peer { pseudonym } similarity why
                      shared { mine { kind value } theirs { value } family share }
                      differences { mine { kind value } theirs { kind value } }
                      reports { id title excerpt product { name } peer { pseudonym } } } }
                      pageInfo { hasNextPage } }
                    reports { edges { node { id excerpt } } }
                  }
                }""";
        var response = api.post(aliceToken, question, Map.of("c", aliceConfig, "s", video.id()));
        JsonNode answer = response.data().path("peersWithSymptom");
        JsonNode rows = answer.path("peers").path("edges");
        assertThat(rows).as("one row per peer, not per report").hasSize(2);
        assertThat(answer.path("reports").path("edges")).hasSize(3);
        assertThat(answer.path("peers").path("pageInfo").path("hasNextPage").asBoolean()).isFalse();

        JsonNode first = rows.get(0).path("node");
        assertThat(first.path("reports").findValuesAsText("id")).containsExactlyInAnyOrder(twiceFirst.id(), twiceSecond.id());
        assertThat(first.path("reports").findValuesAsText("pseudonym")).containsOnly(first.path("peer").path("pseudonym").asText());
        double similarity = first.path("similarity").asDouble();
        assertThat(similarity).isStrictlyBetween(0.0, 1.0);
        assertThat(first.path("shared").findValuesAsText("kind")).containsExactlyInAnyOrder("gpu", "ram");
        double parts = 0;
        for (JsonNode part : first.path("shared")) {
            assertThat(part.path("family").isNull()).as("shared exactly").isTrue();
            assertThat(part.path("theirs").path("value").asText()).isEqualTo(part.path("mine").path("value").asText());
            parts += part.path("share").asDouble();
        }
        assertThat(parts).as("the parts add up to the similarity").isCloseTo(similarity, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(first.path("shared").get(0).path("mine").path("kind").asText()).as("the rare GPU weighs most").isEqualTo("gpu");
        JsonNode difference = first.path("differences").get(0);
        assertThat(first.path("differences")).hasSize(1);
        String myDriver = difference.path("mine").path("value").asText();
        String theirDriver = difference.path("theirs").path("value").asText();
        assertThat(difference.path("mine").path("kind").asText()).isEqualTo("driver");
        assertThat(theirDriver).isNotEqualTo(myDriver).containsIgnoringCase("other driver");
        assertThat(first.path("why").asText())
                .startsWith(Math.round(100 * similarity) + " % alike: the same gpu " + first.path("shared").get(0).path("mine").path("value").asText())
                .contains("differs in driver (" + myDriver + " here, " + theirDriver + " theirs)");

        JsonNode withText = first.path("reports").get(first.path("reports").get(0).path("id").asText().equals(twiceFirst.id()) ? 0 : 1);
        assertThat(withText.path("product").path("name").asText()).isEqualTo(game.name());
        assertThat(withText.path("excerpt").asText()).startsWith("The screen flickers whenever the menu opens, and then")
                .endsWith("…").hasSizeLessThanOrEqualTo(241);
        JsonNode plain = first.path("reports").get(withText == first.path("reports").get(0) ? 1 : 0);
        assertThat(plain.path("excerpt").asText()).isEqualTo("Short and plain.");
        assertThat(plain.path("product").isNull()).isTrue();

        JsonNode second = rows.get(1).path("node");
        assertThat(second.path("reports").findValuesAsText("id")).containsExactly(onceReport.id());
        assertThat(second.path("similarity").asDouble()).isPositive().isLessThan(similarity);
        assertThat(second.path("reports").get(0).path("excerpt").isNull()).as("a report without text").isTrue();
        assertThat(second.path("why").asText()).contains("gpu (not given by them)");
        assertThat(second.path("differences").findValuesAsText("kind")).containsExactlyInAnyOrder("gpu", "driver");
        for (Customer peer : peers) {
            assertThat(response.raw()).doesNotContain(peer.id());
        }
    }

    @Test
    void theClosestPeerComesFirstAndNarrowerSymptomsCount() {
        JsonNode first = ask(5, null).path("reports").path("edges").get(0).path("node");
        assertThat(first.path("id").asText()).isEqualTo(closeReport.id());
        assertThat(first.path("symptoms").findValuesAsText("key")).containsExactly("test-" + u + "/audio/crackling");
        assertThat(first.path("sharedItems").findValuesAsText("kind")).containsExactlyInAnyOrder("gpu", "driver", "ram");
        JsonNode second = ask(5, null).path("reports").path("edges").get(1).path("node");
        assertThat(first.path("similarity").asDouble()).isGreaterThan(second.path("similarity").asDouble());
        assertThat(second.path("sharedItems").findValuesAsText("kind")).containsExactly("ram");
    }

    @Test
    void everyPeerAppearsOnceAcrossPagesAndHiddenReportsNever() {
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = ask(20, after).path("reports");
            page.path("edges").forEach(e -> seen.add(e.path("node").path("id").asText()));
            after = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
        } while (after != null);
        assertThat(seen).hasSize(52).doesNotHaveDuplicates().contains(closeReport.id())
                .doesNotContain(privateReport.id(), optedOutReport.id());
        JsonNode count = api.post(aliceToken, "query($c: ID!, $s: ID!) { peersWithSymptom(configuration: $c, symptom: $s) { peerCount } }",
                Map.of("c", aliceConfig, "s", audio.id())).data();
        assertThat(count.path("peersWithSymptom").path("peerCount").asInt()).isEqualTo(52);
    }

    @Test
    void aSolidRecordOutranksASingleLuckyConfirmation() {
        JsonNode ranked = ask(5, null).path("solutions");
        assertThat(ranked.get(0).path("solution").path("id").asText()).isEqualTo(solid.id());
        assertThat(ranked.get(0).path("worked").asInt()).isEqualTo(40);
        assertThat(ranked.get(0).path("confirmations").asInt()).isEqualTo(50);
        assertThat(ranked.get(0).path("solution").path("worked").asInt()).as("everyone's, not only peers'").isEqualTo(40);
        assertThat(ranked.get(0).path("solution").path("confirmations").asInt()).isEqualTo(50);
        assertThat(ranked.get(1).path("solution").path("id").asText()).isEqualTo(fluke.id());
        assertThat(ranked.get(1).path("confidence").asDouble()).isLessThan(ranked.get(0).path("confidence").asDouble());
    }

    @Test
    void theAnswerShowsEachLevelsEvidenceAndTakesAProduct() {
        String question = """
                query($c: ID!, $s: ID!, $p: ID) {
                  peersWithSymptom(configuration: $c, symptom: $s, product: $p) {
                    solutions { solution { id } worked confirmations tried productWorked productTried isNew confidence }
                  }
                }""";
        Map<String, Object> v = new HashMap<>(vars(5, null));
        v.put("p", PublicId.PRODUCT.fromKey("no reports about it " + u));
        JsonNode ranked = api.post(aliceToken, question, v).data().path("peersWithSymptom").path("solutions");
        assertThat(ranked.get(0).path("solution").path("id").asText()).isEqualTo(solid.id());
        assertThat(ranked.get(0).path("tried").asInt()).as("everyone's tries").isEqualTo(50);
        assertThat(ranked.get(0).path("productTried").asInt()).isZero();
        assertThat(ranked.get(0).path("isNew").asBoolean()).isFalse();
        assertThat(ranked.get(0).path("confidence").asDouble()).isBetween(0.0, 1.0);

        v.put("p", "not a product id");
        assertThat(api.post(aliceToken, question, v).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void peersArePseudonymousAndStablePerViewer() {
        String raw = api.post(aliceToken, QUESTION, vars(100, null)).raw();
        for (Customer peer : peers) {
            assertThat(raw).doesNotContain(peer.id()).doesNotContain(peer.handle());
        }
        JsonNode edges = ask(100, null).path("reports").path("edges");
        assertThat(edges.get(0).path("node").path("peer").path("pseudonym").asText()).startsWith("peer-")
                .isEqualTo(ask(100, null).path("reports").path("edges").get(0).path("node").path("peer").path("pseudonym").asText());
    }

    @Test
    void onlyTheOwnerMayAsk() {
        var response = api.post(api.newCustomer(), QUESTION, vars(5, null));
        assertThat(response.errorCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void anOrganisationsViewerMayAskAboutItsConfigurationAndUnknownOnesAreNotFound() {
        String orgId = api.organisation(aliceToken, "Lab");
        String viewerToken = api.token("viewer-" + u, List.of(Role.CUSTOMER));
        api.join(aliceToken, orgId, "viewer-" + u, viewerToken, "VIEWER");
        String labConfig = configurations.create(config(orgId, gpu(), driver(), ram())).id();

        Map<String, Object> question = new HashMap<>(vars(5, null));
        question.put("c", labConfig);
        JsonNode answer = api.post(viewerToken, QUESTION, question).data().path("peersWithSymptom");
        assertThat(answer.path("reports").path("edges").get(0).path("node").path("id").asText()).isEqualTo(closeReport.id());

        question.put("c", PublicId.CONFIGURATION.fromKey("no such configuration " + u));
        assertThat(api.post(viewerToken, QUESTION, question).errorCode()).isEqualTo("NOT_FOUND");
    }

    private JsonNode ask(int first, String after) {
        return api.post(aliceToken, QUESTION, vars(first, after)).data().path("peersWithSymptom");
    }

    private Map<String, Object> vars(int first, String after) {
        Map<String, Object> v = new HashMap<>();
        v.put("c", aliceConfig);
        v.put("s", audio.id());
        v.put("first", first);
        v.put("after", after);
        return v;
    }

    private Customer peer(String name) {
        Customer c = customers.signIn(name + "-" + u);
        peers.add(c);
        return c;
    }

    private static ConfigurationStore.NewConfiguration config(String owner, ConfigItemValue... items) {
        return new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, true, true, null, List.of(items));
    }

    private Report report(Customer owner, Configuration c, Symptom s, Privacy privacy) {
        return reports.create(new ReportStore.NewReport(owner.id(), c.id(), null, List.of(s.id()), "Sound " + u, null, privacy, null));
    }
}
