package io.peergraph.graph.symptom;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.imports.SymptomImport;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

/** One rule for a symptom's name, whoever makes the symptom: the API's customers, findOrAdd and imports. */
class SymptomNameTest {

    @Test
    void aNameIsCanonicalTextOfThreeTo120CharactersWithAWord() {
        assertThat(SymptomName.normalize("  Crackling\u00a0\u00a0sound\n ")).isEqualTo("Crackling sound");
        assertThat(SymptomName.normalize(" \t ")).isNull();
        assertThat(SymptomName.problem("Crackling sound")).isEmpty();
        assertThat(SymptomName.problem(null)).contains("must not be empty");
        assertThat(SymptomName.problem("ab")).contains("must be at least 3 characters");
        assertThat(SymptomName.problem("1234")).contains("must contain a word");
        assertThat(SymptomName.problem("x".repeat(120))).isEmpty();
        assertThat(SymptomName.problem("x".repeat(121))).contains("must be at most 120 characters");
    }

    @Test
    void theSameNameDespiteCaseSeparatorsAndPunctuationIsTheSameSymptom() {
        assertThat(SymptomName.sameness("Screen-Tearing!")).isEqualTo(SymptomName.sameness("screen tearing"));
        assertThat(SymptomName.sameness("screen tearing")).isNotEqualTo(SymptomName.sameness("screen flicker"));
    }

    @Test
    void aKeyPartIsAsciiWordsJoinedByHyphens() {
        assertThat(SymptomName.slug("Crackling, left ear — only in Café mode!")).isEqualTo("crackling-left-ear-only-in-cafe-mode");
        assertThat(SymptomName.slug("日本語")).isEqualTo("symptom");
        assertThat(SymptomName.slug("a ".repeat(40))).hasSizeLessThanOrEqualTo(48).doesNotEndWith("-");
    }

    @Test
    void importsStoreTheCanonicalName() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Session session = SharedNeo4j.driver().session()) {
            session.executeWriteWithoutResult(tx -> SymptomImport.merge(tx, List.of(new SymptomImport.Node("name-test-" + run, "  Hum\u00a0 at\tidle ", null))));
            assertThat(session.run("MATCH (s:Symptom {key: $k}) RETURN s.name AS name", Map.of("k", "name-test-" + run)).single()
                    .get("name").asString()).isEqualTo("Hum at idle");
        }
    }
}
