package io.peergraph.seeds.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.taxonomy.ConceptHierarchy;
import io.peergraph.graph.taxonomy.ConceptRef;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptHierarchyTest {

    static final String SYMPTOMS = "https://peergraph.io/taxonomy/symptoms";

    @Test
    void aSymptomStandsForItselfAndEverySymptomUnderItsConcept() {
        var driver = TaxonomyStore.empty();
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/symptoms.ttl"));
        try (var session = driver.session()) {
            for (String key : List.of("graphics", "graphics/screen-tearing", "graphics/missing-textures", "audio/crackling")) {
                session.run("CREATE (:Symptom {id: $id, key: $key, name: $key})", Map.of("id", PublicId.SYMPTOM.fromKey(key), "key", key)).consume();
            }
        }
        ConceptHierarchy hierarchy = new ConceptHierarchy(GraphConnection.over(driver));

        assertThat(hierarchy.classifySymptoms(SYMPTOMS)).isEqualTo(4);

        assertThat(hierarchy.symptomAndNarrower("graphics", 3)).containsExactlyInAnyOrder(PublicId.SYMPTOM.fromKey("graphics"),
                PublicId.SYMPTOM.fromKey("graphics/screen-tearing"), PublicId.SYMPTOM.fromKey("graphics/missing-textures"));
        assertThat(hierarchy.conceptAndNarrower(SYMPTOMS + "/graphical", 0)).hasSize(1);
        assertThat(hierarchy.conceptAndNarrower(SYMPTOMS + "/graphical", 1)).hasSize(5);
        assertThat(hierarchy.ancestors(SYMPTOMS + "/graphical-screen-tearing", 5)).extracting(ConceptRef::prefLabel)
                .containsExactly("Display problem");
        assertThat(hierarchy.children(SYMPTOMS + "/audio")).extracting(ConceptRef::prefLabel).contains("Crackling audio", "Missing audio");
    }
}
