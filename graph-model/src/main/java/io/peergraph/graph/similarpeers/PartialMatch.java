package io.peergraph.graph.similarpeers;

import io.peergraph.graph.stuff.ConfigItem;

/** Their item is not mine but of the same family: same GPU generation, same driver major version, same concept. */
public record PartialMatch(ConfigItem mine, ConfigItem theirs, String family, boolean viaTaxonomy) {}
