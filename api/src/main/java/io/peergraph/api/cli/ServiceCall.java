package io.peergraph.api.cli;

import io.peergraph.api.security.LocalSigningKey;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Commands that ask the running service to do an operator's job over HTTP. Without {@code --token}, an ADMIN
 * token is minted with the local signing key of {@code --data-dir} (the embedded issuer), so on the machine that
 * runs the service nothing else is needed.
 */
abstract class ServiceCall implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token", description = "An ADMIN bearer token (default: minted from the local key in --data-dir).")
    String token;

    @Option(names = "--data-dir", defaultValue = "./data", description = "Where the local signing key is (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    abstract HttpRequest.Builder request(URI base);

    /**
     * A short-lived ADMIN token signed with the embedded issuer's key in {@code dataDir}; an {@link IllegalStateException}
     * saying so when there is none (the service creates it on first start).
     */
    static String localAdminToken(Path dataDir) {
        return new TokenMinter(LocalSigningKey.loadExisting(dataDir.resolve("security")), "peergraph-local", "peergraph", "roles")
                .mint("peergraph-cli", List.of(Role.ADMIN), Duration.ofMinutes(30));
    }

    /** Prints the service's JSON answer; exit 0 on 2xx, 1 otherwise. */
    @Override
    public Integer call() throws Exception {
        String bearer;
        try {
            bearer = token != null ? token : localAdminToken(dataDir);
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request(url)
                .header("Authorization", "Bearer " + bearer).timeout(Duration.ofHours(2)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        if (response.statusCode() / 100 != 2) {
            System.err.println("The service answered HTTP " + response.statusCode()
                    + (response.statusCode() == 409 ? " (the index has drifted from the graph: run ./peergraph reindex)" : ""));
            return 1;
        }
        return 0;
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuilds every search index from the graph with no downtime (new index, alias swap).")
    static class Reindex extends ServiceCall {
        @Override
        HttpRequest.Builder request(URI base) {
            return HttpRequest.newBuilder(base.resolve("/admin/reindex")).POST(HttpRequest.BodyPublishers.noBody());
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Compares graph and search index (counts and sampled documents); exit 1 on drift.")
    static class Verify extends ServiceCall {
        @Option(names = "--sample", defaultValue = "100", description = "Documents to compare per index (default: ${DEFAULT-VALUE}).")
        int sample;

        @Override
        HttpRequest.Builder request(URI base) {
            return HttpRequest.newBuilder(base.resolve("/admin/verify?sample=" + sample)).GET();
        }
    }
}
