package io.peergraph.search.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The indices Peergraph keeps. Clients always use the alias; the physical index behind it is named
 * {@code <alias>-v<mapping version>-<suffix>} so that a rebuild (new mapping or not) can fill a fresh index and
 * swap the alias atomically. Bump {@link #mappingVersion} when the mapping file changes incompatibly.
 */
public enum SearchIndex {
    // v2: facet fields build their global ordinals at refresh, not on the first search after it.
    // v3: text search matches one field of stems per viewer (matchStems, supportMatchStems), filled by copy_to;
    //     offsets in the postings of the highlighted fields (highlights without analysing the texts again).
    CASES("peergraph-cases", 3, "rep"),
    SOLUTIONS("peergraph-solutions", 1, "sol"),
    PRODUCTS("peergraph-products", 1, "prd");

    private final String alias;
    private final int mappingVersion;
    private final String idPrefix;

    SearchIndex(String alias, int mappingVersion, String idPrefix) {
        this.alias = alias;
        this.mappingVersion = mappingVersion;
        this.idPrefix = idPrefix;
    }

    public String alias() {
        return alias;
    }

    /** The prefix of every physical index of this mapping version. */
    public String versionedPrefix() {
        return alias + "-v" + mappingVersion;
    }

    /** The index whose documents are things with this public id (cases for reports, and so on). */
    public static Optional<SearchIndex> forId(String id) {
        for (SearchIndex index : values()) {
            if (id != null && id.startsWith(index.idPrefix + "_")) {
                return Optional.of(index);
            }
        }
        return Optional.empty();
    }

    /** Settings and mappings, as the create-index API takes them. */
    public InputStream definition() {
        String name = name().toLowerCase() + "-v" + mappingVersion + ".json";
        InputStream in = SearchIndex.class.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("Missing index definition " + name));
        }
        return in;
    }
}
