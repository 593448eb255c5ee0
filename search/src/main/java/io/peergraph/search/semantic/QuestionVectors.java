package io.peergraph.search.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The vectors of recently asked questions, so that the same question asked again (the next page, another sort, a
 * facet clicked, the words typed ahead) is not embedded again: embedding is the one part of a semantic search that
 * runs on the service's own CPU. One per {@link CaseEmbedder}, so one per model: a vector is never served for
 * another model's question (the model's key is part of the cache key too).
 * <p>
 * Bounded in memory, and so in entries: each entry weighs its text (cut at the model's
 * {@link EmbeddingModel#maxChars}) and its vector, at least {@link #MIN_ENTRY_BYTES}, so {@link #MAX_BYTES} holds at
 * most {@code MAX_BYTES / MIN_ENTRY_BYTES} questions (least recently and frequently used ones leave first).
 * <p>
 * Scoped by asker: a question's vector serves only the one who asked it. Shared between users, a faster answer
 * would tell one user that another had recently typed the very same text (a private detail in a question, a
 * customer's name in a support search); an asker with no scope (anonymous) is not cached.
 */
final class QuestionVectors {

    /** Memory the cached questions may take, estimated (texts as UTF-16, vectors as floats, a fixed overhead each). */
    static final long MAX_BYTES = 8L << 20;
    /** What an entry weighs at least: a 384-float vector and the entry's own objects. */
    static final int MIN_ENTRY_BYTES = 384 * Float.BYTES + 128;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final EmbeddingModel model;
    private final Cache<Key, float[]> cache;

    QuestionVectors(EmbeddingModel model, long maxBytes) {
        this.model = model;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, float[] v) -> Math.max(MIN_ENTRY_BYTES, 2 * (k.scope().length() + k.text().length()) + v.length * Float.BYTES + 128))
                .build();
    }

    /** The question's vector: cached for this {@code scope} (who asks), or computed by {@code embed} and kept. */
    float[] vector(String scope, String question, Function<String, float[]> embed) {
        String text = normalised(question, model.maxChars());
        if (scope == null || scope.isEmpty()) {
            return embed.apply(text);
        }
        Key key = new Key(model.key(), scope, text);
        float[] kept = cache.getIfPresent(key);
        if (kept == null) {
            // Computed outside the cache: its compute would hold a lock of the map while the model runs, and keep
            // other askers' questions that share the bin waiting.
            kept = embed.apply(text);
            cache.put(key, kept);
        }
        return kept;
    }

    /**
     * What the model sees of a question, so that texts the model cannot tell apart share one entry: runs of white
     * space as one space, trimmed, lower case (both models' tokenizers lowercase and split on white space first:
     * BertNormalizer with lowercase, BertPreTokenizer), cut at the model's input length.
     */
    static String normalised(String question, int maxChars) {
        String text = WHITESPACE.matcher(question == null ? "" : question).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
        return text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private record Key(String model, String scope, String text) {}
}
