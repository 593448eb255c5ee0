package io.peergraph.bench.faults;

import io.peergraph.graph.embedded.EmbeddedNeo4j;
import io.peergraph.graph.schema.StoreCounts;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.Driver;

/**
 * An offline import ({@code peergraph import protondb FILE --data-dir D}) SIGKILLed N times at random moments and run
 * again each time (it resumes from its checkpoint), against the same import run through once on a fresh store: both
 * stores must end with the same counts of every identified label and of relationships.
 */
final class ImportKills {

    record Result(int injected, int survived, long expected, long found, boolean countsEqual, String notes) {}

    private final Path jar;
    private final Path dir;
    private final Random random;

    ImportKills(Path jar, Path dir, Random random) {
        this.jar = jar;
        this.dir = dir;
        this.random = random;
    }

    Result run(int kills, Path file) throws Exception {
        Path reference = dir.resolve("uninterrupted");
        Path interrupted = dir.resolve("interrupted");
        Instant began = Instant.now();
        Process once = importInto(reference, file, "uninterrupted.out");
        int referenceExit = once.waitFor();
        long referenceSeconds = Duration.between(began, Instant.now()).toSeconds();
        if (referenceExit != 0) {
            return new Result(0, 0, 0, 0, false, "the uninterrupted import failed (exit " + referenceExit + "), see " + dir);
        }
        int injected = 0;
        List<Long> killedAfter = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            Process run = importInto(interrupted, file, "interrupted-" + i + ".out");
            long at = (long) (referenceSeconds * 1000 * (0.2 + 0.75 * random.nextDouble()));
            if (run.waitFor(at, TimeUnit.MILLISECONDS)) {
                killedAfter.add(-1L); // it finished before the moment came (a resumed run has less to do)
                continue;
            }
            run.destroyForcibly().waitFor();
            injected++;
            killedAfter.add(at / 1000);
        }
        Process last = importInto(interrupted, file, "interrupted-final.out");
        int lastExit = last.waitFor();
        Map<String, Long> expected = counts(reference);
        Map<String, Long> found = counts(interrupted);
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        long foundTotal = found.values().stream().mapToLong(Long::longValue).sum();
        // Every kill is survived when the resumed store ends as the uninterrupted one; none is when it does not.
        boolean resumedWhole = lastExit == 0 && expected.equals(found);
        return new Result(injected, resumedWhole ? injected : 0, expectedTotal, foundTotal, expected.equals(found),
                "uninterrupted " + referenceSeconds + " s; killed after (s, -1 = had finished) " + killedAfter + "; final run exit " + lastExit
                        + "; nodes+relationships uninterrupted " + expected + (expected.equals(found) ? " = resumed" : " vs resumed " + found));
    }

    private Process importInto(Path dataDir, Path file, String output) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = ServiceProcess.java("1g");
        command.addAll(List.of("-jar", jar.toString(), "import", "protondb", file.toAbsolutePath().toString(), "--data-dir", dataDir.toString(),
                "--json", "--dead-letter", dataDir.resolve("rejected.jsonl").toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(output).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static Map<String, Long> counts(Path dataDir) {
        try (EmbeddedNeo4j store = EmbeddedNeo4j.start(dataDir.resolve("neo4j"), 0, 64L << 20); Driver driver = store.driver()) {
            return StoreCounts.of(driver);
        }
    }
}
