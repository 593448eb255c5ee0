package io.peergraph.api.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.neo4j.Neo4jContainer;

/**
 * The two-instances contract against the official Neo4j and Elasticsearch images, through Testcontainers, where a
 * Docker engine exists; skipped with a message elsewhere. Same Neo4j and Elasticsearch versions as the service uses.
 */
@EnabledIf(value = "dockerAvailable", disabledReason = "No Docker engine here: the Testcontainers variant (official neo4j and "
        + "elasticsearch images) is skipped; LocalServersTwoInstancesIT runs the same contract against local processes")
class ContainersTwoInstancesIT extends TwoInstancesContract {

    static final String NEO4J_IMAGE = "neo4j:" + System.getProperty("peergraph.neo4j.version", "2026.08.1") + "-community";
    static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:"
            + System.getProperty("peergraph.elasticsearch.version", "8.19.21");

    @Override
    ExternalServers servers(Path dir) {
        Neo4jContainer neo4j = new Neo4jContainer(NEO4J_IMAGE).withAdminPassword("peergraph-" + Long.toHexString(System.nanoTime()));
        ElasticsearchContainer elasticsearch = new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
                .withPassword("peergraph-" + Long.toHexString(System.nanoTime()))
                .withEnv("ES_JAVA_OPTS", "-Xms384m -Xmx384m")
                .withEnv("xpack.security.http.ssl.enabled", "false");
        neo4j.start();
        elasticsearch.start();
        return new ExternalServers() {
            @Override public String boltUri() { return neo4j.getBoltUrl(); }
            @Override public String neo4jUsername() { return "neo4j"; }
            @Override public String neo4jPassword() { return neo4j.getAdminPassword(); }
            @Override public String searchUri() { return "http://" + elasticsearch.getHttpHostAddress(); }
            @Override public String searchUsername() { return "elastic"; }
            @Override public String searchPassword() { return elasticsearchPassword(elasticsearch); }
            @Override public void close() {
                elasticsearch.stop();
                neo4j.stop();
            }
        };
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    private static String elasticsearchPassword(ElasticsearchContainer container) {
        return container.getEnvMap().get("ELASTIC_PASSWORD");
    }
}
