package io.peergraph.graph.solution;

import java.time.ZonedDateTime;

/** A customer's word that a solution worked (or did not) on one of their configurations. */
public record Confirmation(String id, String customerId, String solutionId, String configurationId, boolean worked,
                           String note, ZonedDateTime at) {}
