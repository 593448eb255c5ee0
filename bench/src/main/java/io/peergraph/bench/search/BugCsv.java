package io.peergraph.bench.search;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the gitbugs CSV files (../shared/data/bugs: RFC 4180, quoted fields hold commas, quotes and line breaks). */
final class BugCsv {

    record Bug(String id, String summary, String description) {}

    private static final CSVFormat WITH_HEADER = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    private BugCsv() {}

    /** The bug reports: issue id, summary, description. */
    static List<Bug> bugs(Path file) throws IOException {
        List<Bug> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : WITH_HEADER.parse(in)) {
                out.add(new Bug(row.get("Issue id").strip(), row.get("Summary"), row.get("Description")));
            }
        }
        return out;
    }

    /** Duplicate pairs (issue, its duplicate) as listed; both directions appear in the file. */
    static List<Map.Entry<String, String>> pairs(Path file) throws IOException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord row : WITH_HEADER.parse(in)) {
                out.add(Map.entry(row.get(0).strip(), row.get(1).strip()));
            }
        }
        return out;
    }

    static Map<String, Bug> byId(List<Bug> bugs) {
        Map<String, Bug> out = new HashMap<>();
        bugs.forEach(b -> out.put(b.id(), b));
        return out;
    }
}
