package io.peergraph.api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.api.security.LocalSigningKey;
import io.peergraph.ingest.ImportCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Commands that talk to a running service mint their ADMIN token with the key that service made. A folder without
 * one (the default ./data while the service runs elsewhere) is said, not answered with a key of its own whose token
 * the service refuses as "UNAUTHENTICATED".
 */
class LocalAdminTokenTest {

    @TempDir Path tmp;

    @Test
    void aFolderWithoutTheServicesKeyIsNamedAndLeftWithoutOne() throws Exception {
        Path elsewhere = tmp.resolve("not-the-service");
        assertThatThrownBy(() -> ServiceCall.localAdminToken(elsewhere))
                .hasMessageContaining("no signing key in " + elsewhere.resolve("security")).hasMessageContaining("--data-dir");
        assertThat(Files.exists(elsewhere)).isFalse();

        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ImportCommand(() -> {
            throw new AssertionError("--url must not open a local store");
        }, () -> ServiceCall.localAdminToken(elsewhere)));
        cli.setErr(new PrintWriter(err, true));
        Path customers = Files.writeString(tmp.resolve("customers.csv"), "handle\nalice\n");
        assertThat(cli.execute("csv:customers", customers.toString(), "--url", "http://127.0.0.1:9")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no signing key in ");
    }

    @Test
    void theServicesKeyMintsAToken() {
        LocalSigningKey.loadOrCreate(tmp.resolve("security"));
        assertThat(ServiceCall.localAdminToken(tmp)).contains(".");
    }
}
