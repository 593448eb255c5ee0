package io.peergraph.api.cli;

import io.peergraph.api.PeergraphApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code peergraph run}: the service with embedded Neo4j (and the demo data on first start). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the service: embedded Neo4j under the data directory unless peergraph.neo4j.uri is set;",
                "the demo data is loaded on first start. Prints where GraphiQL is once ready.",
                "Any --spring.or.peergraph.property=value after the options is passed to Spring Boot."})
public class RunCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where data lives (default: ./data).")
    Path dataDir;

    @Option(names = "--port", description = "HTTP port (default: 8080).")
    Integer port;

    @Option(names = "--no-demo", description = "Do not load the demo data into an empty store.")
    boolean noDemo;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>(springArguments);
        if (dataDir != null) {
            args.add("--peergraph.data-dir=" + dataDir.toAbsolutePath());
        }
        if (port != null) {
            args.add("--server.port=" + port);
        }
        if (noDemo) {
            args.add("--peergraph.demo.enabled=false");
        }
        SpringApplication.run(PeergraphApplication.class, args.toArray(String[]::new));
        return 0;
    }

    /** The service keeps the JVM alive after {@code run} returns; every other command exits. */
    static boolean keepsRunning(String[] args) {
        return args.length > 0 && args[0].equals("run") && !List.of(args).contains("--help") && !List.of(args).contains("-h");
    }
}
