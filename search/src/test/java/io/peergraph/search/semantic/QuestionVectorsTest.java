package io.peergraph.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The question cache on the real models: what it treats as one question the models cannot tell apart, it is bounded,
 * and a vector never crosses from one model to another. (Searches that use it: SemanticSearchTest.)
 */
class QuestionVectorsTest {

    @Test
    void textsTheCacheTreatsAsOneQuestionHaveTheSameVectorFromEachModel() {
        for (EmbeddingModel model : EmbeddingModel.values()) {
            if (!model.enabled()) {
                continue;
            }
            CaseEmbedder embedder = CaseEmbedder.of(model);
            String typed = "  Browser CRASHES\twhen I open\n a PDF — Übersicht ";
            String normalised = QuestionVectors.normalised(typed, model.maxChars());
            assertThat(normalised).isEqualTo("browser crashes when i open a pdf — übersicht");
            // The model's own view: its tokenizer lowercases and splits on white space, so the vectors are the very same.
            assertThat(embedder.embed(normalised)).as(model.key()).isEqualTo(embedder.embed(typed));
        }
    }

    @Test
    void theCacheIsBoundedInMemoryAndSoInQuestions() {
        CaseEmbedder embedder = CaseEmbedder.of(EmbeddingModel.BGE_SMALL);
        int room = 10;
        QuestionVectors questions = new QuestionVectors(EmbeddingModel.BGE_SMALL, (long) room * QuestionVectors.MIN_ENTRY_BYTES);
        long before = embedder.encoded();
        for (int i = 0; i < 5 * room; i++) {
            questions.vector("cus_a", "printer number " + i + " jams", embedder::embed);
        }
        assertThat(embedder.encoded()).isEqualTo(before + 5 * room);
        assertThat(questions.size()).isPositive().isLessThanOrEqualTo(room);

        // Asked all again: at most the ones kept come from the cache, the others are embedded again.
        long now = embedder.encoded();
        for (int i = 0; i < 5 * room; i++) {
            questions.vector("cus_a", "printer number " + i + " jams", embedder::embed);
        }
        assertThat(embedder.encoded() - now).isGreaterThanOrEqualTo(4 * room);

        // A text longer than the model reads is kept as the model reads it (cut), so its weight is bounded too.
        String longQuestion = "word ".repeat(10_000);
        questions.vector("cus_a", longQuestion, embedder::embed);
        assertThat(QuestionVectors.normalised(longQuestion, EmbeddingModel.BGE_SMALL.maxChars())).hasSize(EmbeddingModel.BGE_SMALL.maxChars());
        assertThat(questions.size()).isLessThanOrEqualTo(room);
    }

    @Test
    void eachModelKeepsItsOwnQuestionsVectors() {
        CaseEmbedder bge = CaseEmbedder.of(EmbeddingModel.BGE_SMALL);
        CaseEmbedder minilm = CaseEmbedder.of(EmbeddingModel.MINILM);
        String question = "keyboard stops responding after sleep " + System.nanoTime();
        long bgeBefore = bge.encoded();
        long minilmBefore = minilm.encoded();

        float[] fromBge = bge.question("cus_b", question);
        float[] fromMinilm = minilm.question("cus_b", question);
        assertThat(Arrays.equals(fromBge, fromMinilm)).isFalse();
        assertThat(bge.encoded()).isEqualTo(bgeBefore + 1);
        assertThat(minilm.encoded()).isEqualTo(minilmBefore + 1);

        // Asked again: each answers from its own cache, with its own model's vector.
        assertThat(bge.question("cus_b", question)).isEqualTo(fromBge).isEqualTo(bge.embed(question));
        assertThat(minilm.question("cus_b", question)).isEqualTo(fromMinilm);
        assertThat(minilm.encoded()).isEqualTo(minilmBefore + 1);
    }
}
