package io.peergraph.search.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a case's text (or a question) into a unit vector with a sentence-embedding model run in process by ONNX
 * Runtime. Loaded once per model and JVM ({@link #of}): the model is 35–90 MB and takes seconds to load. Each
 * call runs on the calling thread with {@code threads} ONNX threads, so the caller bounds the CPU it takes
 * (the {@link EmbeddingQueue}'s one worker; a search embeds its one question on the request thread, and asked again
 * by the same person finds it in {@link QuestionVectors}). Thread-safe: ONNX Runtime sessions may be run concurrently.
 */
public final class CaseEmbedder {

    private static final Map<EmbeddingModel, CaseEmbedder> LOADED = new ConcurrentHashMap<>();

    private final EmbeddingModel model;
    private final Encoder encoder;
    private final QuestionVectors questions;
    /** Texts run through the model since it was loaded. */
    private final AtomicLong encoded = new AtomicLong();

    private CaseEmbedder(EmbeddingModel model, Encoder encoder) {
        this.model = model;
        this.encoder = encoder;
        this.questions = new QuestionVectors(model, QuestionVectors.MAX_BYTES);
    }

    /** The embedder of {@code model}, loaded on first use with one ONNX thread; {@code null} for {@link EmbeddingModel#NONE}. */
    public static CaseEmbedder of(EmbeddingModel model) {
        if (!model.enabled()) {
            return null;
        }
        return LOADED.computeIfAbsent(model, m -> new CaseEmbedder(m, new Encoder(load(m, 1))));
    }

    private static OnnxBertBiEncoder load(EmbeddingModel model, int threads) {
        try (InputStream onnx = resource(model.onnxResource()); InputStream tokenizer = resource(model.tokenizerResource())) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, model.clsPooling() ? PoolingMode.CLS : PoolingMode.MEAN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the " + model.key() + " embedding model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = CaseEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("The " + name + " model file is not on the class path "
                    + "(its langchain4j-embeddings-* artifact is missing)"));
        }
        return in;
    }

    public EmbeddingModel model() {
        return model;
    }

    /** What is embedded of a case: its title, then its text, cut at the model's {@link EmbeddingModel#maxChars}. */
    public String input(String title, String text) {
        String joined = title == null || title.isBlank() ? (text == null ? "" : text)
                : text == null || text.isBlank() ? title : title + "\n" + text;
        return joined.length() <= model.maxChars() ? joined : joined.substring(0, model.maxChars());
    }

    /** The unit vector of one text (a question, or a case's {@link #input}), computed now. */
    public float[] embed(String text) {
        encoded.incrementAndGet();
        return encoder.embedAll(List.of(TextSegment.from(text.isBlank() ? " " : text))).content().getFirst().vector();
    }

    /**
     * The vector of a question {@code asker} typed: the one computed when they last asked the same text (as the
     * model sees it), or computed now and kept for their next page, sort or facet ({@link QuestionVectors}).
     * {@code asker}: who asks (a customer id), or {@code null} to compute it without keeping it.
     */
    public float[] question(String asker, String text) {
        return questions.vector(asker, text, this::embed);
    }

    /** The vectors of several texts, in order, one after the other on this thread. */
    public List<float[]> embedAll(List<String> texts) {
        encoded.addAndGet(texts.size());
        return encoder.embedAll(texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList())
                .content().stream().map(Embedding::vector).toList();
    }

    /** How many texts were run through the model since it was loaded (cases and questions; a cached question is not). */
    public long encoded() {
        return encoded.get();
    }

    /** Questions whose vectors are kept now. */
    public long questionsKept() {
        return questions.size();
    }

    /** langchain4j's in-process model over our own session (its thread count), run on the calling thread. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder bert;

        Encoder(OnnxBertBiEncoder bert) {
            super(Runnable::run);
            this.bert = bert;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return bert;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }
}
