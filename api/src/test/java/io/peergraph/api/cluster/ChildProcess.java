package io.peergraph.api.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM these tests start from the service's own jar (the one {@code ./peergraph run} runs), its output in a file.
 * Secrets go through the environment, never the command line (which every local account can read in ps).
 */
final class ChildProcess implements AutoCloseable {

    /** The packaged service, built by the package phase before failsafe runs. */
    static final Path JAR = Path.of(System.getProperty("peergraph.jar", "target/peergraph.jar")).toAbsolutePath();
    private static final List<String> JVM_FLAGS = Arrays.stream(System.getProperty("peergraph.jvm.flags", "").split("\\s+"))
            .filter(flag -> !flag.isBlank()).toList();

    private final String name;
    private final Process process;
    private final Path output;

    private ChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Runs {@code mainClass} from the jar's classes and libraries (Spring Boot's PropertiesLauncher). */
    static ChildProcess main(String name, Path output, String heap, String mainClass, List<String> args, Map<String, String> env) {
        List<String> command = java(heap);
        command.addAll(List.of("-Dloader.main=" + mainClass, "-cp", JAR.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher"));
        command.addAll(args);
        return start(name, output, command, env);
    }

    /** Runs the service's command line ({@code run …}, as ./peergraph does). */
    static ChildProcess jar(String name, Path output, String heap, List<String> args, Map<String, String> env) {
        List<String> command = java(heap);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(args);
        return start(name, output, command, env);
    }

    private static List<String> java(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Xmx" + heap);
        return command;
    }

    private static ChildProcess start(String name, Path output, List<String> command, Map<String, String> env) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("No service jar at " + JAR + ": run these tests through `mvn verify -P two-instances`");
        }
        try {
            Files.createDirectories(output.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the process printed so far. */
    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the output, for a failure message. */
    String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** Waits until {@code condition} holds; fails, with the process's output, if the process ends first or time runs out. */
    void await(String what, Duration patience, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before " + what + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + " not " + what + " within " + patience + ":\n" + tail());
            }
            Thread.sleep(500);
        }
    }

    /** The exit code, waiting at most {@code patience} for the process to end by itself. */
    int exitCode(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + patience + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, as a crashed machine or an OOM killer ends it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then SIGKILL if it has not ended within a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
