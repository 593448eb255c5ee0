package io.peergraph.search.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An unpacked Elasticsearch distribution: the folder holding {@code bin/elasticsearch}.
 *
 * <p>The build unpacks {@code org.elasticsearch.distribution.integ-test-zip} into {@code search/target} and
 * records that folder in a resource; {@code -Dpeergraph.es.home} or {@code PEERGRAPH_ES_HOME} point elsewhere.
 */
public record ElasticsearchDistribution(Path home, String version) {

    public static final String HOME_PROPERTY = "peergraph.es.home";
    public static final String HOME_VARIABLE = "PEERGRAPH_ES_HOME";

    private static final String BUILD_RESOURCE = "elasticsearch-distribution.properties";
    private static final Pattern SERVER_JAR = Pattern.compile("elasticsearch-(\\d+\\.\\d+\\.\\d+)\\.jar");

    /** The distribution at {@code home}; its version is read from the server jar in {@code lib/}. */
    public static ElasticsearchDistribution at(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(absolute.resolve("bin/elasticsearch"))) {
            throw new IllegalArgumentException("No executable bin/elasticsearch under " + absolute);
        }
        return new ElasticsearchDistribution(absolute, versionOf(absolute));
    }

    /**
     * Finds the distribution: the system property, then the environment variable, then the folder the build
     * unpacked into, then {@code search/target/elasticsearch-*} below or beside the working directory.
     */
    public static ElasticsearchDistribution locate() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv(HOME_VARIABLE)).map(Path::of).ifPresent(candidates::add);
        if (!candidates.isEmpty()) {
            // An explicit choice must not silently fall back to another distribution.
            return at(candidates.getFirst());
        }
        builtHome().ifPresent(candidates::add);
        candidates.addAll(unpackedUnder(Path.of("search/target")));
        candidates.addAll(unpackedUnder(Path.of("../search/target")));
        return candidates.stream()
                .filter(home -> Files.isExecutable(home.resolve("bin/elasticsearch")))
                .findFirst()
                .map(ElasticsearchDistribution::at)
                .orElseThrow(() -> new IllegalStateException("No Elasticsearch distribution found (looked at "
                        + candidates + "). Build it with `mvn -pl search -am install`, or set " + HOME_VARIABLE
                        + " to an unpacked Elasticsearch 8.x."));
    }

    private static Optional<Path> builtHome() {
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream(BUILD_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("home")).map(Path::of);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> unpackedUnder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> child.getFileName().toString().startsWith("elasticsearch-"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(Path home) {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            return jars.map(jar -> SERVER_JAR.matcher(jar.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(matcher -> matcher.group(1))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalArgumentException("No elasticsearch-<version>.jar in " + home + "/lib"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
