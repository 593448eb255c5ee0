package io.peergraph.search.cases;

import java.util.List;
import java.util.Map;

/** One case found, with the fragments of text that matched (field → fragments, matches in {@code <em>}). */
public record CaseHit(String id, double score, CaseQuery.SortKey position, Map<String, List<String>> highlights) {}
