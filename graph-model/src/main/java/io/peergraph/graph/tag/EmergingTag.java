package io.peergraph.graph.tag;

import java.time.ZonedDateTime;
import java.util.List;

/** A tag many customers use that means no concept yet: a candidate to promote. */
public record EmergingTag(TagRef tag, long customers, ZonedDateTime lastUsedAt, List<String> exampleThingIds) {}
