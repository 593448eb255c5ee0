package io.peergraph.api.cli;

import io.peergraph.seeds.skos.TaxonomyExport;
import io.peergraph.seeds.skos.TaxonomyFormat;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./peergraph export-taxonomy}: the living taxonomy (or one scheme) as SKOS Turtle or JSON-LD, from the
 * running service's download URL (no token needed: the taxonomy is public), or with {@code --offline} straight
 * from a stopped service's store. Writes to a file atomically (a temporary file moved into place) or to stdout.
 */
@Command(name = "export-taxonomy", mixinStandardHelpOptions = true,
        description = "Exports the taxonomy (every scheme, or one) as SKOS in Turtle or JSON-LD.")
public class ExportTaxonomyCommand implements Callable<Integer> {

    public enum Format {
        TURTLE(TaxonomyFormat.TURTLE), JSONLD(TaxonomyFormat.JSONLD);

        final TaxonomyFormat taxonomyFormat;

        Format(TaxonomyFormat taxonomyFormat) {
            this.taxonomyFormat = taxonomyFormat;
        }
    }

    @Option(names = "--format", defaultValue = "TURTLE", description = "turtle or jsonld (default: turtle).")
    Format format;

    @Option(names = "--scheme", description = "Only this scheme, by IRI (e.g. https://peergraph.io/taxonomy/symptoms).")
    String scheme;

    @Option(names = {"-o", "--output"}, description = "The file to write (default: standard output).")
    Path output;

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "The running service (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--offline", description = "Read the store of a stopped service (see --data-dir) instead of asking the service.")
    boolean offline;

    @Mixin
    OfflineStore store;

    @Override
    public Integer call() throws Exception {
        try {
            Path target = output == null ? null : output.toAbsolutePath();
            Path temp = target == null ? null : Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            int exit = 1;
            try (OutputStream out = temp == null ? new KeepOpen(System.out) : Files.newOutputStream(temp)) {
                exit = offline ? fromStore(out) : fromService(out);
            } finally {
                if (temp != null && exit != 0) {
                    Files.deleteIfExists(temp);
                }
            }
            if (exit != 0) {
                return exit;
            }
            if (temp != null) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.err.println("Wrote " + target);
            }
            return 0;
        } finally {
            store.close();
        }
    }

    /** Standard output stays open for whatever prints after the export. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }

    private int fromStore(OutputStream out) {
        new TaxonomyExport(store.graph()).write(scheme, format.taxonomyFormat, out);
        return 0;
    }

    private int fromService(OutputStream out) throws Exception {
        String query = "?format=" + format.name().toLowerCase(java.util.Locale.ROOT)
                + (scheme == null ? "" : "&scheme=" + URLEncoder.encode(scheme, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/taxonomy/export" + query))
                .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            System.err.println("The service answered HTTP " + response.statusCode()
                    + (response.statusCode() == 404 ? " (no such scheme)" : "") + ": " + new String(response.body(), StandardCharsets.UTF_8));
            return 1;
        }
        out.write(response.body());
        out.flush();
        return 0;
    }
}
