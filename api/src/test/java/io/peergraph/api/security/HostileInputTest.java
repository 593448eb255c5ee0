package io.peergraph.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Hostile requests over real HTTP: each gets a 4xx and a code, nothing is written, and the service stays healthy. */
@ApiTest
class HostileInputTest {

    static final String ME = "{ me { customer { id } } }";

    @Autowired GraphQlHttp api;
    @Autowired TokenMinter minter;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stillHealthy() throws Exception {
        var health = http.send(HttpRequest.newBuilder(api.uri("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"").contains("neo4j");
    }

    @Test
    void aQueryFiftyLevelsDeepIsRefused() {
        String nested = "query { node(id: \"cfg_aaaaaaaaaaaaaaaaaaaa\") { ... on Symptom { " + "broader { ".repeat(50) + "id" + " }".repeat(50) + " } } }";
        var response = api.post(api.newCustomer(), nested);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("QUERY_TOO_COMPLEX");
        assertThat(api.post(api.newCustomer(), ME).data().path("me").path("customer").path("id").asText()).startsWith("cus_");
    }

    @Test
    void tenThousandAliasesAreRefused() {
        String aliases = IntStream.range(0, 10_000).mapToObj(i -> "a" + i + ": symptoms(first: 1) { edges { node { id } } }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        var response = api.post(api.newCustomer(), aliases);
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.errorCode()).isIn("QUERY_TOO_COMPLEX", "GRAPHQL_PARSE_FAILED", "REQUEST_TOO_LARGE");
    }

    @Test
    void aFiveMegabyteQueryIsRefusedBeforeItIsRead() throws Exception {
        String huge = "{ me { customer { id } } }" + " ".repeat(5 * 1024 * 1024);
        var response = send("application/json", "{\"query\":\"" + huge + "\"}", api.newCustomer());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("REQUEST_TOO_LARGE");
    }

    @Test
    void malformedBodiesAndWrongContentTypesAreClientErrors() throws Exception {
        String token = api.newCustomer();
        assertThat(send("application/json", "{\"query\": ", token).statusCode()).isEqualTo(400);
        assertThat(send("text/plain", "{ me { customer { id } } }", token).statusCode()).isEqualTo(415);
        byte[] invalidUtf8 = {'{', '"', 'q', 'u', 'e', 'r', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        var response = http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(400, 499);
    }

    @Test
    void badTokensAreUnauthenticated() throws Exception {
        String expired = minter.mint("mallory", List.of(Role.ADMIN), Duration.ofSeconds(-120));
        var forgedKey = new RSAKeyGenerator(2048).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("mallory")
                .issuer("peergraph-local").audience("peergraph").expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .claim("roles", List.of("ADMIN")).build());
        forged.sign(new RSASSASigner(forgedKey));
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"mallory\",\"iss\":\"peergraph-local\",\"aud\":\"peergraph\",\"roles\":[\"ADMIN\"],\"exp\":"
                + (System.currentTimeMillis() / 1000 + 60) + "}") + ".";
        for (String bad : List.of(expired, forged.serialize(), none, "not-a-jwt")) {
            var response = send("application/json", "{\"query\":\"" + ME + "\"}", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(401);
        }
    }

    @Test
    void forgedTokensGetAGraphQlAnswerAreRateLimitedAsAnonymousCallersAndAuditedOncePerMinute() throws Exception {
        var forgedKey = new RSAKeyGenerator(2048).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("mallory")
                .issuer("peergraph-local").audience("peergraph").expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .claim("roles", List.of("ADMIN")).build());
        forged.sign(new RSASSASigner(forgedKey));
        // From an address of its own (all of 127/8 is loopback), so that this bucket is nobody else's.
        String address = "127.0.0." + (10 + new java.util.Random().nextInt(200));
        HttpClient fromElsewhere = HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName(address)).build();
        HttpResponse<String> first = null;
        HttpResponse<String> limited = null;
        int sent = 0;
        while (limited == null && sent < 2_000) {
            var response = fromElsewhere.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + forged.serialize())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + ME + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            sent++;
            if (first == null) {
                first = response;
            }
            if (response.statusCode() == 429) {
                limited = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
            }
        }

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.headers().firstValue("WWW-Authenticate")).isPresent();
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(first.body());
        assertThat(body.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(body.path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(limited).as("429 within %s requests (the anonymous burst is 300)", sent).isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        var events = api.post(api.newCustomer(Role.ADMIN),
                "{ auditEvents(action: \"AUTHENTICATION_FAILED\", first: 100) { edges { node { by summary } } } }").data()
                .path("auditEvents").path("edges").findValuesAsText("by");
        assertThat(events.stream().filter(("address:" + address)::equals)).as("one entry per address and minute, not %s", sent).hasSize(1);
    }

    @Test
    void aDirectRequestForTheErrorPageIsNotFoundWithACode() throws Exception {
        for (String path : List.of("/error", "/error?x=1")) {
            var response = http.send(HttpRequest.newBuilder(api.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).contains("\"NOT_FOUND\"").doesNotContain("Exception").doesNotContain("trace");
        }
    }

    @Test
    void querySyntaxInTextIsStoredAsTextNeverRun() {
        String token = api.newCustomer();
        List<String> hostile = List.of("'}) MATCH (n) DETACH DELETE n //", "\") RETURN 1 UNION MATCH (n) RETURN n //",
                "*:* OR name:(a AND b)~2 ^10 [a TO z]", "\\u0000\\\\ ${jndi:ldap://x}");
        for (String text : hostile) {
            var created = api.post(token, "mutation($n: String!) { createConfiguration(input: {name: $n, items: [{kind: \"os\", value: $n}]}) { name items { value } } }",
                    Map.of("n", text)).data().path("createConfiguration");
            assertThat(created.path("name").asText()).isEqualTo(text.strip());
            assertThat(api.post(token, "query($s: String) { products(search: $s) { edges { node { id } } } }", Map.of("s", text)).data()
                    .path("products").path("edges")).isEmpty();
            assertThat(api.post(token, "query($s: String) { symptoms(search: $s) { edges { node { id } } } }", Map.of("s", text)).status())
                    .isEqualTo(200);
        }
        assertThat(api.post(token, "{ me { configurations(first: 10) { edges { node { id } } } } }").data()
                .path("me").path("configurations").path("edges")).hasSize(hostile.size());
    }

    private HttpResponse<String> send(String contentType, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(api.uri("/graphql")).header("Content-Type", contentType)
                .header("Accept", "application/graphql-response+json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
