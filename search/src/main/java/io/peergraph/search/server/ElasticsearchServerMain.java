package io.peergraph.search.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one managed Elasticsearch for scripts, e.g. one server shared by a whole {@code mvn test}:
 *
 * <pre>
 * ElasticsearchServerMain start --data-dir D [--port P] [--heap 512m]   # prints the URI once healthy
 * ElasticsearchServerMain run   --data-dir D [--port P] [--heap 512m]   # the same in the foreground
 * ElasticsearchServerMain stop  --data-dir D
 * </pre>
 *
 * {@code start} leaves a supervising JVM ({@code run}) in the background, so the watchdog keeps working, and
 * records it in {@code D/elasticsearch/launcher.properties} ({@code pid}, {@code uri}).
 */
public final class ElasticsearchServerMain {

    private static final String USAGE =
            """
            Usage: ElasticsearchServerMain start|run|stop --data-dir DIR [--port PORT] [--heap SIZE] [--start-timeout SECONDS]
              start  start Elasticsearch in the background; print its URI once it is healthy
              run    run Elasticsearch in the foreground until this process is stopped
              stop   stop the Elasticsearch that `start` left running for DIR
              --port HTTP port on 127.0.0.1 (default: a free port)
              --heap JVM heap, e.g. 512m (default)
              --start-timeout how long a start may take before it is abandoned (default 120; more on a busy machine)
            """;
    private static final Duration SUPERVISOR_STOP_TIMEOUT = Duration.ofSeconds(60);

    private ElasticsearchServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        int exitCode;
        try {
            exitCode = execute(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            exitCode = 2;
        } catch (RuntimeException | IOException e) {
            System.err.println("error: " + e.getMessage());
            exitCode = 1;
        }
        System.exit(exitCode);
    }

    private static int execute(Options options) throws IOException, InterruptedException {
        return switch (options.command()) {
            case "help" -> {
                System.out.print(USAGE);
                yield 0;
            }
            case "start" -> start(options);
            case "run" -> run(options);
            default -> stop(options);
        };
    }

    private static int start(Options options) throws IOException, InterruptedException {
        Path stateFile = stateFile(options.dataDir());
        Optional<URI> running = readState(stateFile).filter(State::isAlive).map(State::uri);
        if (running.isPresent()) {
            System.out.println(running.get());
            return 0;
        }
        Files.deleteIfExists(stateFile);
        Files.createDirectories(stateFile.getParent());
        Path log = stateFile.resolveSibling("launcher.log");
        Process supervisor = new ProcessBuilder(supervisorCommand(options))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(options.settings().startTimeout()).plusSeconds(30);
        while (!Files.exists(stateFile)) {
            if (!supervisor.isAlive() || Instant.now().isAfter(deadline)) {
                supervisor.destroy();
                System.err.println("Elasticsearch did not start; the end of " + log + ":\n" + LogTail.of(log, 60));
                return 1;
            }
            Thread.sleep(250);
        }
        System.out.println(readState(stateFile).orElseThrow().uri());
        return 0;
    }

    private static List<String> supervisorCommand(Options options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Optional.ofNullable(System.getProperty(ElasticsearchDistribution.HOME_PROPERTY))
                .ifPresent(home -> command.add("-D" + ElasticsearchDistribution.HOME_PROPERTY + "=" + home));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ElasticsearchServerMain.class.getName()));
        command.addAll(options.asArguments("run"));
        return command;
    }

    private static int run(Options options) throws IOException, InterruptedException {
        Path stateFile = stateFile(options.dataDir());
        ElasticsearchServer server = ElasticsearchServer.start(options.settings());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, stateFile), "elasticsearch-shutdown"));
        new State(ProcessHandle.current().pid(), startOf(ProcessHandle.current()), server.uri()).writeTo(stateFile);
        System.out.println(server.uri());
        Thread.currentThread().join(); // until SIGTERM runs the shutdown hook
        return 0;
    }

    private static int stop(Options options) throws IOException, InterruptedException {
        Path stateFile = stateFile(options.dataDir());
        Optional<State> state = readState(stateFile);
        if (state.isEmpty()) {
            System.out.println("Elasticsearch is not running for " + options.dataDir());
            return 0;
        }
        Optional<ProcessHandle> supervisor = state.get().supervisor();
        if (supervisor.isEmpty()) {
            // It died without its shutdown hook; its server died with it (parent-death signal).
            Files.deleteIfExists(stateFile);
            System.out.println("Elasticsearch was not running for " + options.dataDir());
            return 0;
        }
        // Its shutdown hook stops Elasticsearch gracefully and removes the state file.
        supervisor.get().destroy();
        try {
            supervisor.get().onExit().get(SUPERVISOR_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notStoppedInTime) {
            supervisor.get().destroyForcibly();
        }
        Files.deleteIfExists(stateFile);
        System.out.println("Stopped Elasticsearch at " + state.get().uri());
        return 0;
    }

    private static Path stateFile(Path dataDir) {
        return ServerDirectories.under(dataDir).root().resolve("launcher.properties");
    }

    private static Optional<State> readState(Path stateFile) throws IOException {
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(stateFile)) {
            properties.load(in);
        }
        return Optional.of(new State(
                Long.parseLong(properties.getProperty("pid")),
                Long.parseLong(properties.getProperty("started")),
                URI.create(properties.getProperty("uri"))));
    }

    private static long startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static void stop(ElasticsearchServer server, Path stateFile) {
        server.close();
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException ignored) {
            // a stale state file is recognised by its dead supervisor
        }
    }

    /**
     * What {@code start} leaves behind for {@code stop}: the supervising JVM (pid and start time, because pids
     * get reused) and the server's URI.
     */
    private record State(long pid, long started, URI uri) {

        Optional<ProcessHandle> supervisor() {
            return ProcessHandle.of(pid).filter(process -> startOf(process) == started);
        }

        boolean isAlive() {
            return supervisor().isPresent();
        }

        void writeTo(Path stateFile) throws IOException {
            Properties properties = new Properties();
            properties.setProperty("pid", Long.toString(pid));
            properties.setProperty("started", Long.toString(started));
            properties.setProperty("uri", uri.toString());
            // Written beside, then moved, so that `start` never reads half a file.
            Path partial = stateFile.resolveSibling(stateFile.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                properties.store(out, "Elasticsearch started by ElasticsearchServerMain");
            }
            Files.move(partial, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private record Options(String command, Path dataDir, int port, String heap, Duration startTimeout) {

        static Options parse(String[] args) {
            if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
                return new Options("help", Path.of("."), 0, "512m", null);
            }
            if (!List.of("start", "run", "stop").contains(args[0])) {
                throw new IllegalArgumentException("Unknown command: " + args[0]);
            }
            Path dataDir = null;
            int port = 0;
            String heap = "512m";
            Duration startTimeout = null;
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value for " + args[i]);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--port" -> port = parsePort(value);
                    case "--heap" -> heap = value;
                    case "--start-timeout" -> startTimeout = Duration.ofSeconds(parseSeconds(value));
                    default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
                }
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            return new Options(args[0], dataDir.toAbsolutePath(), port, heap, startTimeout);
        }

        private static long parseSeconds(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a number of seconds: " + value);
            }
        }

        private static int parsePort(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a port: " + value);
            }
        }

        ServerSettings settings() {
            ServerSettings settings = ServerSettings.defaults(dataDir).withHttpPort(port).withHeap(heap);
            return startTimeout == null ? settings : settings.withStartTimeout(startTimeout);
        }

        List<String> asArguments(String otherCommand) {
            List<String> arguments = new ArrayList<>(List.of(
                    otherCommand, "--data-dir", dataDir.toString(), "--port", Integer.toString(port), "--heap", heap));
            if (startTimeout != null) {
                arguments.addAll(List.of("--start-timeout", Long.toString(startTimeout.toSeconds())));
            }
            return arguments;
        }
    }
}
