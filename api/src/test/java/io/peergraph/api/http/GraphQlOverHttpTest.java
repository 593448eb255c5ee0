package io.peergraph.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The endpoint as the GraphQL-over-HTTP specification describes it, over real HTTP: queries over GET, mutations
 * refused over GET (and nothing written), media types and the status codes that go with them, malformed requests.
 * The independent audit of the whole specification is {@link GraphQlHttpAuditTest}.
 */
@ApiTest
class GraphQlOverHttpTest {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired GraphQlHttp api;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void queriesRunOverGetWithVariablesAndOperationNameInTheUrl() throws Exception {
        String token = api.newCustomer();
        var response = get(token, GRAPHQL_RESPONSE, Map.of(
                "query", "query Other { __typename } query Mine($first: Int) { me { configurations(first: $first) { edges { node { id } } } } }",
                "operationName", "Mine", "variables", "{\"first\": 5}"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(GRAPHQL_RESPONSE));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("errors").isMissingNode()).as(response.body()).isTrue();
        assertThat(body.path("data").path("me").path("configurations").path("edges").isArray()).isTrue();
    }

    @Test
    void aMutationOverGetIsRefusedWith405AndWritesNothing() throws Exception {
        String token = api.newCustomer();
        String create = "mutation { createConfiguration(input: {name: \"via get\", items: [{kind: \"os\", value: \"Debian 12\"}]}) { id } }";
        var response = get(token, GRAPHQL_RESPONSE, Map.of("query", create));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        // The mutation chosen by operationName among queries is refused too.
        assertThat(get(token, "application/json", Map.of("query", "query Q { __typename } " + create.replace("mutation", "mutation M"),
                "operationName", "M")).statusCode()).isEqualTo(405);

        assertThat(api.post(token, "{ me { configurations { edges { node { id } } } } }").data()
                .path("me").path("configurations").path("edges")).isEmpty();
    }

    @Test
    void documentErrorsAre400ForGraphqlResponseJsonAnd200ForLegacyJson() throws Exception {
        for (String document : new String[] {"{ me { ", "{ noSuchField }"}) {
            var modern = post(GRAPHQL_RESPONSE, "application/json", Map.of("query", document));
            assertThat(modern.statusCode()).as(document).isEqualTo(400);
            assertThat(JSON.readTree(modern.body()).has("data")).as("no data entry when nothing ran").isFalse();
            var legacy = post("application/json", "application/json", Map.of("query", document));
            assertThat(legacy.statusCode()).as(document).isEqualTo(200);
            assertThat(legacy.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(JSON.readTree(legacy.body()).path("errors").get(0).path("extensions").path("code").asText())
                    .isIn("GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED");
        }
    }

    @Test
    void requestsThatAreNotWellFormedAre400WhateverTheMediaType() throws Exception {
        Map<String, Object> numberQuery = Map.of("query", 1);
        Map<String, Object> booleanOperation = Map.of("query", "{ __typename }", "operationName", true);
        Map<String, Object> stringVariables = Map.of("query", "{ __typename }", "variables", "{}");
        Map<String, Object> noQuery = Map.of("variables", Map.of());
        for (var body : java.util.List.of(numberQuery, booleanOperation, stringVariables, noQuery)) {
            for (String accept : new String[] {"application/json", GRAPHQL_RESPONSE}) {
                var response = post(accept, "application/json", body);
                assertThat(response.statusCode()).as(body + " " + accept).isEqualTo(400);
                assertThat(JSON.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_REQUEST");
            }
        }
        var array = http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[{\"query\": \"{ __typename }\"}]")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(get(null, "application/json", Map.of()).statusCode()).isEqualTo(400);
        assertThat(get(null, "application/json", Map.of("query", "{ __typename }", "variables", "not json")).statusCode()).isEqualTo(400);
        var twice = http.send(HttpRequest.newBuilder(api.uri("/graphql?query=%7B__typename%7D&query=%7B__typename%7D")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(twice.statusCode()).isEqualTo(400);
    }

    @Test
    void textThatIsNotWellFormedUnicodeIs400AndNothingIsRead() throws Exception {
        byte[][] badBytes = {
                {(byte) 0xc0, (byte) 0xaf},                          // an overlong "/"
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},              // a surrogate encoded as UTF-8
                {(byte) 0xff}};
        for (byte[] bad : badBytes) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"query\": \"query($t: String) { __typename }\", \"variables\": {\"t\": \"a".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bad);
            body.writeBytes("b\"}}".getBytes(StandardCharsets.UTF_8));
            var response = http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "application/json")
                    .header("Accept", GRAPHQL_RESPONSE).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(java.util.HexFormat.of().formatHex(bad)).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("BAD_REQUEST");
        }
        var loneSurrogate = http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"query($t: String) { __typename }\", \"variables\": {\"t\": \"a\\ud800b\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loneSurrogate.statusCode()).isEqualTo(400);
        var overlongInUrl = http.send(HttpRequest.newBuilder(api.uri("/graphql?query=%7B__typename%7D&variables=%7B%22t%22%3A%22%C0%AF%22%7D"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overlongInUrl.statusCode()).isEqualTo(400);
        assertThat(get(null, "application/json", Map.of("query", "{ __typename }", "variables", "{\"t\": \"\\udfff\"}")).statusCode())
                .isEqualTo(400);
        // Well-formed text outside the Basic Multilingual Plane is fine.
        assertThat(get(null, "application/json", Map.of("query", "{ __typename }", "variables", "{\"t\": \"\uD83C\uDFAE\"}")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aContentTypeThatDoesNotParseIs415WithACode() throws Exception {
        var response = http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "a/b/c")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnacceptableAcceptIs406AndAnUnsupportedBodyIs415() throws Exception {
        var html = post("text/html", "application/json", Map.of("query", "{ __typename }"));
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(JSON.readTree(html.body()).path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("NOT_ACCEPTABLE");
        assertThat(get(null, "application/xml", Map.of("query", "{ __typename }")).statusCode()).isEqualTo(406);
        assertThat(post("application/json;q=0, application/graphql-response+json;q=0", "application/json",
                Map.of("query", "{ __typename }")).statusCode()).isEqualTo(406);
        assertThat(post("*/*", "application/graphql", Map.of("query", "{ __typename }")).statusCode()).isEqualTo(415);
    }

    @Test
    void mediaTypesFollowTheAcceptHeader() throws Exception {
        assertThat(post("*/*", "application/json", Map.of("query", "{ __typename }")).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        var preferred = post("application/json;q=0.5, application/graphql-response+json", "application/json; charset=utf-8",
                Map.of("query", "{ __typename }"));
        assertThat(preferred.statusCode()).isEqualTo(200);
        assertThat(preferred.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(GRAPHQL_RESPONSE));
        assertThat(JSON.readTree(preferred.body()).path("data").path("__typename").asText()).isEqualTo("Query");
    }

    private HttpResponse<String> get(String token, String accept, Map<String, String> parameters) throws Exception {
        String query = parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/graphql" + (query.isEmpty() ? "" : "?" + query)))
                .header("Accept", accept).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String accept, String contentType, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Accept", accept).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new LinkedHashMap<>(body)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
