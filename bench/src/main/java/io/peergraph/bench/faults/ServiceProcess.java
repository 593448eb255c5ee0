package io.peergraph.bench.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service under test as a process of the packaged jar ({@code java -jar peergraph.jar run}) on 127.0.0.1, with
 * its managed Elasticsearch and embedded Neo4j, killed and restarted on the same data folder.
 */
final class ServiceProcess {

    private static final List<String> JVM_FLAGS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "--add-modules=jdk.incubator.vector", "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path jar;
    private final Path dataDir;
    private final int port;
    private final Path output;
    private final Map<String, String> settings;
    private volatile Process process;

    /** {@code settings}: Spring properties given as environment variables ({@code PEERGRAPH_SEARCH_MAXRESTARTS} …). */
    ServiceProcess(Path jar, Path dataDir, int port, Path output, Map<String, String> settings) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.port = port;
        this.output = output;
        this.settings = Map.copyOf(settings);
        // A bench stopped by SIGTERM or Ctrl-C stops the service it started, as an operator would (SIGTERM), rather than
        // leaving it and its Elasticsearch running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null && running.isAlive()) {
                running.destroy();
            }
        }, "stop-service"));
    }

    Path jar() {
        return jar;
    }

    static List<String> java(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-Xmx" + heap);
        return command;
    }

    void start() {
        List<String> command = java("1g");
        command.addAll(List.of("-jar", jar.toString(), "run", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(settings);
            process = builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for readiness (200); false if the process ended or {@code patience} passed. */
    boolean awaitReady(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            if (status("/actuator/health/readiness") == 200) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL of the service JVM (its managed Elasticsearch follows through its parent-death signal). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator stops it. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofMinutes(2).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The managed Elasticsearch's server JVM: the descendant running Elasticsearch's bootstrap. */
    Optional<ProcessHandle> elasticsearch() {
        return process.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("org.elasticsearch.bootstrap.Elasticsearch"))
                .findFirst();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
