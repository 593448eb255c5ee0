package io.peergraph.ingest.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peergraph.ingest.source.SourceRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rejected records, one JSON object per line: {@code source}, {@code position}, {@code location},
 * {@code reason}, {@code raw}. Created on the first rejection only, so a clean import leaves no file. Thread-safe:
 * the import's reader rejects what it cannot map while its writer rejects what the graph refuses.
 */
public final class DeadLetterFile implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private BufferedWriter out;
    private long count;

    public DeadLetterFile(Path path) {
        this.path = path;
    }

    public synchronized void reject(String source, SourceRecord record, String reason) {
        ObjectNode line = MAPPER.createObjectNode()
                .put("source", source)
                .put("position", record.position())
                .put("location", record.location())
                .put("reason", reason)
                .put("raw", record.raw());
        try {
            if (out == null) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            }
            out.write(MAPPER.writeValueAsString(line));
            out.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dead-letter file " + path, e);
        }
    }

    /** The file, if anything was written to it. */
    public synchronized Path path() {
        return count > 0 ? path : null;
    }

    public synchronized long count() {
        return count;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
