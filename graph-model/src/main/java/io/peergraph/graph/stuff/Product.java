package io.peergraph.graph.stuff;

import java.time.ZonedDateTime;

/** A catalog entry. Customers may add unknown ones; those stay unverified until a moderator merges or verifies them. */
public record Product(String id, String key, String name, boolean verified, ZonedDateTime createdAt) {}
