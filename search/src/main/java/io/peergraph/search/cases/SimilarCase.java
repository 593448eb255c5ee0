package io.peergraph.search.cases;

import io.peergraph.search.sync.CaseDocument;
import java.util.List;
import java.util.Map;

/**
 * A similar case and why: the configuration items and symptoms it shares with the query, whether it is about
 * the same product, the (stemmed) words both texts use, and its rank in each signal that found it.
 */
public record SimilarCase(String id, double score, List<CaseDocument.Item> sharedItems, List<String> sharedSymptomIds,
                          boolean sameProduct, List<String> matchedTerms, Map<String, Integer> signalRanks) {}
