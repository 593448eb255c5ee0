package io.peergraph.ingest.engine;

import io.peergraph.ingest.source.SourceRecord;
import java.util.Map;

/** Turns source records into graph-ready values; pure, so a resumed run maps exactly as the first. */
public interface RecordMapper<T> {

    Mapped<T> map(SourceRecord record);

    /** Figures the summary should show, e.g. how many GPU strings resolved. */
    default Map<String, Long> statistics() {
        return Map.of();
    }
}
