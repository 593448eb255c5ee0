package io.peergraph.api.cluster;

import java.nio.file.Path;

/**
 * The two-instances contract against servers that are processes of this machine (no Docker needed): Neo4j in a JVM of
 * its own, the managed Elasticsearch as a process of its own. Run by {@code mvn verify -P two-instances} (and
 * bench/run-two-instances.sh), not by the default suite: it starts five JVMs.
 */
class LocalServersTwoInstancesIT extends TwoInstancesContract {

    @Override
    ExternalServers servers(Path dir) throws Exception {
        return LocalServers.start(dir);
    }
}
