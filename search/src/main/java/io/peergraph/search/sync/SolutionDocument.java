package io.peergraph.search.sync;

import java.util.List;

/** A solution as the solutions index holds it. */
public record SolutionDocument(String id, String proposerId, String title, String steps, String stems, String kind,
                               List<String> symptomIds, List<String> symptomKeys, int worked, int confirmations,
                               List<String> tags, String createdAt) {}
