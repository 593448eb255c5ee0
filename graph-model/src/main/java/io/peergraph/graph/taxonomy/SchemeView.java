package io.peergraph.graph.taxonomy;

import java.util.List;
import java.util.SortedMap;

/** A concept scheme with its top concepts. */
public record SchemeView(String id, String iri, SortedMap<String, String> prefLabels, SortedMap<String, String> definitions,
                         String seedVersion, int conceptCount, List<ConceptRef> topConcepts) {}
