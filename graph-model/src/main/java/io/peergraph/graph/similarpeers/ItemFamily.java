package io.peergraph.graph.similarpeers;

/**
 * The family of a configuration item when the taxonomy does not classify it, by the family rule the item's kind
 * declares ({@link io.peergraph.graph.facet.FamilyRule}): the same GPU generation, the same driver major version, the
 * same age range. Two items of one kind in one family are a partial match.
 *
 * <p>{@code valuePrefix} is a prefix of the canonical value that every member shares, so that members are
 * found through the {@code config_item_key} index ({@code key STARTS WITH kind:prefix}) and then confirmed
 * by recomputing their family: nothing is stored, so the family of an item can never be stale.
 */
public record ItemFamily(String kind, String key, String valuePrefix) {

    /** The {@code ConfigItem.key} prefix shared by all members. */
    public String keyPrefix() {
        return kind + ":" + valuePrefix;
    }
}
