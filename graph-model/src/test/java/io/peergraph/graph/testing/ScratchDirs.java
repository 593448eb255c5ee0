package io.peergraph.graph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throw-away folders for the stores and servers a test JVM starts, deleted when the JVM exits.
 *
 * <p>Each module's test JVM starts a Neo4j store (~200 MB) and the api's a search server's data: left behind, a
 * few dozen runs of the suite fill a disk (one CI run failed so). The folders are deleted by one shutdown hook that
 * first lets the other shutdown work finish — the stores close in their own hooks, the Spring contexts close in
 * theirs and stop the servers they started as child processes — so nothing is deleted under a running store.
 */
public final class ScratchDirs {

    private static final List<Path> AT_EXIT = new CopyOnWriteArrayList<>();
    private static final String HOOK_NAME = "scratch-dirs-cleanup";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchDirs::deleteAtExit, HOOK_NAME));
    }

    private ScratchDirs() {}

    /**
     * A new owner-only folder in the system temp directory, as the service makes its data folder (a server started by
     * root runs as a system user that gets through it by group), deleted when the JVM exits.
     */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(
                    prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            AT_EXIT.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder and everything in it now; if that fails, the exit tries again. */
    public static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
        AT_EXIT.remove(dir);
    }

    private static void deleteAtExit() {
        // Surefire stops a test JVM that has not exited 30 s after its last test; the waits stay well inside that.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        awaitOtherShutdownHooks(deadline);
        awaitChildProcesses(deadline);
        for (Path dir : AT_EXIT) {
            try {
                delete(dir);
            } catch (RuntimeException e) {
                System.err.println("test scratch folder left behind: " + dir + " (" + e.getMessage() + ")");
            }
        }
    }

    /** Hook threads cannot be listed, but the JVM's, Spring's and ours all say "shutdown" in their names. */
    private static void awaitOtherShutdownHooks(long deadline) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName().toLowerCase(Locale.ROOT);
            if (thread != Thread.currentThread() && name.contains("shutdown")) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A search server still stopping would write into a folder being deleted; past the deadline it is stopped hard. */
    private static void awaitChildProcesses(long deadline) {
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            try {
                child.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                child.destroyForcibly();
            }
        }
    }
}
