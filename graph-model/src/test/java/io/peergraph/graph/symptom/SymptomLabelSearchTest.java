package io.peergraph.graph.symptom;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Issue 18: symptom search finds a symptom by every English label of its taxonomy concept, with stems and typos. */
class SymptomLabelSearchTest {

    static SymptomStore symptoms;
    static final String U = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void seed() {
        symptoms = new SymptomStore(Neo4jClient.create(SharedNeo4j.driver()));
        classified("crackling", "Crackling audio", List.of("audio crackles", "popping sound"));
        classified("low-fps", "Low frame rate", List.of("low fps", "stutter"));
        classified("does-not-run", "Does not run", List.of("does not open", "won't start"));
    }

    /** A symptom classified as a concept with these labels, as the seed import writes them (ConceptProperties). */
    static void classified(String name, String prefLabel, List<String> altLabels) {
        String key = "test-" + U + "/" + name;
        symptoms.findOrAdd(key, key, null);
        SharedNeo4j.driver().executableQuery("""
                MATCH (s:Symptom {key: $key})
                CREATE (s)-[:CLASSIFIED_AS]->(:Concept {id: $conceptId, prefLabel_en: $pref, altLabels_en: $alt})
                """).withParameters(Map.of("key", key, "conceptId", "test-concept-" + U + "-" + name, "pref", prefLabel, "alt", altLabels))
                .execute();
    }

    static List<String> keys(String search) {
        return symptoms.page(search, null, 100, null).stream().map(Symptom::key).toList();
    }

    @Test
    void anAlternativeLabelFindsItsSymptom() {
        assertThat(keys("popping sound")).contains("test-" + U + "/crackling");
        assertThat(keys("won't start")).contains("test-" + U + "/does-not-run");
        assertThat(keys("stutter")).contains("test-" + U + "/low-fps");
    }

    @Test
    void stemsAndOneTypoStillFind() {
        assertThat(keys("stuttering")).as("stem").contains("test-" + U + "/low-fps");
        assertThat(keys("stuter")).as("one letter missing").contains("test-" + U + "/low-fps");
        assertThat(keys("crackling")).as("the preferred label").contains("test-" + U + "/crackling");
    }

    @Test
    void everyWordIsStillRequired() {
        assertThat(keys("popping video")).doesNotContain("test-" + U + "/crackling");
    }
}
