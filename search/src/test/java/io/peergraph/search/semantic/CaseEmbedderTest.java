package io.peergraph.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real bge-small model from its Maven artifact, loaded once for the JVM. */
class CaseEmbedderTest {

    private final CaseEmbedder embedder = CaseEmbedder.of(EmbeddingModel.BGE_SMALL);

    @Test
    void aParaphraseWithNoSharedWordIsCloserThanAnUnrelatedReport() {
        List<float[]> v = embedder.embedAll(List.of(
                "The browser crashes when I open a PDF attachment",
                "Application quits unexpectedly while viewing Acrobat documents",
                "Please add a dark theme to the address book"));
        assertThat(v).allSatisfy(x -> assertThat(x).hasSize(384));
        assertThat(dot(v.get(0), v.get(0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)) + 0.1);
        assertThat(embedder.embed("The browser crashes when I open a PDF attachment")).containsExactly(v.get(0),
                org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void theInputIsTitleThenTextCutAtTheModelsLimit() {
        assertThat(embedder.input("Title", "body")).isEqualTo("Title\nbody");
        assertThat(embedder.input(null, "body")).isEqualTo("body");
        assertThat(embedder.input("x", "y".repeat(5000))).hasSize(EmbeddingModel.BGE_SMALL.maxChars());
    }

    @Test
    void theModelIsLoadedOnceAndNoneHasNoEmbedder() {
        assertThat(CaseEmbedder.of(EmbeddingModel.BGE_SMALL)).isSameAs(embedder);
        assertThat(CaseEmbedder.of(EmbeddingModel.NONE)).isNull();
        assertThat(EmbeddingModel.fromKey("bge-small")).isEqualTo(EmbeddingModel.BGE_SMALL);
        assertThat(EmbeddingModel.fromKey("MINILM")).isEqualTo(EmbeddingModel.MINILM);
        assertThatThrownBy(() -> EmbeddingModel.fromKey("gpt")).isInstanceOf(IllegalArgumentException.class);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
