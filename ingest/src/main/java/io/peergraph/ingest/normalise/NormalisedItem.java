package io.peergraph.ingest.normalise;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.ConfigItemValue;

/**
 * One configuration item as the importer writes it: {@code kind} and canonical {@code value} (the
 * {@code ConfigItem} node, shared by every configuration that has it) and the {@code raw} string it was
 * read from (kept on the {@code INCLUDES} relationship).
 */
public record NormalisedItem(String kind, String value, String raw) {

    /** The {@code ConfigItem.key}, folded exactly as graph-model folds it so imports and the API meet. */
    public String key() {
        return new ConfigItemValue(kind, value).key();
    }

    public String nodeId() {
        return PublicId.CONFIG_ITEM.fromKey(key());
    }
}
