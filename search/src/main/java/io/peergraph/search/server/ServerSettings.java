package io.peergraph.search.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a managed Elasticsearch server.
 *
 * @param dataDir the application's data directory; the server keeps everything under {@code dataDir/elasticsearch}
 * @param httpPort HTTP port on 127.0.0.1, or 0 for a free one
 * @param transportPort transport port on 127.0.0.1, or 0 for a free one
 * @param heap JVM heap size in Java notation, e.g. {@code 512m}
 * @param startTimeout how long to wait for the cluster to turn yellow or green
 * @param maxRestarts how many crashes within {@link #RESTART_WINDOW} the watchdog repairs before giving up
 * @param distribution the unpacked distribution to run
 * @param javaHome a JDK 21 or newer to run it on
 */
public record ServerSettings(
        Path dataDir,
        int httpPort,
        int transportPort,
        String heap,
        Duration startTimeout,
        int maxRestarts,
        ElasticsearchDistribution distribution,
        Path javaHome) {

    public static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

    /** Free ports, 512 MB heap, two minutes to start, three restarts, the located distribution, this JVM's JDK. */
    public static ServerSettings defaults(Path dataDir) {
        return new ServerSettings(
                dataDir,
                0,
                0,
                "512m",
                Duration.ofMinutes(2),
                3,
                ElasticsearchDistribution.locate(),
                Path.of(System.getProperty("java.home")));
    }

    public ServerSettings withHttpPort(int port) {
        return new ServerSettings(
                dataDir, port, transportPort, heap, startTimeout, maxRestarts, distribution, javaHome);
    }

    public ServerSettings withStartTimeout(Duration timeout) {
        return new ServerSettings(
                dataDir, httpPort, transportPort, heap, timeout, maxRestarts, distribution, javaHome);
    }

    public ServerSettings withMaxRestarts(int restarts) {
        return new ServerSettings(
                dataDir, httpPort, transportPort, heap, startTimeout, restarts, distribution, javaHome);
    }

    public ServerSettings withHeap(String size) {
        return new ServerSettings(
                dataDir, httpPort, transportPort, size, startTimeout, maxRestarts, distribution, javaHome);
    }
}
