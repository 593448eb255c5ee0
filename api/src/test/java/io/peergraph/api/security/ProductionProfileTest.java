package io.peergraph.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Under the {@code production} profile the schema is not handed out: no introspection, no GraphiQL, no printed
 * schema; ordinary queries (and {@code __typename}) work as before. A second application context on the shared
 * Neo4j; search points where nothing listens (searches answer from the graph) rather than starting a second
 * Elasticsearch on the same data directory.
 */
@ApiTest
@ActiveProfiles("production")
@TestPropertySource(properties = "peergraph.search.uri=http://127.0.0.1:9")
class ProductionProfileTest {

    @Autowired GraphQlHttp api;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void introspectionGraphiqlAndThePrintedSchemaAreOff() throws Exception {
        String token = api.newCustomer();
        var schema = api.post(token, "{ __schema { queryType { name } } }");
        assertThat(schema.status()).isEqualTo(400);
        assertThat(schema.errorCode()).isEqualTo("INTROSPECTION_DISABLED");
        assertThat(api.post(null, "{ __type(name: \"Report\") { fields { name } } }").errorCode()).isEqualTo("INTROSPECTION_DISABLED");

        assertThat(api.post(null, "{ __typename }").data().path("__typename").asText()).isEqualTo("Query");
        assertThat(api.post(token, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText()).startsWith("cus_");

        for (String page : new String[] {"/graphiql", "/graphql/schema"}) {
            var response = http.send(HttpRequest.newBuilder(api.uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isIn(401, 404, 405);
        }
    }
}
