package io.peergraph.graph.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.facet.ItemRelation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readable similarity of one peer: rarity weights, exact and family matches, differences, and the sentence. */
class PeerMatchTest {

    // 1,000 configurations: the GPU is rare (10 hold it), the RAM size common (500), the driver in between (100).
    static final ConfigItem GPU = new ConfigItem("g1", "gpu", "NVIDIA GeForce GTX 1060", 10);
    static final ConfigItem DRIVER = new ConfigItem("d1", "driver", "mesa 20.0", 100);
    static final ConfigItem RAM = new ConfigItem("r1", "ram", "16 GB", 500);
    static final List<ConfigItem> MINE = List.of(GPU, DRIVER, RAM);

    static double rarity(long holders) {
        return Math.log(1 + 1000.0 / holders);
    }

    @Test
    void theSameItemsScoreOneAndNothingDiffers() {
        PeerMatch match = PeerMatch.of(ItemFacets.BUILT_IN, "o", MINE, MINE, 1000, List.of());
        assertThat(match.similarity()).isCloseTo(1, within(1e-9));
        assertThat(match.differences()).isEmpty();
        assertThat(match.why()).startsWith("100 % alike: the same gpu NVIDIA GeForce GTX 1060");
    }

    @Test
    void aRelativeOfTheSameFamilyCountsHalfAndEachPartSaysItsShare() {
        ConfigItem otherGpu = new ConfigItem("g2", "gpu", "NVIDIA GeForce GTX 1080", 0);
        ConfigItem newerDriver = new ConfigItem("d2", "driver", "mesa 20.3", 0);
        PeerMatch match = PeerMatch.of(ItemFacets.BUILT_IN, "o", MINE, List.of(otherGpu, newerDriver, RAM), 1000, List.of());
        double total = rarity(10) + rarity(100) + rarity(500);
        assertThat(match.similarity()).isCloseTo((rarity(10) / 2 + rarity(100) / 2 + rarity(500)) / total, within(1e-9));
        assertThat(match.shared()).extracting(PeerMatch.ItemShare::family).containsExactlyInAnyOrder("nvidia geforce gtx 10xx", "mesa 20", null);
        assertThat(match.shared().stream().mapToDouble(PeerMatch.ItemShare::share).sum()).isCloseTo(match.similarity(), within(1e-9));
        assertThat(match.shared().getFirst().share()).as("largest part first")
                .isEqualTo(match.shared().stream().mapToDouble(PeerMatch.ItemShare::share).max().orElseThrow());
        assertThat(match.why()).contains("gpu of the family nvidia geforce gtx 10xx (NVIDIA GeForce GTX 1080, ");
    }

    @Test
    void aRareSharedItemOutweighsACommonOneAndDifferencesNameBothSides() {
        ConfigItem otherDriver = new ConfigItem("d3", "driver", "nvidia 440.100", 0);
        PeerMatch gpuOnly = PeerMatch.of(ItemFacets.BUILT_IN, "a", MINE, List.of(GPU, otherDriver), 1000, List.of());
        PeerMatch ramOnly = PeerMatch.of(ItemFacets.BUILT_IN, "b", MINE, List.of(RAM), 1000, List.of());
        assertThat(gpuOnly.similarity()).isGreaterThan(ramOnly.similarity());
        assertThat(gpuOnly.differences()).extracting(d -> d.mine().kind(), d -> d.theirs() == null ? null : d.theirs().value())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("driver", "nvidia 440.100"), org.assertj.core.groups.Tuple.tuple("ram", null));
        assertThat(gpuOnly.why()).contains("differs in driver (mesa 20.0 here, nvidia 440.100 theirs), ram (not given by them)");
        assertThat(ramOnly.why()).startsWith(String.format(java.util.Locale.ROOT, "%.0f %% alike: the same ram 16 GB", 100 * ramOnly.similarity()));
    }

    @Test
    void aSharedConceptMakesARelativeWhereTheRuleDoesNotAndIsNamed() {
        // A moderator merged mesa 19 into mesa 20: the rule says two families, the concept one.
        ConfigItem olderDriver = new ConfigItem("d3", "driver", "mesa 19.3", 0);
        ItemRelation.ItemConcept mesa = new ItemRelation.ItemConcept("con_mesa", "https://example.org/families/driver/mesa+20", "Mesa 20", 0);
        PeerMatch byRule = PeerMatch.of(ItemFacets.BUILT_IN, "o", MINE, List.of(olderDriver), 1000, List.of());
        assertThat(byRule.shared()).isEmpty();

        PeerMatch byConcept = PeerMatch.of(ItemFacets.BUILT_IN, java.util.Map.of("d1", List.of(mesa), "d3", List.of(mesa)), "o", MINE,
                List.of(olderDriver), 1000, List.of());
        assertThat(byConcept.shared()).singleElement().satisfies(s -> {
            assertThat(s.family()).isEqualTo("Mesa 20");
            assertThat(s.conceptIri()).isEqualTo(mesa.iri());
            assertThat(s.share()).isCloseTo(rarity(100) / (rarity(10) + rarity(100) + rarity(500)) / 2, within(1e-9));
        });
        assertThat(byConcept.why()).contains("driver of the concept Mesa 20 (mesa 19.3, ");
    }

    @Test
    void aConceptOnlyAddsRelativesTheRulesFamilyStays() {
        // Two GPUs of one generation classified under different device concepts are still of one family.
        ConfigItem otherGpu = new ConfigItem("g2", "gpu", "NVIDIA GeForce GTX 1080", 0);
        PeerMatch match = PeerMatch.of(ItemFacets.BUILT_IN, java.util.Map.of(
                        "g1", List.of(new ItemRelation.ItemConcept("con_1060", "https://example.org/1060", "GTX 1060", 0)),
                        "g2", List.of(new ItemRelation.ItemConcept("con_1080", "https://example.org/1080", "GTX 1080", 0))),
                "o", MINE, List.of(otherGpu), 1000, List.of());
        assertThat(match.shared()).singleElement().satisfies(s -> {
            assertThat(s.family()).isEqualTo("nvidia geforce gtx 10xx");
            assertThat(s.conceptIri()).isNull();
        });
        assertThat(match.why()).contains("gpu of the family nvidia geforce gtx 10xx");
    }

    @Test
    void excerptsAreCutAtAWordAndWhitespaceIsCollapsed() {
        assertThat(PeerReport.excerpt(null)).isNull();
        assertThat(PeerReport.excerpt("  \n ")).isNull();
        assertThat(PeerReport.excerpt("Crackles\n\n  after   an hour.")).isEqualTo("Crackles after an hour.");
        String cut = PeerReport.excerpt("word ".repeat(100));
        assertThat(cut).endsWith("word…").hasSizeLessThanOrEqualTo(PeerReport.EXCERPT_LENGTH + 1);
    }
}
