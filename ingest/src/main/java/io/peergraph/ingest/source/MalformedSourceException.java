package io.peergraph.ingest.source;

/** The file itself cannot be read on (truncated, not JSON, not UTF-8, a CSV without a needed column). */
public class MalformedSourceException extends RuntimeException {

    public MalformedSourceException(String message) {
        super(message);
    }

    public MalformedSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
