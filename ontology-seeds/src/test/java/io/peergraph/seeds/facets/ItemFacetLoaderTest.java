package io.peergraph.seeds.facets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.facet.DeclaredKinds;
import io.peergraph.graph.facet.FamilyRule;
import io.peergraph.graph.facet.ItemFacetStore;
import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.facet.ItemKind;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.data.neo4j.core.Neo4jClient;

/** Item kinds, cohort ranks and family rules come from the taxonomy's Turtle, the PC ones included. */
class ItemFacetLoaderTest {

    private static final String PC_FACETS = "seeds/configuration-facets.ttl";

    private Driver driver;

    @BeforeEach
    void emptyStore() {
        driver = TaxonomyStore.empty();
    }

    private static List<ItemKind> sorted(List<ItemKind> kinds) {
        return kinds.stream().sorted(Comparator.comparing(ItemKind::kind)).toList();
    }

    @Test
    void theBundledPcFacetsDeclareWhatAStoreWithoutSeedsFallsBackTo() {
        List<ItemFacetLoader.Declarations> read = ItemFacetLoader.read(SeedCatalog.turtle(PC_FACETS));

        assertThat(read).extracting(ItemFacetLoader.Declarations::domain).containsExactly(ItemFacets.PC_DOMAIN);
        assertThat(read.getFirst().kinds()).isEqualTo(sorted(ItemFacets.BUILT_IN.kinds()));
    }

    @Test
    void loadingTheSeedsPutsTheDeclaredKindsInTheGraphAndADomainAddsItsOwnLadder() {
        try (var session = driver.session()) {
            assertThat(ItemFacetStore.read(session)).isSameAs(ItemFacets.BUILT_IN);
        }
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle(PC_FACETS));
        ItemFacetLoader.load(GraphConnection.over(driver), List.of(SeedCatalog.turtle(PC_FACETS)));
        DomainTaxonomy.Loaded pbc = DomainTaxonomy.load(GraphConnection.over(driver), java.nio.file.Path.of("../domains/pbc/taxonomy.ttl"));
        DomainTaxonomy.Loaded again = DomainTaxonomy.load(GraphConnection.over(driver), java.nio.file.Path.of("../domains/pbc/taxonomy.ttl"));

        ItemFacets facets;
        try (var session = driver.session()) {
            facets = ItemFacetStore.read(session);
        }
        assertThat(sorted(facets.kinds())).containsAll(ItemFacets.BUILT_IN.kinds());
        assertThat(facets.ladders()).containsEntry(ItemFacets.PC_DOMAIN, List.of("gpu", "driver", "os", "kernel", "cpu", "ram"))
                .containsEntry("https://peergraph.io/taxonomy/pbc/facets", List.of("stage", "sex", "age"));
        assertThat(facets.kind("age").orElseThrow().familyRule()).isEqualTo(FamilyRule.parse("numeric-range:10"));
        assertThat(facets.kind("stage").orElseThrow().valueScheme()).isEqualTo("https://peergraph.io/taxonomy/pbc/stages");
        assertThat(pbc.schemes()).hasSize(3);
        assertThat(again.schemes()).allSatisfy(r -> assertThat(r.outcome().name()).isEqualTo("UNCHANGED"));
    }

    @Test
    void aStoreWithOnlyAnotherDomainStillAnswersPcConfigurationsWithThePcLadder() {
        DomainTaxonomy.load(GraphConnection.over(driver), java.nio.file.Path.of("../domains/pbc/taxonomy.ttl"));

        try (var session = driver.session()) {
            ItemFacets facets = ItemFacetStore.read(session);
            assertThat(facets.ladderFor(List.of("gpu", "kernel")).kinds()).containsExactly("gpu", "driver", "os", "kernel", "cpu", "ram");
            assertThat(facets.ladderFor(List.of("stage")).kinds()).containsExactly("stage", "sex", "age");
        }
    }

    @Test
    void aDomainLoadReachesTheCopyOfTheKindsThatTheQueriesKeep() {
        DeclaredKinds kept = new DeclaredKinds(Neo4jClient.create(driver)); // as peers, similar peers and benchmarks hold it
        assertThat(kept.read().ladders()).doesNotContainKey("https://peergraph.io/taxonomy/pbc/facets");

        DomainTaxonomy.load(GraphConnection.over(driver), java.nio.file.Path.of("../domains/pbc/taxonomy.ttl"));

        assertThat(kept.read().ladders()).containsEntry("https://peergraph.io/taxonomy/pbc/facets", List.of("stage", "sex", "age"));
    }

    @Test
    void aMalformedDeclarationIsRefusedBeforeAnythingIsWritten() {
        String turtle = """
                @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
                @prefix pg: <https://peergraph.io/ns/taxonomy#> .
                <https://example.org/facets> a skos:ConceptScheme , pg:ItemFacetScheme ; skos:prefLabel "Facets"@en .
                <https://example.org/facets/mileage> a skos:Concept ; skos:inScheme <https://example.org/facets> ;
                    skos:notation "mileage" ; skos:prefLabel "Mileage"@en ; pg:familyRule "numeric-range:ten" .
                """;

        assertThatThrownBy(() -> DomainTaxonomy.load(GraphConnection.over(driver), new ByteArrayInputStream(turtle.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mileage").hasMessageContaining("numeric-range:ten");
        assertThat(TaxonomyStore.dump(driver)).isEmpty();
    }
}
