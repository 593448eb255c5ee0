package io.peergraph.ingest;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.ingest.deadletter.DeadLetterFile;
import io.peergraph.ingest.engine.ImportEngine;
import io.peergraph.ingest.progress.Progress;
import io.peergraph.ingest.remote.RemoteImport;
import io.peergraph.ingest.source.MalformedSourceException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code import FORMAT FILE...}: the command line face of the importer. The api module supplies the graph
 * connection (an embedded store it starts, or the running service's) and adds its own connection options; the
 * service's admin endpoint calls {@link #run} directly.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports records into the graph. Re-importing a file changes nothing; a run that was stopped",
                "resumes where it left off. Bad records go to a dead-letter file (JSON Lines) with the reason.",
                "Exit codes: 0 all records accounted for, 1 the counts do not add up, a file is malformed or the service refused,",
                "2 bad usage."},
        footer = {"", "FORMAT is one of:",
                "  protondb              ProtonDB dumps, questionnaire and legacy formats (.json, .json.gz, .tar.gz)",
                "  csv:<entity>          CSV with a header row, see docs/import-format.md",
                "  jsonl:<entity>        JSON Lines, one object per line, see docs/import-format.md",
                "<entity>: customers, products, items, configurations, reports, interactions, solutions,",
                "          confirmations, tags, measurements", "",
                "Examples: import protondb reports_jun1_2020.tar.gz --dead-letter rejected.jsonl     (a stopped store)",
                "          import protondb reports_jun1_2020.tar.gz --url http://127.0.0.1:8080   (a running service)"})
public class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FORMAT", description = "protondb, csv:<entity> or jsonl:<entity>")
    String format;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Files to import, in order")
    List<Path> files;

    @Option(names = "--dead-letter", paramLabel = "FILE",
            description = "Where rejected records go (default: peergraph-import-<time>.rejected.jsonl here; created only when needed)")
    Path deadLetter;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000", description = "Records per transaction (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--json", description = "Print the summary as one JSON object instead of text")
    boolean json;

    @Option(names = "--url", paramLabel = "URL",
            description = "Import through the running service at URL (e.g. http://127.0.0.1:8080): the files are uploaded to its "
                    + "POST /admin/import, no restart needed; rejected records stay on the service (DATA_DIR/imports)")
    URI url;

    @Option(names = "--token", paramLabel = "JWT", description = "An ADMIN bearer token for --url (default: minted from the local key in --data-dir)")
    String token;

    @Spec
    CommandSpec spec;

    private final Supplier<GraphConnection> graph;
    private final Supplier<String> localAdminToken;

    /** {@code graph} is asked for only once the arguments are valid, so --help never starts a database. */
    public ImportCommand(Supplier<GraphConnection> graph) {
        this(graph, () -> null);
    }

    /** {@code localAdminToken} gives an ADMIN token for {@code --url} when {@code --token} is not given (null: none). */
    public ImportCommand(Supplier<GraphConnection> graph, Supplier<String> localAdminToken) {
        this.graph = graph;
        this.localAdminToken = localAdminToken;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ImportFormat parsed;
        try {
            parsed = ImportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        if (batchSize < 1) {
            spec.commandLine().getErr().println("error: --batch-size must be at least 1");
            return 2;
        }
        if (url != null) {
            return remote(parsed, out);
        }
        Path deadLetters = deadLetter != null ? deadLetter
                : Path.of("peergraph-import-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".rejected.jsonl");
        ImportRun result = run(graph.get(), parsed, files, deadLetters, batchSize,
                json ? Progress.none() : Progress.forConsole(parsed.name(), System.err));
        print(result, out);
        return result.succeeded() ? 0 : 1;
    }

    /** {@code --url}: each file is uploaded in turn; the summary and the exit code are those of a local import. */
    private int remote(ImportFormat parsed, PrintWriter out) {
        String bearer;
        try {
            bearer = token != null ? token : localAdminToken.get();
        } catch (IllegalStateException e) { // no local key to mint with
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 2;
        }
        if (bearer == null) {
            spec.commandLine().getErr().println("error: --url needs --token (an ADMIN bearer token)");
            return 2;
        }
        RemoteImport service = new RemoteImport(url, bearer);
        ImportRun total = null;
        try {
            for (Path file : files) {
                ImportRun one = service.upload(parsed, file, json ? Progress.none() : Progress.forConsole(parsed.name() + " upload (KiB)", System.err));
                total = total == null ? one : total.plus(one);
                if (one.error() != null) {
                    break;
                }
            }
        } catch (RemoteImport.Refused e) {
            if (total != null) {
                total.summary().forEach(out::println);
            }
            out.flush();
            spec.commandLine().getErr().println("error: " + e.code() + ": " + e.getMessage()
                    + (token == null && e.code().equals("UNAUTHENTICATED")
                            ? " (the ADMIN token was minted from the signing key in --data-dir: is that the running service's data folder?)"
                            : ""));
            return 1;
        }
        print(total, out);
        return total.succeeded() ? 0 : 1;
    }

    private void print(ImportRun result, PrintWriter out) {
        if (json) {
            out.println(result.toJson());
        } else {
            result.summary().forEach(out::println);
        }
        out.flush();
    }

    /**
     * The import as a plain call, for the CLI and the service alike: imports {@code files} one after the other
     * and returns the combined counts. A malformed file ends the run with {@link ImportRun#error()} set; the
     * records before the problem are accounted for.
     */
    public static ImportRun run(GraphConnection graph, ImportFormat format, List<Path> files, Path deadLetterFile, int batchSize,
                                Progress progress) {
        ImportEngine engine = new ImportEngine(graph, ImportEngine.Options.defaults().withBatchSize(batchSize).withProgress(progress));
        ImportRun total = null;
        try (DeadLetterFile deadLetters = new DeadLetterFile(deadLetterFile)) {
            for (Path file : files) {
                ImportRun one;
                try {
                    one = format.importFile(engine, file, deadLetters);
                } catch (MalformedSourceException e) { // the file could not even be opened
                    one = new ImportRun(format.name(), List.of(file.toString()), 0, 0, 0, 0, 0, Duration.ZERO,
                            deadLetters.path(), Map.of(), e.getMessage());
                }
                total = total == null ? one : total.plus(one);
                if (one.error() != null) {
                    break;
                }
            }
        }
        return total;
    }

    /** The same with a FORMAT string ("protondb", "csv:reports"); throws IllegalArgumentException for an unknown one. */
    public static ImportRun run(GraphConnection graph, String format, List<Path> files, Path deadLetterFile, int batchSize, Progress progress) {
        return run(graph, ImportFormat.parse(format), files, deadLetterFile, batchSize, progress);
    }
}
