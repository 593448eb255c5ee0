package io.peergraph.graph.report;

import io.peergraph.graph.stuff.Privacy;
import java.time.ZonedDateTime;
import java.util.List;

/** A case: a customer saw symptoms on a configuration, maybe with a product. */
public record Report(String id, String ownerId, String configurationId, String productId, List<String> symptomIds,
                     String title, String text, Status status, Privacy privacy, ZonedDateTime occurredAt,
                     ZonedDateTime createdAt, ZonedDateTime updatedAt) {

    public enum Status { OPEN, SOLVED, CLOSED }
}
