package io.peergraph.api.peers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * Peers appear only pseudonymously: every answer a customer gets about other customers (peersWithSymptom,
 * similarPeers, benchmark, searchCases, similarCases, others' reports and solutions, node) is asked for with every
 * field the schema offers (the selection is generated, so new fields are scanned too) and searched for any other
 * customer's id, handle (here shaped like an e-mail address, as identity providers' subjects often are) or display
 * name, including an organisation's.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerIdentityScanTest {

    static final int PEERS = 6;

    @Autowired GraphQlHttp api;
    @Autowired GraphQlSource graphQlSource;
    @Autowired SymptomStore symptoms;
    @Autowired io.peergraph.graph.notification.NotificationRelay relay;

    final String u = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    /** Everything that would identify another customer: ids, handles, display names. */
    final List<String> identities = new ArrayList<>();
    final List<String> peerReports = new ArrayList<>();
    String aliceToken;
    String aliceConfiguration;
    String aliceReport;
    String symptomId;
    String metricKey;
    String solutionId;

    @BeforeAll
    void aCommunityOfIdentifiablePeople() {
        symptomId = symptoms.findOrAdd("scan" + u + "/flicker", "Flicker " + u, null).id();
        metricKey = "scan_fps_" + u;
        api.post(api.newCustomer(Role.MODERATOR), "mutation($k: String!) { defineMetric(input: {key: $k, name: \"fps\", unit: \"fps\", direction: HIGHER_IS_BETTER, min: 0, max: 1000}) { id } }",
                Map.of("k", metricKey)).data();

        List<String> peerTokens = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            String handle = "peer" + i + "." + u + "@example.com";
            String token = api.token(handle, List.of(Role.CUSTOMER));
            JsonNode me = api.post(token, "{ me { customer { id handle displayName } } }").data().path("me").path("customer");
            identities.add(me.path("id").asText());
            identities.add(me.path("handle").asText());
            identities.add(me.path("displayName").asText());
            peerTokens.add(token);
        }
        JsonNode organisation = api.post(peerTokens.getFirst(), "mutation($d: String!) { createOrganisation(displayName: $d) { id handle displayName } }",
                Map.of("d", "Scanco " + u + " Ltd")).data().path("createOrganisation");
        identities.add(organisation.path("id").asText());
        identities.add(organisation.path("handle").asText());
        identities.add(organisation.path("displayName").asText());

        for (int i = 0; i < PEERS; i++) {
            String owner = i == PEERS - 1 ? organisation.path("id").asText() : null; // the last peer's things are the organisation's
            String configuration = configuration(peerTokens.get(i == PEERS - 1 ? 0 : i), owner, 40 + i);
            peerReports.add(report(peerTokens.get(i == PEERS - 1 ? 0 : i), configuration, "Screen flickers " + u));
        }
        solutionId = api.post(peerTokens.get(1), "mutation($s: ID!, $r: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Lower the refresh rate\", triedOn: $r}) { id } }",
                Map.of("s", symptomId, "r", peerReports.get(1))).data().path("proposeSolution").path("id").asText();
        for (int i = 2; i < PEERS - 1; i++) {
            String configuration = configuration(peerTokens.get(i), null, 50 + i);
            api.post(peerTokens.get(i), "mutation($s: ID!, $c: ID!) { confirmSolution(input: {solution: $s, configuration: $c, worked: true, note: \"fixed\"}) { id } }",
                    Map.of("s", solutionId, "c", configuration)).data();
        }
        api.post(peerTokens.get(2), "mutation($t: ID!) { tag(target: $t, label: \"flicker\") { id } }", Map.of("t", peerReports.get(2))).data();

        aliceToken = api.newCustomer();
        aliceConfiguration = configuration(aliceToken, null, 60);
        aliceReport = report(aliceToken, aliceConfiguration, "My screen flickers too " + u);
        // A solution after alice's case: it reaches her inbox, with its proposer as her pseudonym for them.
        api.post(peerTokens.get(3), "mutation($s: ID!) { proposeSolution(input: {symptoms: [$s], title: \"Use a shorter cable\"}) { id } }",
                Map.of("s", symptomId)).data();
    }

    private String configuration(String token, String owner, double fps) {
        Map<String, Object> input = new LinkedHashMap<>(Map.of("name", "rig", "items", List.of(
                Map.of("kind", "gpu", "value", "ScanGPU " + u), Map.of("kind", "os", "value", "Debian 12"))));
        if (owner != null) {
            input.put("owner", owner);
        }
        String id = api.post(token, "mutation($i: CreateConfigurationInput!) { createConfiguration(input: $i) { id } }", Map.of("i", input))
                .data().path("createConfiguration").path("id").asText();
        api.post(token, "mutation($c: ID!, $m: String!, $v: Float!) { recordMeasurement(input: {configuration: $c, metric: $m, value: $v, unit: \"fps\"}) { id } }",
                Map.of("c", id, "m", metricKey, "v", fps)).data();
        return id;
    }

    private String report(String token, String configuration, String title) {
        return api.post(token, "mutation($c: ID!, $s: ID!, $t: String!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: $t, text: \"It flickers at 144 Hz.\"}) { id } }",
                Map.of("c", configuration, "s", symptomId, "t", title)).data().path("reportSymptom").path("id").asText();
    }

    @Test
    void noPeerFacingAnswerCarriesAnotherCustomersIdentity() {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        // first: 10 holds all PEERS; every field of the answer (peers' rows with their reports, too) at 20 would cost
        // more than the service's query cost limit.
        ask(answers, "peersWithSymptom", "peersWithSymptom", "configuration: $c, symptom: $s, first: 10", "$c: ID!, $s: ID!", Map.of("c", aliceConfiguration, "s", symptomId));
        ask(answers, "similarPeers", "similarPeers", "configuration: $c, first: 20", "$c: ID!", Map.of("c", aliceConfiguration));
        ask(answers, "benchmark", "benchmark", "metric: $m, configuration: $c, cohort: SIMILAR_PEERS", "$m: String!, $c: ID!", Map.of("m", metricKey, "c", aliceConfiguration));
        ask(answers, "searchCases", "searchCases", "query: $q, first: 20", "$q: String", Map.of("q", "flickers " + u));
        ask(answers, "similarCases by report", "similarCases", "report: $r, first: 20", "$r: ID", Map.of("r", aliceReport));
        ask(answers, "similarCases by text", "similarCases", "text: $t, symptoms: [$s], first: 20", "$t: String, $s: ID!", Map.of("t", "screen flickers " + u, "s", symptomId));
        ask(answers, "solution", "solution", "id: $id", "$id: ID!", Map.of("id", solutionId));
        relay.drain(); // alice's inbox: a peer's solution for her symptom
        ask(answers, "notifications", "notifications", "first: $f", "$f: Int", Map.of("f", 50));
        for (String report : peerReports) {
            ask(answers, "report " + report, "report", "id: $id", "$id: ID!", Map.of("id", report));
            ask(answers, "node " + report, "node", "id: $id", "$id: ID!", Map.of("id", report));
        }

        // Not a scan of empty answers: the peers are there, pseudonymously.
        assertThat(answers.get("peersWithSymptom").path("reports").path("edges")).hasSizeGreaterThanOrEqualTo(PEERS - 1);
        assertThat(answers.get("peersWithSymptom").path("peers").path("edges")).hasSizeGreaterThanOrEqualTo(PEERS - 1);
        assertThat(answers.get("similarPeers").path("edges")).isNotEmpty();
        assertThat(answers.get("report " + peerReports.getFirst()).path("peer").path("pseudonym").asText()).isNotBlank();
        assertThat(answers.get("solution").path("title").asText()).isEqualTo("Lower the refresh rate");
        assertThat(answers.get("notifications").path("edges").findValuesAsText("title")).contains("Use a shorter cable");

        List<String> leaks = new ArrayList<>();
        answers.forEach((question, answer) -> identities.stream().filter(answer.toString()::contains)
                .forEach(identity -> leaks.add(question + " shows " + identity + ": " + answer)));
        assertThat(leaks).isEmpty();
    }

    /**
     * Types not expanded: the public taxonomy holds no customer's identity, and its deep concept trees would push
     * the generated document past the parser's token limit.
     */
    private static final Set<String> PUBLIC_VOCABULARY = Set.of("Concept", "ConceptScheme");

    /** Asks one operation for every field it offers; the answer is kept under {@code label}. */
    private void ask(Map<String, JsonNode> answers, String label, String operation, String arguments, String declarations,
                     Map<String, Object> variables) {
        GraphQLFieldDefinition field = graphQlSource.schema().getQueryType().getFieldDefinition(operation);
        String document = "query(" + declarations + ") { " + operation + "(" + arguments + ")" + selection(field.getType(), 6) + " }";
        answers.put(label, api.post(aliceToken, document, variables).data().path(operation));
    }

    /**
     * Every field without required arguments, down to {@code depth} levels; unions and interfaces by each member,
     * whose fields are aliased by member ({@code Report_status}) since members may share a name with another type.
     */
    private String selection(GraphQLType type, int depth) {
        return selection(type, depth, "");
    }

    private String selection(GraphQLType type, int depth, String alias) {
        GraphQLType t = GraphQLTypeUtil.unwrapAll(type);
        if (t instanceof GraphQLScalarType || t instanceof GraphQLEnumType) {
            return "";
        }
        if (depth == 0 || PUBLIC_VOCABULARY.contains(((GraphQLNamedType) t).getName())) {
            return " { __typename }";
        }
        List<GraphQLObjectType> members = t instanceof GraphQLUnionType union ? union.getTypes().stream().map(GraphQLObjectType.class::cast).toList()
                : t instanceof GraphQLInterfaceType node ? graphQlSource.schema().getImplementations(node) : null;
        if (members != null) {
            return members.stream().map(m -> "... on " + m.getName() + selection(m, depth, m.getName() + "_"))
                    .collect(Collectors.joining(" ", " { __typename ", " }"));
        }
        return ((GraphQLObjectType) t).getFieldDefinitions().stream()
                .filter(f -> f.getArguments().stream().noneMatch(a -> GraphQLTypeUtil.isNonNull(a.getType())))
                .map(f -> (alias.isEmpty() ? "" : alias + f.getName() + ": ") + f.getName() + selection(f.getType(), depth - 1, ""))
                .collect(Collectors.joining(" ", " { ", " }"));
    }
}
