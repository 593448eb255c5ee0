package io.peergraph.ingest.protondb;

import io.peergraph.graph.symptom.SymptomName;

/**
 * A symptom key ("audio/crackling"), its display name, and the broader key ("audio"), null at the top. The name is
 * canonical and keeps the API's rule ({@link SymptomName}), else IllegalArgumentException.
 */
public record Symptom(String key, String name, String broader) {
    public Symptom {
        name = SymptomName.canonical(name);
    }
}
