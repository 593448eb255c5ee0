package io.peergraph.graph.stuff;

/**
 * A configuration item node: shared by every configuration that includes it. {@code raw} is the string the
 * configuration's owner typed (or an import read) for it, where known: it lives on the {@code INCLUDES}
 * relationship, since one canonical item is typed many ways.
 */
public record ConfigItem(String id, String kind, String value, long configCount, String raw) {

    public ConfigItem(String id, String kind, String value, long configCount) {
        this(id, kind, value, configCount, null);
    }
}
