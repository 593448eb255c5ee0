package io.peergraph.graph.taxonomy;

import java.util.List;
import java.util.SortedMap;

/** A concept for display: labels and definitions by language, its place in the hierarchy, its lifecycle. */
public record ConceptView(String id, String iri, String notation, ConceptStatus status, String deprecationReason,
                          SortedMap<String, String> prefLabels, SortedMap<String, List<String>> altLabels,
                          SortedMap<String, String> definitions, List<String> schemeIris, List<ConceptRef> broader,
                          int narrowerCount, List<ConceptRef> related, ConceptRef replacedBy, List<String> moderatedFacts) {}
