package io.peergraph.api.cluster;

/**
 * One Neo4j server and one Elasticsearch that several Peergraph instances share, as production has them: reached
 * over the network with credentials, started and stopped by someone else.
 */
interface ExternalServers extends AutoCloseable {

    String boltUri();

    String neo4jUsername();

    String neo4jPassword();

    String searchUri();

    String searchUsername();

    String searchPassword();

    @Override
    void close();
}
