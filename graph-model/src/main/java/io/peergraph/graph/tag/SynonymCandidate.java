package io.peergraph.graph.tag;

import java.util.List;

/**
 * Two tags that may be one. {@link Basis#SPELLING}: they look like one ({@code reason} says which spelling rule
 * matched: other separators or accents, reordered words, one word spelt differently). {@link Basis#USAGE}: they are
 * used alike ({@link UsageSimilarity}: the same other tags and symptoms around them, rarely both on one thing).
 * {@code similarity} is the Jaccard index of their character trigrams, {@code usageSimilarity} the cosine of their
 * usage (0 when they share no context); {@code sharedThings} counts things tagged with both.
 */
public record SynonymCandidate(TagRef first, TagRef second, Basis basis, double similarity, double usageSimilarity, String reason,
                               int sharedThings, List<String> exampleThingIds) {

    public enum Basis { SPELLING, USAGE }
}
