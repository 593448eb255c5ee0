package io.peergraph.ingest.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header row (RFC 4180, comma-separated, UTF-8). Each row becomes a JSON object of its
 * non-empty cells, so CSV and JSON Lines share one mapper per entity. A header lacking a required column
 * stops the import before any row is read.
 */
public final class CsvRecords implements RecordSource {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).get();

    private final SourceFile file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;
    private long position;

    public CsvRecords(Path path, List<String> requiredColumns) {
        this.file = SourceFile.open(path);
        try {
            Reader text = file.nextText();
            if (text == null) {
                throw new MalformedSourceException(path + ": the archive holds no file");
            }
            this.parser = CSVParser.builder().setReader(text).setFormat(FORMAT).get();
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedSourceException(file.entryName() + " line 1: cannot read the CSV header: " + e.getMessage(), e);
        }
        this.header = parser.getHeaderNames();
        for (String column : requiredColumns) {
            if (!header.contains(column)) {
                throw new MalformedSourceException(file.entryName() + " line 1: the header lacks the column '" + column
                        + "' (required: " + String.join(", ", requiredColumns) + "; found: " + String.join(", ", header) + ")");
            }
        }
        this.rows = parser.iterator();
    }

    @Override
    public SourceRecord next() {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            CSVRecord row = rows.next();
            position++;
            String where = file.entryName() + " line " + row.getParser().getCurrentLineNumber();
            String raw = String.join(",", row.toList());
            if (row.size() != header.size()) {
                return new SourceRecord(position, where, new TextNode("the row has " + row.size() + " cells, the header "
                        + header.size() + ": check quoting and commas"), raw);
            }
            ObjectNode value = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size(); i++) {
                String cell = row.get(i);
                if (cell != null && !cell.isEmpty()) {
                    value.put(header.get(i), cell);
                }
            }
            return new SourceRecord(position, where, value, raw);
        } catch (UncheckedIOException e) {
            throw file.broken(e.getCause());
        } catch (IllegalStateException e) {
            throw new MalformedSourceException(file.entryName() + " after record " + position + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long bytesRead() {
        return file.bytesRead();
    }

    @Override
    public long totalBytes() {
        return file.totalBytes();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.close();
    }
}
