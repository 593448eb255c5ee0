package io.peergraph.api.stuff;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The search boxes of the catalogue: every word must match, the last one as a prefix, through the full-text indexes. */
@ApiTest
class CatalogSearchTest {

    static final String PRODUCTS = "query($s: String) { products(search: $s, first: 10) { edges { node { name } } } }";
    static final String SYMPTOMS = "query($s: String) { symptoms(search: $s, first: 10) { edges { node { key name } } } }";

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired io.peergraph.graph.taxonomy.ConceptHierarchy hierarchy;

    @Test
    void productsAreFoundByTheirWordsAsTheyAreTyped() {
        String u = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String token = api.newCustomer();
        for (String name : List.of("Radeon RX 580 " + u, "Radeon RX 590 " + u, "GeForce GTX 1060 " + u)) {
            api.post(token, "mutation($n: String!) { createItem(input: {productName: $n}) { id } }", Map.of("n", name)).data();
        }
        assertThat(products(u + " radeon rx 58")).containsExactly("Radeon RX 580 " + u);
        assertThat(products("RADEON " + u)).containsExactly("Radeon RX 580 " + u, "Radeon RX 590 " + u);
        assertThat(products(u.substring(0, 8))).hasSize(3);
        assertThat(products(u + " radeon 1060")).isEmpty();
        assertThat(products(u + " OR geforce")).as("OR is a word, not an operator").isEmpty();
    }

    @Test
    void symptomsAreFoundByWordsOfTheirKeyOrName() {
        String u = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        symptoms.findOrAdd(u + "/audio", "Audio problems", null);
        symptoms.findOrAdd(u + "/audio/crackling", "Crackling sound", u + "/audio");
        assertThat(symptoms(u + " crackl")).containsExactly(u + "/audio/crackling");
        assertThat(symptoms(u + " audio")).containsExactly(u + "/audio", u + "/audio/crackling");
        assertThat(symptoms(u + " hissing")).isEmpty();
    }

    @Test
    void theSeededTaxonomysLabelsFindTheirSymptoms() {
        // seeds/symptoms.ttl: "popping sound" is an altLabel of audio/crackling, "stutter" of performance,
        // "won't start" of stability/does-not-run (issue 18); the symptoms as an import creates and classifies them
        symptoms.findOrAdd("audio/crackling", "Crackling audio", null);
        symptoms.findOrAdd("performance", "Performance problem", null);
        symptoms.findOrAdd("stability/does-not-run", "Does not run", null);
        hierarchy.classifySymptoms(io.peergraph.graph.taxonomy.ConceptHierarchy.SYMPTOM_SCHEME);
        assertThat(symptoms("popping sound")).contains("audio/crackling");
        assertThat(symptoms("stuttering")).contains("performance");
        assertThat(symptoms("won't start")).contains("stability/does-not-run");
    }

    private List<String> products(String search) {
        return api.post(api.newCustomer(), PRODUCTS, Map.of("s", search)).data().path("products").path("edges").findValuesAsText("name");
    }

    private List<String> symptoms(String search) {
        return api.post(null, SYMPTOMS, Map.of("s", search)).data().path("symptoms").path("edges").findValuesAsText("key");
    }
}
