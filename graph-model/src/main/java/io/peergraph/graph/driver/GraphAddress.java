package io.peergraph.graph.driver;

import io.peergraph.graph.embedded.EmbeddedNeo4j;

/**
 * Where the service's graph is: its own embedded server ({@code embedded} set), or an external server, cluster or
 * Aura at {@code uri} (a blank {@code username}: no authentication).
 */
public record GraphAddress(EmbeddedNeo4j embedded, String uri, String username, String password) {

    public static GraphAddress embedded(EmbeddedNeo4j server) {
        return new GraphAddress(server, null, null, null);
    }

    public static GraphAddress external(String uri, String username, String password) {
        return new GraphAddress(null, uri, username, password);
    }
}
