package io.peergraph.ingest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real data beside the clone (../shared/data); tests that need it skip, saying why, when it is absent. */
public final class SharedData {

    private SharedData() {}

    public static Path require(String relative) {
        String root = System.getProperty("peergraph.shared.data", "../../shared/data");
        Path file = Path.of(root).resolve(relative);
        assumeTrue(Files.isRegularFile(file), "skipped: " + file.toAbsolutePath() + " is absent (shared data is not beside this clone)");
        return file;
    }
}
