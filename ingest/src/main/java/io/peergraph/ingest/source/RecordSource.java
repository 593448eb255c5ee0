package io.peergraph.ingest.source;

/** Records read one at a time, in file order, in constant memory. */
public interface RecordSource extends AutoCloseable {

    /** The next record, or null at the end; throws {@link MalformedSourceException} when the file breaks. */
    SourceRecord next();

    /** Bytes of the file consumed so far (compressed bytes for a gzip), for progress and ETA. */
    long bytesRead();

    long totalBytes();

    @Override
    void close();
}
