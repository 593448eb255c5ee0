package io.peergraph.search.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Stream;

/** Where one managed server keeps its files: everything under {@code <dataDir>/elasticsearch}. */
record ServerDirectories(Path root) {

    static ServerDirectories under(Path dataDir) {
        return new ServerDirectories(dataDir.toAbsolutePath().normalize().resolve("elasticsearch"));
    }

    Path data() {
        return root.resolve("data");
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path tmp() {
        return root.resolve("tmp");
    }

    Path pidFile() {
        return root.resolve("elasticsearch.pid");
    }

    /** Standard output and error of the launcher: start-up failures that never reach Elasticsearch's own log. */
    Path consoleLog() {
        return logs().resolve("console.log");
    }

    Path serverLog() {
        return logs().resolve("elasticsearch.log");
    }

    /**
     * Creates the folders and a private copy of the distribution, reused while the version stays the same.
     *
     * <p>A private copy because Elasticsearch writes into its config folder (the keystore), because a system
     * user may be unable to read the build folder, and because {@code mvn clean} must not pull the jars from
     * under a running server.
     */
    ElasticsearchDistribution prepare(ElasticsearchDistribution source) {
        try {
            Files.createDirectories(data());
            Files.createDirectories(logs());
            Files.createDirectories(tmp());
            Path copy = root.resolve("distribution-" + source.version());
            if (!Files.isDirectory(copy)) {
                copyTree(source.home(), copy);
            }
            return ElasticsearchDistribution.at(copy);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + root + ": " + e, e);
        }
    }

    /** Copies into a temporary sibling first, so that an interrupted copy is never mistaken for a complete one. */
    private static void copyTree(Path source, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + UUID.randomUUID());
        try (Stream<Path> paths = Files.walk(source)) {
            Iterator<Path> each = paths.iterator();
            while (each.hasNext()) {
                Path path = each.next();
                // COPY_ATTRIBUTES keeps the execute bits of bin/.
                Files.copy(
                        path, partial.resolve(source.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(partial)) {
                deleteTree(partial);
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
