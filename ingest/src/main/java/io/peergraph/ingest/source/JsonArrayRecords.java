package io.peergraph.ingest.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;

/**
 * The elements of a top-level JSON array (ProtonDB dumps), one at a time with Jackson's streaming parser:
 * memory holds one record, however large the file. A tar holding several JSON files yields them in order.
 */
public final class JsonArrayRecords implements RecordSource {

    // The parser must not close the reader: in a tar it is the archive stream, still needed for the next member.
    private static final ObjectMapper MAPPER = new ObjectMapper().configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private final SourceFile file;
    private JsonParser parser;
    private long position;

    public JsonArrayRecords(Path path) {
        this.file = SourceFile.open(path);
    }

    @Override
    public SourceRecord next() {
        try {
            while (true) {
                if (parser == null && !openNextEntry()) {
                    return null;
                }
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    if (token == null) {
                        throw new MalformedSourceException(where(parser.currentLocation())
                                + ": the JSON array is not closed (truncated file?) after record " + position);
                    }
                    parser.close();
                    parser = null;
                    continue;
                }
                JsonLocation start = parser.currentTokenLocation();
                JsonNode value = MAPPER.readTree(parser);
                position++;
                return new SourceRecord(position, where(start), value, value.toString());
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw new MalformedSourceException(where(at) + ": invalid JSON after record " + position + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw file.broken(e);
        }
    }

    private boolean openNextEntry() throws IOException {
        Reader text = file.nextText();
        if (text == null) {
            return false;
        }
        parser = FACTORY.createParser(text);
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_ARRAY) {
            throw new MalformedSourceException(file.entryName() + ": expected a JSON array of records, found "
                    + (first == null ? "an empty file" : first.asString() == null ? first.name() : "'" + first.asString() + "'"));
        }
        return true;
    }

    private String where(JsonLocation location) {
        return file.entryName() + " line " + location.getLineNr() + " column " + location.getColumnNr();
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
