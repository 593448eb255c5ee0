package io.peergraph.search.server;

import io.peergraph.search.cluster.SearchCredentials;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the Elasticsearch child process, from launch to exit.
 *
 * <p>The process tree is {@code [runuser] -> Elasticsearch CLI -> server JVM}; the CLI exits when the server
 * does, so waiting for the top process is waiting for the server.
 */
final class ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(ServerProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    // Asks the kernel to SIGTERM the child when the launching thread dies, so that a JVM killed with -9
    // leaves no server behind. Linux only; elsewhere a JVM that dies without close() leaves it running.
    private static final Optional<String> SETPRIV = onPath("setpriv");

    private final Process launcher;
    private final ServerDirectories dirs;
    private final URI uri;
    private final SearchCredentials credentials;
    private volatile long serverPid = -1;

    private ServerProcess(Process launcher, ServerDirectories dirs, URI uri, SearchCredentials credentials) {
        this.launcher = launcher;
        this.dirs = dirs;
        this.uri = uri;
        this.credentials = credentials;
    }

    static ServerProcess launch(
            ServerSettings settings,
            ElasticsearchDistribution distribution,
            ServerDirectories dirs,
            ProcessOwner owner,
            int httpPort,
            int transportPort,
            SearchCredentials credentials) {
        List<String> command = new ArrayList<>();
        SETPRIV.ifPresent(setpriv -> command.addAll(List.of(setpriv, "--pdeathsig", "TERM", "--")));
        command.addAll(owner.commandPrefix());
        // Through env(1) because runuser does not promise to pass our environment on.
        command.addAll(List.of(
                "env",
                "ES_JAVA_HOME=" + settings.javaHome(),
                "ES_JAVA_OPTS=-Xms" + settings.heap() + " -Xmx" + settings.heap(),
                "ES_TMPDIR=" + dirs.tmp(),
                // The launcher probes the JVM's final flags in a folder of its own temp directory and leaves it there.
                "CLI_JAVA_OPTS=-Djava.io.tmpdir=" + dirs.tmp(),
                distribution.home().resolve("bin/elasticsearch").toString(),
                "-q", // its log file has everything; the console gets only what happens before logging starts
                "-p",
                dirs.pidFile().toString(),
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Ediscovery.type=single-node",
                // Authentication without TLS: loopback only, and one node, so no transport certificates are needed.
                // Setting these explicitly also keeps Elasticsearch from auto-configuring TLS on first start.
                "-Expack.security.enabled=true",
                "-Expack.security.http.ssl.enabled=false",
                "-Expack.security.transport.ssl.enabled=false",
                "-Expack.security.enrollment.enabled=false",
                "-Epath.data=" + dirs.data(),
                "-Epath.logs=" + dirs.logs(),
                // A local single node: a nearly full developer disk must not turn indices read-only.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        try {
            Files.deleteIfExists(dirs.pidFile());
            Process process = new ProcessBuilder(command)
                    .directory(dirs.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(dirs.consoleLog().toFile()))
                    .start();
            return new ServerProcess(process, dirs, URI.create("http://127.0.0.1:" + httpPort), credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + command, e);
        }
    }

    /** Waits until the cluster is yellow or green; stops the process and throws if it does not get there. */
    void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(10));
        credentials.authorization().ifPresent(value -> request.header("Authorization", value));
        HttpRequest health = request.build();
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build()) {
            while (true) {
                if (!launcher.isAlive()) {
                    throw failure("exited with code " + launcher.exitValue() + " while starting");
                }
                if (Instant.now().isAfter(deadline)) {
                    stop();
                    throw failure("was not healthy within " + timeout.toSeconds() + " s");
                }
                if (answersHealthy(http, health)) {
                    serverPid = readPidFile().orElseThrow(() -> failure("is up but wrote no pid file"));
                    return;
                }
                Thread.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw failure("start was interrupted");
        }
    }

    private static boolean answersHealthy(HttpClient http, HttpRequest health) throws InterruptedException {
        try {
            // 200 once the status is reached; 408 while it is still red.
            return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** The server JVM's pid, known once it is healthy. */
    long serverPid() {
        return serverPid;
    }

    boolean isAlive() {
        return launcher.isAlive();
    }

    int waitForExit() throws InterruptedException {
        return launcher.waitFor();
    }

    /** Stops gracefully, and with SIGKILL if that takes longer than {@link #STOP_TIMEOUT}. */
    void stop() {
        // SIGTERM to the CLI makes it shut the server down the way Elasticsearch intends. Before the server
        // exists, the launcher gets it; runuser passes it on.
        cli().orElse(launcher.toHandle()).destroy();
        try {
            if (!launcher.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Elasticsearch did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                try (Stream<ProcessHandle> tree = launcher.descendants()) {
                    tree.forEach(ProcessHandle::destroyForcibly);
                }
                launcher.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.destroyForcibly();
        }
    }

    private Optional<ProcessHandle> cli() {
        OptionalLong pid = serverPid > 0 ? OptionalLong.of(serverPid) : readPidFile();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        // Only a descendant counts: a pid from the file may by now belong to an unrelated process.
        try (Stream<ProcessHandle> tree = launcher.descendants()) {
            return tree.filter(process -> process.pid() == pid.getAsLong())
                    .findFirst()
                    .flatMap(ProcessHandle::parent);
        }
    }

    private OptionalLong readPidFile() {
        try {
            return OptionalLong.of(
                    Long.parseLong(Files.readString(dirs.pidFile()).strip()));
        } catch (IOException | NumberFormatException notWrittenYet) {
            return OptionalLong.empty();
        }
    }

    ServerStartException failure(String what) {
        return new ServerStartException("Elasticsearch at " + uri + " " + what + ". Logs: " + dirs.logs()
                + "\n--- " + dirs.consoleLog().getFileName() + " ---\n" + LogTail.of(dirs.consoleLog(), 30)
                + "\n--- " + dirs.serverLog().getFileName() + " ---\n" + LogTail.of(dirs.serverLog(), 40));
    }

    private static Optional<String> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, program))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }
}
