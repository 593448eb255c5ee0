package io.peergraph.graph.stuff;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/** A customer's own instance of a product. */
public record Item(
        String id, String ownerId, String productId, String nickname, String location, LocalDate acquiredOn,
        Status status, Privacy privacy, ZonedDateTime createdAt, ZonedDateTime updatedAt) {

    public enum Status { ACTIVE, STORED, RETIRED, SOLD }
}
