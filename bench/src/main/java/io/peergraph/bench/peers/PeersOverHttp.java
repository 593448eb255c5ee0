package io.peergraph.bench.peers;

import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import io.peergraph.bench.generate.SyntheticCommunity.Question;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code peersWithSymptom} as a front end asks it: GraphQL over HTTP with the asking customer's own bearer
 * token. Only the exchange is timed by the caller; the body is parsed afterwards to check the answer.
 */
final class PeersOverHttp {

    static final String PAGE = """
            query Peers($configuration: ID!, $symptom: ID!, $first: Int) {
              peersWithSymptom(configuration: $configuration, symptom: $symptom, first: $first) {
                reports { edges { node { id similarity sharedItems { kind value } peer { pseudonym } } } }
                solutions { solution { id title } worked confirmations peers confidence }
              }
            }
            """;

    static final String COUNT = """
            query PeerCount($configuration: ID!, $symptom: ID!, $first: Int) {
              peersWithSymptom(configuration: $configuration, symptom: $symptom, first: $first) { peerCount }
            }
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final TokenMinter minter;
    private final int first;
    private final Map<String, String> tokens = new HashMap<>();

    PeersOverHttp(URI endpoint, TokenMinter minter, int first) {
        this.endpoint = endpoint;
        this.minter = minter;
        this.first = first;
    }

    /** Sends the request; the response body is returned unparsed so that parsing stays out of the timing. */
    String send(String query, Question q) {
        String token = tokens.computeIfAbsent(q.handle(), handle -> minter.mint(handle, List.of(Role.CUSTOMER), Duration.ofHours(6)));
        String body = JSON.writeValueAsString(Map.of("query", query,
                "variables", Map.of("configuration", q.configurationId(), "symptom", q.symptomId(), "first", first)));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("The service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The number of peer reports in a {@link #PAGE} answer; fails on GraphQL errors. */
    static int pageSize(String body) {
        return answer(body).path("reports").path("edges").size();
    }

    /** The peer count in a {@link #COUNT} answer; fails on GraphQL errors. */
    static long peerCount(String body) {
        return answer(body).path("peerCount").asLong();
    }

    private static JsonNode answer(String body) {
        JsonNode json = JSON.readTree(body);
        if (!json.path("errors").isMissingNode() && !json.path("errors").isEmpty()) {
            throw new IllegalStateException("GraphQL errors: " + json.path("errors"));
        }
        return json.path("data").path("peersWithSymptom");
    }
}
