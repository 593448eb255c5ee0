package io.peergraph.graph.tag;

import java.util.List;

/**
 * Two tags that look like one: {@code similarity} is the Jaccard index of their character trigrams,
 * {@code reason} says which spelling rule matched (reordered words, one word spelt differently);
 * {@code sharedThings} counts things tagged with both.
 */
public record SynonymCandidate(TagRef first, TagRef second, double similarity, String reason, int sharedThings,
                               List<String> exampleThingIds) {}
