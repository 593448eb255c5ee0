package io.peergraph.graph.tag;

import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.List;

/**
 * A suggestion that {@code narrower} belongs under a broader tag or concept. {@link Basis#CO_OCCURRENCE}:
 * things tagged {@code narrower} are almost always also tagged {@code broaderTag} ({@code confidence} =
 * shared / narrowerThings) but not the reverse. {@link Basis#LABEL_NAMESPACE}: the label is namespaced
 * ("game::strategy", "audio/crackling") and its namespace is the broader concept's label or notation.
 */
public record BroaderCandidate(TagRef narrower, TagRef broaderTag, ConceptRef broaderConcept, Basis basis, int narrowerThings,
                               int broaderThings, int sharedThings, double confidence, List<String> exampleThingIds) {

    public enum Basis { CO_OCCURRENCE, LABEL_NAMESPACE }
}
