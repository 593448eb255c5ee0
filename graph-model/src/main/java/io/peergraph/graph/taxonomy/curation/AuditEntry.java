package io.peergraph.graph.taxonomy.curation;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One recorded taxonomy change. {@code before} and {@code after} are JSON snapshots of every node the change
 * touched (properties and taxonomy relationships); undo writes {@code before} back.
 */
public record AuditEntry(String id, String moderatorId, ZonedDateTime at, String action, String summary, List<String> subjectIds,
                         String before, String after, String undoes, String undoneBy) {}
