package io.peergraph.search.server;

/** Elasticsearch did not become healthy; the message carries the end of its logs. */
public class ServerStartException extends RuntimeException {

    public ServerStartException(String message) {
        super(message);
    }
}
