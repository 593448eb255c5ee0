package io.peergraph.graph.similarpeers;

import io.peergraph.graph.stuff.ConfigItem;
import java.util.List;

/**
 * A configuration like mine, and why: the items we share, the partial matches, and where we differ.
 * {@code ownerId} is for pseudonymising the owner and must not leave the service.
 */
public record SimilarConfiguration(String configurationId, String ownerId, double similarity, List<ConfigItem> shared,
                                   List<PartialMatch> partial, List<ConfigItem> onlyMine, List<ConfigItem> onlyTheirs) {}
