package io.peergraph.search.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the gitbugs CSV files (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
final class BugCsv {

    record Bug(String id, String summary, String description) {}

    private BugCsv() {}

    static List<Bug> bugs(Path file) throws IOException {
        List<List<String>> rows = rows(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = rows.getFirst();
        int summary = header.indexOf("Summary");
        int id = header.indexOf("Issue id");
        int description = header.indexOf("Description");
        List<Bug> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() > description) {
                out.add(new Bug(row.get(id), row.get(summary), row.get(description)));
            }
        }
        return out;
    }

    /** Duplicate pairs (issue, its duplicate) as listed; both directions appear in the file. */
    static List<Map.Entry<String, String>> pairs(Path file) throws IOException {
        List<List<String>> rows = rows(Files.readString(file, StandardCharsets.UTF_8));
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() >= 2) {
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

    private static List<List<String>> rows(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
