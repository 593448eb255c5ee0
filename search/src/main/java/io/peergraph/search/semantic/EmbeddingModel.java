package io.peergraph.search.semantic;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sentence-embedding models Peergraph can run in process, each shipped inside a Maven Central artifact with its
 * tokenizer (nothing is downloaded at run time). {@code peergraph.search.semantic.model} picks one; {@link #NONE}
 * turns the semantic signal off. The cases index holds the vectors of one model: its key is part of the physical
 * index name, so changing the model rebuilds the index behind the alias with no downtime.
 */
public enum EmbeddingModel {
    /** No semantic signal: the cases mapping has no vector field and searches use the text and graph signals only. */
    NONE("none", 0, null, null, false, 0),
    /** all-MiniLM-L6-v2 (mean pooling); its input is cut shorter: the spike found it no better than BM25 on long texts. */
    MINILM("minilm", 384, "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", false, 1000),
    /** bge-small-en-v1.5, quantised (CLS pooling): the better of the two on duplicate bug reports (issue 22). */
    BGE_SMALL("bge-small", 384, "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", true, 2000);

    private final String key;
    private final int dimension;
    private final String onnxResource;
    private final String tokenizerResource;
    private final boolean clsPooling;
    private final int maxChars;

    EmbeddingModel(String key, int dimension, String onnxResource, String tokenizerResource, boolean clsPooling, int maxChars) {
        this.key = key;
        this.dimension = dimension;
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.clsPooling = clsPooling;
        this.maxChars = maxChars;
    }

    /** The name in configuration and in the physical index name: {@code none}, {@code minilm}, {@code bge-small}. */
    public String key() {
        return key;
    }

    /** Floats per vector (the mapping's {@code dims}). */
    public int dimension() {
        return dimension;
    }

    /** The mapping's {@code similarity}: the models' vectors are compared by angle. */
    public String similarity() {
        return "cosine";
    }

    String onnxResource() {
        return onnxResource;
    }

    String tokenizerResource() {
        return tokenizerResource;
    }

    boolean clsPooling() {
        return clsPooling;
    }

    /**
     * The input is cut at this many characters (about one 512 word-piece window for English prose): a longer
     * text would be embedded window by window and averaged, several times the cost, for the tail of a report
     * (stack traces, logs) that says least about what it is about.
     */
    public int maxChars() {
        return maxChars;
    }

    public boolean enabled() {
        return this != NONE;
    }

    public static EmbeddingModel fromKey(String key) {
        String k = key == null ? "none" : key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.key.equals(k) || m.name().equalsIgnoreCase(k)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown embedding model '" + key + "': one of "
                        + Arrays.stream(values()).map(EmbeddingModel::key).toList()));
    }
}
