package io.peergraph.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** A GraphQL client over real HTTP for tests, with tokens from the service's own issuer. */
@Component
public class GraphQlHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Autowired
    TokenMinter minter;

    /** A token for a brand-new customer (unique handle), so tests never see each other's stuff. */
    public String newCustomer(Role... roles) {
        return token("test-" + UUID.randomUUID().toString().substring(0, 12), roles.length == 0 ? List.of(Role.CUSTOMER) : List.of(roles));
    }

    public String token(String handle, List<Role> roles) {
        return minter.mint(handle, roles, Duration.ofHours(1));
    }

    /** A new organisation founded by the holder of {@code ownerToken} (its OWNER); its id. */
    public String organisation(String ownerToken, String displayName) {
        return post(ownerToken, "mutation($d: String!) { createOrganisation(displayName: $d) { id } }", Map.of("d", displayName))
                .data().path("createOrganisation").path("id").asText();
    }

    /** Makes {@code memberHandle} a member with {@code role}: invited by {@code inviterToken}, accepted with {@code memberToken}. */
    public void join(String inviterToken, String organisationId, String memberHandle, String memberToken, String role) {
        String invitation = post(inviterToken, "mutation($o: ID!, $h: String!, $r: MemberRole!) { inviteMember(organisation: $o, handle: $h, role: $r) { id } }",
                Map.of("o", organisationId, "h", memberHandle, "r", role)).data().path("inviteMember").path("id").asText();
        post(memberToken, "mutation($i: ID!) { acceptInvitation(invitation: $i) { role } }", Map.of("i", invitation)).data();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    /** Posts a GraphQL request; returns the parsed body (asserting the HTTP exchange itself worked). */
    public Response post(String token, String query, Map<String, Object> variables) {
        try {
            String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/graphql-response+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String token, String query) {
        return post(token, query, Map.of());
    }

    /** The body of a response, with helpers for the usual assertions. */
    public record Response(int status, String raw, JsonNode json) {

        /** The data, asserting there were no errors. */
        public JsonNode data() {
            assertThat(json.path("errors").isMissingNode() || json.path("errors").isEmpty())
                    .as("errors in %s", raw).isTrue();
            return json.path("data");
        }

        /** The first error's extensions.code. */
        public String errorCode() {
            assertThat(json.path("errors").isArray()).as("expected an error in %s", raw).isTrue();
            return json.path("errors").get(0).path("extensions").path("code").asText();
        }

        public JsonNode firstError() {
            return json.path("errors").get(0);
        }
    }
}
