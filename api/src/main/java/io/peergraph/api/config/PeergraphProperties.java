package io.peergraph.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything Peergraph itself can be told, under {@code peergraph.*}. Defaults run everything embedded under
 * {@code ./data}.
 */
@ConfigurationProperties("peergraph")
public record PeergraphProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue Neo4j neo4j,
        @DefaultValue Security security,
        @DefaultValue Api api,
        @DefaultValue Demo demo) {

    /**
     * Neo4j. With no {@code uri} the service runs Neo4j embedded under {@code dataDir/neo4j}, on Bolt at
     * 127.0.0.1:{@code boltPort} (0: any free port); with a {@code uri} it starts nothing and connects there.
     */
    public record Neo4j(String uri, String username, String password,
                        @DefaultValue("0") int boltPort,
                        @DefaultValue("512MB") org.springframework.util.unit.DataSize pageCache) {
        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /**
     * Who is calling. With neither {@code issuerUri} nor {@code jwkSetUri}, tokens are signed by a key the
     * service keeps in {@code dataDir/security} and minted by {@code ./peergraph token}. {@code webClientId}: the
     * public client (no secret, PKCE required) registered at the {@code issuerUri} provider for the web pages, which
     * then sign people in with the authorization-code flow; {@code webScopes}: the scopes those pages ask for.
     */
    public record Security(String issuerUri, String jwkSetUri,
                           @DefaultValue("peergraph") String audience,
                           @DefaultValue("roles") String rolesClaim,
                           @DefaultValue("peergraph-local") String localIssuer,
                           String webClientId,
                           @DefaultValue("openid profile") String webScopes) {

        /** The web pages can send people to the provider: an issuer to discover and a client registered there. */
        public boolean webSignInWithProvider() {
            return issuerUri != null && !issuerUri.isBlank() && webClientId != null && !webClientId.isBlank();
        }
    }

    /**
     * Limits of the GraphQL API. {@code maxQueryCost}: a field costs 1 plus, for lists, its page size times the
     * cost of one element. {@code maxRequestBytes}: larger bodies get 413. {@code requestsPerMinute} and
     * {@code burst}: a token bucket per signed-in customer (per IP address for anonymous callers) in each instance.
     * {@code executionTimeout}: fields not yet fetched when it has passed fail with QUERY_TIMEOUT.
     * {@code databaseSessionsPerRequest}: how many database sessions one request holds at once (its fields take
     * turns beyond that), so one request cannot take the driver's whole connection pool.
     * {@code maxListSize}: the most elements a list field without {@code first} returns, unless its
     * {@code @listSize} says fewer; the query cost counts such a list at that size.
     */
    public record Api(@DefaultValue("20") int defaultPageSize, @DefaultValue("100") int maxPageSize,
                      @DefaultValue("10") int solutionsPerAnswer, @DefaultValue("12") int maxQueryDepth,
                      @DefaultValue("50000") int maxQueryCost, @DefaultValue("1048576") int maxRequestBytes,
                      @DefaultValue("1200") int requestsPerMinute, @DefaultValue("300") int burst,
                      @DefaultValue("30s") java.time.Duration executionTimeout,
                      @DefaultValue("4") int databaseSessionsPerRequest, @DefaultValue("100") int maxListSize) {}

    /** Demo data loaded into an empty store on start. */
    public record Demo(@DefaultValue("true") boolean enabled) {}

    public Path neo4jStoreDir() {
        return dataDir.resolve("neo4j");
    }

    public Path securityDir() {
        return dataDir.resolve("security");
    }
}
