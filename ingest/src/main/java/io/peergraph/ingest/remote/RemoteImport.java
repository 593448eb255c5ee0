package io.peergraph.ingest.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.ingest.ImportFormat;
import io.peergraph.ingest.ImportRun;
import io.peergraph.ingest.progress.Progress;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a file to a running service's {@code POST /admin/import} (the same importer, run by the service), so an
 * operator imports without stopping it. The file is streamed from disk (never held in memory) with a progress
 * bar on the bytes sent; the answer is the service's import summary, or a typed refusal.
 */
public final class RemoteImport {

    /** The service did not import: {@code code} is its error code (FORBIDDEN, UNAUTHENTICATED, BAD_USER_INPUT, ...). */
    public static final class Refused extends RuntimeException {
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    public RemoteImport(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Uploads one file and returns the service's summary; throws {@link Refused} when the service does not import. */
    public ImportRun upload(ImportFormat format, Path file, Progress progress) {
        if (!Files.isRegularFile(file)) {
            return failed(format, file, file + ": no such file");
        }
        long size = file.toFile().length();
        URI uri = base.resolve("/admin/import?format=" + encode(format.name()) + "&name=" + encode(file.getFileName().toString()));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                // Imports of big dumps take minutes on the service's side after the upload.
                .timeout(Duration.ofHours(6))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> counted(file, size, progress)), size))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Refused("UNREACHABLE", "cannot reach the service at " + base + ": is it running?");
        } catch (IOException e) {
            throw new Refused("UNREACHABLE", "the connection to " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("INTERRUPTED", "interrupted while importing " + file);
        }
        progress.done(size >> 10);
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if ((response.statusCode() == 200 || response.statusCode() == 422) && body.has("read")) {
            return ImportRun.fromJson(body);
        }
        JsonNode error = body.path("error");
        throw new Refused(error.path("code").asText("HTTP_" + response.statusCode()),
                error.path("message").asText("the service answered HTTP " + response.statusCode()));
    }

    private static ImportRun failed(ImportFormat format, Path file, String error) {
        return new ImportRun(format.name(), List.of(file.toString()), 0, 0, 0, 0, 0, Duration.ZERO, null, Map.of(), error);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The file, telling {@code progress} how many KiB were sent. */
    private static InputStream counted(Path file, long size, Progress progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        sent += n;
                        progress.update(sent >> 10, sent, size);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
