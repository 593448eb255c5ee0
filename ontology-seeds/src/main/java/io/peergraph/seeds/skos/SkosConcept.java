package io.peergraph.seeds.skos;

import io.peergraph.graph.taxonomy.ConceptProperties;
import io.peergraph.graph.taxonomy.ConceptStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * One concept as an RDF source states it. Labels and definitions are keyed by language tag ("" when the
 * literal has none); {@code broader} already includes what the source said as {@code skos:narrower} of the
 * parent; {@code related} is symmetric and stored once: when both concepts are in the same source, only
 * the first IRI in order holds the pair.
 */
public record SkosConcept(
        String iri,
        String notation,
        SortedMap<String, String> prefLabels,
        SortedMap<String, List<String>> altLabels,
        SortedMap<String, String> definitions,
        SortedSet<String> broader,
        SortedSet<String> related,
        Set<String> schemes,
        Set<String> topConceptOf,
        ConceptStatus status,
        String replacedBy,
        String deprecationReason) {

    /** The literal facts as graph properties (see {@link ConceptProperties}); absent facts are not keys. */
    public Map<String, Object> literalFacts() {
        return ConceptProperties.literalFacts(notation, prefLabels, altLabels, definitions, status, deprecationReason);
    }
}
