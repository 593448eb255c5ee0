package io.peergraph.seeds.skos;

import java.util.List;
import java.util.SortedMap;

/** A concept scheme and its concepts as one RDF source states them. */
public record SkosScheme(
        String iri,
        SortedMap<String, String> prefLabels,
        SortedMap<String, String> definitions,
        SeedVersion version,
        List<SkosConcept> concepts) {}
