package io.peergraph.api.cli;

import io.peergraph.api.security.LocalSigningKey;
import io.peergraph.api.security.Role;
import io.peergraph.api.security.TokenMinter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peergraph token}: a signed JWT of the embedded issuer, for local use. Works while the service runs
 * (it only reads the signing key, never the store). Defaults match the service's: issuer
 * {@code peergraph-local}, audience {@code peergraph}, roles claim {@code roles}.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a signed JWT for a customer (created on first use of the token).")
public class TokenCommand implements Callable<Integer> {

    @Option(names = "--customer", required = true, description = "The customer's handle (the token subject).")
    String customer;

    @Option(names = "--roles", split = ",", defaultValue = "CUSTOMER",
            description = "Comma-separated roles: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<Role> roles;

    @Option(names = "--data-dir", defaultValue = "./data", description = "The service's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--validity", defaultValue = "PT12H", description = "ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Override
    public Integer call() {
        var key = LocalSigningKey.loadOrCreate(dataDir.resolve("security"));
        System.out.println(new TokenMinter(key, "peergraph-local", "peergraph", "roles").mint(customer, roles, validity));
        return 0;
    }
}
