package io.peergraph.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * JSON Lines: one JSON object per line. A line that is not valid JSON is a bad record (the next line is
 * still readable), so it comes out as a record whose value is the raw text, for the mapper to reject.
 */
public final class JsonLinesRecords implements RecordSource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SourceFile file;
    private BufferedReader lines;
    private long lineNumber;
    private long position;

    public JsonLinesRecords(Path path) {
        this.file = SourceFile.open(path);
    }

    @Override
    public SourceRecord next() {
        try {
            while (true) {
                if (lines == null) {
                    Reader text = file.nextText();
                    if (text == null) {
                        return null;
                    }
                    lines = new BufferedReader(text, 1 << 16);
                    lineNumber = 0;
                }
                String line = lines.readLine();
                if (line == null) {
                    lines = null;
                    continue;
                }
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                position++;
                String where = file.entryName() + " line " + lineNumber;
                try {
                    return new SourceRecord(position, where, MAPPER.readTree(line), line);
                } catch (JsonProcessingException e) {
                    return new SourceRecord(position, where, new TextNode("invalid JSON: " + e.getOriginalMessage()), line);
                }
            }
        } catch (IOException e) {
            throw file.broken(e);
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
        file.close();
    }
}
