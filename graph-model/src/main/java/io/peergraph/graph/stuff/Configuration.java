package io.peergraph.graph.stuff;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A named setup of a customer (or of one of their items). {@code listedInPeers} and {@code inStatistics}
 * are the owner's choices about taking part in peer listings and anonymous statistics.
 */
public record Configuration(
        String id, String ownerId, String name, Privacy privacy, boolean listedInPeers, boolean inStatistics,
        String itemId, List<ConfigItem> items, ZonedDateTime createdAt, ZonedDateTime updatedAt) {}
