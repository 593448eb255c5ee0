package io.peergraph.ingest.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.ingest.engine.Mapped;
import io.peergraph.ingest.engine.RecordMapper;
import io.peergraph.ingest.protondb.ProtonDbReport;
import io.peergraph.ingest.protondb.ProtonDbWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tags the demo's customers apply: each reporter tags their report with the terms of {@code demo/tag-terms.txt}
 * that their own notes mention, spelt as they wrote them, so a moderator's first start has real tags to curate
 * (emerging tags, spelling variants, hierarchies, tags that go with a symptom). Written as a {@code jsonl:tags} file
 * and imported like any tags file, so the demo's tags take the one tagging path.
 */
final class DemoTags {

    static final String TERMS = "/demo/tag-terms.txt";
    /** Links and environment variables name things without being a reporter's words ("PROTON_NO_ESYNC", a GitHub URL). */
    private static final Pattern NOT_PROSE = Pattern.compile("https?://\\S+|\\b[A-Z0-9]+(?:_[A-Z0-9]+)+\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Pattern> terms;

    private DemoTags(List<Pattern> terms) {
        this.terms = terms;
    }

    static DemoTags bundled() {
        try (var in = Objects.requireNonNull(DemoTags.class.getResourceAsStream(TERMS), TERMS);
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return new DemoTags(lines.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> Pattern.compile("(?<![\\p{L}\\p{N}_./-])(?:" + l + ")(?![\\p{L}\\p{N}_/-])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mentions in a note, as written, once each (case aside): where two terms overlap ("borderless windowed",
     * "windowed") the longer is the mention.
     */
    List<String> mentions(String note) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        String prose = NOT_PROSE.matcher(note).replaceAll(m -> " ".repeat(m.group().length()));
        List<int[]> spans = new ArrayList<>();
        for (Pattern term : terms) {
            Matcher m = term.matcher(prose);
            while (m.find()) {
                spans.add(new int[] {m.start(), m.end()});
            }
        }
        spans.sort(Comparator.<int[]>comparingInt(s -> s[0]).thenComparingInt(s -> -s[1]));
        Map<String, String> once = new LinkedHashMap<>();
        int end = 0;
        for (int[] s : spans) {
            if (s[0] >= end) {
                String mention = prose.substring(s[0], s[1]);
                once.putIfAbsent(mention.toLowerCase(java.util.Locale.ROOT), mention);
                end = s[1];
            }
        }
        return List.copyOf(once.values());
    }

    /**
     * A mapper that maps as {@code reports} does and, for each report it accepts, writes one {@code jsonl:tags} record
     * per mention in its notes to {@code out}, by the report's pseudonymous customer at the report's time: the demo's
     * reports are parsed once, for their import and their tags alike. The import maps every record, those an earlier
     * run committed too, so the tags are complete however far an earlier load got.
     */
    RecordMapper<ProtonDbReport> tagging(RecordMapper<ProtonDbReport> reports, Writer out) {
        return record -> {
            Mapped<ProtonDbReport> mapped = reports.map(record);
            if (mapped instanceof Mapped.Accepted<ProtonDbReport> accepted) {
                write(accepted.value(), out);
            }
            return mapped;
        };
    }

    private void write(ProtonDbReport report, Writer out) {
        try {
            for (String label : mentions(report.text())) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("target", "report:" + report.sourceKey());
                row.put("label", label);
                row.put("by", ProtonDbWriter.handle(report.systemHash()));
                row.put("at", report.occurredAt().toString());
                out.write(JSON.writeValueAsString(row));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the demo tags", e);
        }
    }
}
