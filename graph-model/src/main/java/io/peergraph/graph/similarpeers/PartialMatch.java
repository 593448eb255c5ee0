package io.peergraph.graph.similarpeers;

import io.peergraph.graph.stuff.ConfigItem;

/**
 * Their item is not mine but a relative of it ({@code io.peergraph.graph.facet.ItemRelation}): of a concept both are
 * under ({@code viaTaxonomy}: {@code family} is the concept's label, {@code conceptIri} its IRI: the same concept, or one
 * broader), else of the same family by the kind's rule ({@code family} its key, such as {@code geforce gtx 10xx};
 * {@code conceptIri} null).
 */
public record PartialMatch(ConfigItem mine, ConfigItem theirs, String family, boolean viaTaxonomy, String conceptIri) {}
