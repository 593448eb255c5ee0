package io.peergraph.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of an import: every record read is imported (new to the graph), unchanged (already there)
 * or rejected (in the dead-letter file). {@code error} is a one-line explanation when a file could not be
 * read to its end; the records before that point are accounted for all the same.
 */
public record ImportRun(String format, List<String> files, long read, long imported, long unchanged, long rejected,
                        long batches, Duration elapsed, Path deadLetterFile, Map<String, Long> statistics, String error) {

    /** read = imported + unchanged + rejected: nothing was lost or counted twice. */
    public boolean balanced() {
        return read == imported + unchanged + rejected;
    }

    public boolean succeeded() {
        return balanced() && error == null;
    }

    public double recordsPerSecond() {
        return elapsed.toMillis() == 0 ? read : read * 1000.0 / elapsed.toMillis();
    }

    /** Both runs, one after the other (several files of one command). */
    public ImportRun plus(ImportRun next) {
        List<String> allFiles = new ArrayList<>(files);
        allFiles.addAll(next.files);
        Map<String, Long> stats = new TreeMap<>(statistics);
        next.statistics.forEach((k, v) -> stats.merge(k, v, Long::sum));
        return new ImportRun(format, allFiles, read + next.read, imported + next.imported, unchanged + next.unchanged,
                rejected + next.rejected, batches + next.batches, elapsed.plus(next.elapsed),
                next.deadLetterFile != null ? next.deadLetterFile : deadLetterFile, stats, error != null ? error : next.error);
    }

    /** Lines for people. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("%s: read %,d = imported %,d + unchanged %,d + rejected %,d%s".formatted(format, read, imported, unchanged,
                rejected, balanced() ? "" : "  (DOES NOT ADD UP)"));
        lines.add("%,d batches in %.1f s (%,.0f records/s)".formatted(batches, elapsed.toMillis() / 1000.0, recordsPerSecond()));
        Long gpus = statistics.get("gpuStrings");
        if (gpus != null && gpus > 0) {
            long resolved = statistics.getOrDefault("gpuResolved", 0L);
            lines.add("GPU strings resolved to a pci.ids model or family: %,d of %,d (%.1f%%)".formatted(resolved, gpus, 100.0 * resolved / gpus));
        }
        if (deadLetterFile != null) {
            lines.add("rejected records with reasons: " + deadLetterFile);
        }
        if (error != null) {
            lines.add("error: " + error);
        }
        return lines;
    }

    /** Reads {@link #toJson()} back, e.g. the summary a running service answered. */
    public static ImportRun fromJson(com.fasterxml.jackson.databind.JsonNode json) {
        List<String> files = new ArrayList<>();
        json.path("files").forEach(f -> files.add(f.asText()));
        Map<String, Long> stats = new TreeMap<>();
        json.path("statistics").properties().forEach(e -> stats.put(e.getKey(), e.getValue().asLong()));
        return new ImportRun(json.path("format").asText(), files, json.path("read").asLong(), json.path("imported").asLong(),
                json.path("unchanged").asLong(), json.path("rejected").asLong(), json.path("batches").asLong(),
                Duration.ofMillis(json.path("elapsedMillis").asLong()),
                json.path("deadLetterFile").isTextual() ? Path.of(json.path("deadLetterFile").asText()) : null, stats,
                json.path("error").isTextual() ? json.path("error").asText() : null);
    }

    /** The machine-readable summary ({@code --json}). */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = mapper.createObjectNode()
                .put("format", format)
                .put("read", read).put("imported", imported).put("unchanged", unchanged).put("rejected", rejected)
                .put("balanced", balanced()).put("succeeded", succeeded())
                .put("batches", batches).put("elapsedMillis", elapsed.toMillis())
                .put("deadLetterFile", deadLetterFile == null ? null : deadLetterFile.toString())
                .put("error", error);
        files.forEach(json.putArray("files")::add);
        ObjectNode stats = json.putObject("statistics");
        statistics.forEach(stats::put);
        return json.toString();
    }
}
