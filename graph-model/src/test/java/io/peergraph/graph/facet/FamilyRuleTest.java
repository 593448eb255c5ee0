package io.peergraph.graph.facet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.similarpeers.ItemFamily;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FamilyRuleTest {

    private static Optional<String> family(ItemFacets facets, String kind, String value) {
        return facets.family(kind, value).map(ItemFamily::key);
    }

    @Test
    void thePcRulesGroupAsTheCodeDidBeforeTheTaxonomyDeclaredThem() {
        ItemFacets pc = ItemFacets.BUILT_IN;
        assertThat(family(pc, "gpu", "NVIDIA GeForce GTX 1060 6GB")).contains("nvidia geforce gtx 10xx");
        assertThat(family(pc, "gpu", "AMD Radeon RX 580")).contains("amd radeon rx 5xx");
        assertThat(family(pc, "cpu", "AMD Ryzen 7 3700X")).contains("amd ryzen 7 37xx");
        assertThat(family(pc, "driver", "mesa 20.0.4")).contains("mesa 20");
        // A driver as the PC normaliser writes NVIDIA's (its branch) and as an import may give it whole: one family.
        assertThat(family(pc, "driver", "nvidia 440")).contains("nvidia 440");
        assertThat(family(pc, "driver", "NVIDIA 440.100")).contains("nvidia 440");
        assertThat(family(pc, "driver", "amdgpu-pro")).isEmpty();
        assertThat(family(pc, "kernel", "5.15")).contains("5.15");
        assertThat(family(pc, "os", "Pop!_OS 20.04")).contains("pop!_os");
        assertThat(family(pc, "ram", "16 GB")).isEmpty();
        assertThat(family(pc, "stage", "stage 3")).isEmpty();
        assertThat(pc.ladderFor(List.of("gpu", "ram")).kinds()).containsExactly("gpu", "driver", "os", "kernel", "cpu", "ram");
    }

    @Test
    void aKernelsSeriesIsItsMajorMinorWhateverWordsSurroundItUnderItsMajor() {
        FamilyRule series = FamilyRule.parse("version-series");
        for (String kernel : List.of("5.4.0-42-generic", "5.4", "Linux 5.4", "linux-5.04.1", "Kernel 5.4.7 (x86_64)")) {
            assertThat(series.family("kernel", kernel)).as(kernel).map(ItemFamily::key).contains("5.4");
            assertThat(series.broader("kernel", kernel)).as(kernel).map(ItemFamily::key).contains("5");
        }
        assertThat(series.family("kernel", "4.19.80-1-MANJARO").orElseThrow().key()).isEqualTo("4.19");
        assertThat(series.family("kernel", "5.40").orElseThrow().key()).as("not 5.4").isEqualTo("5.40");
        assertThat(series.family("kernel", "Linux 5")).isEmpty();
        // Words may come first, so every member is found among the kind's items and confirmed by the rule.
        assertThat(series.family("kernel", "Linux 5.4").orElseThrow().keyPrefix()).isEqualTo("kernel:");
        assertThat(FamilyRule.parse("version-major").broader("driver", "mesa 20.0")).as("one level").isEmpty();
        assertThat(series.notation()).isEqualTo("version-series");
        assertThat(ItemFacets.BUILT_IN.kind("kernel").orElseThrow().familyRule()).isEqualTo(series);
    }

    @Test
    void numericRangesShareARangeAndAValuePrefixThatFindsEveryMember() {
        FamilyRule decades = FamilyRule.parse("numeric-range:10");
        ItemFamily fifties = decades.family("age", "58").orElseThrow();
        assertThat(fifties.key()).isEqualTo("50–60");
        assertThat(decades.family("age", "50")).contains(fifties);
        assertThat(decades.family("age", "59.9")).contains(fifties);
        assertThat(decades.family("age", "60").orElseThrow().key()).isEqualTo("60–70");
        assertThat(decades.family("age", "5").orElseThrow().key()).isEqualTo("0–10");
        for (String member : List.of("50", "55.5", "59")) {
            assertThat(member).startsWith(fifties.valuePrefix());
        }
        assertThat(FamilyRule.parse("numeric-range:0.5").family("dose", "2.7 mg").orElseThrow().key()).isEqualTo("2.5–3 mg");
        assertThat(FamilyRule.parse("numeric-range:0.5").family("dose", "2.7 mg").orElseThrow().valuePrefix()).isEqualTo("2");
        assertThat(decades.family("age", "unknown")).isEmpty();
        assertThat(decades.notation()).isEqualTo("numeric-range:10");
    }

    @Test
    void prefixesAndRefusals() {
        assertThat(FamilyRule.parse("prefix:3").family("postcode", "SW1A 1AA").orElseThrow().valuePrefix()).isEqualTo("sw1");
        assertThat(FamilyRule.parse("prefix:3").family("postcode", "SW1")).isEmpty();
        assertThat(FamilyRule.parse(" Version-Major ")).isEqualTo(new FamilyRule.VersionMajor());
        for (String bad : List.of("version-major:2", "prefix", "prefix:0", "numeric-range:-5", "numeric-range:0", "semver", "version-series:3")) {
            assertThatThrownBy(() -> FamilyRule.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void aConfigurationGetsTheLadderOfTheDomainMostOfItsKindsBelongTo() {
        String pbc = "https://peergraph.io/taxonomy/pbc/facets";
        ItemFacets two = new ItemFacets(java.util.stream.Stream.concat(ItemFacets.BUILT_IN.kinds().stream(), java.util.stream.Stream.of(
                new ItemKind("stage", pbc, 1, null, "https://peergraph.io/taxonomy/pbc/stages"),
                new ItemKind("sex", pbc, 2, null, null),
                new ItemKind("age", pbc, 3, FamilyRule.parse("numeric-range:10"), null))).toList());
        assertThat(two.ladderFor(List.of("sex", "age", "stage")).kinds()).containsExactly("stage", "sex", "age");
        assertThat(two.ladderFor(List.of("gpu", "kernel")).kinds()).containsExactly("gpu", "driver", "os", "kernel", "cpu", "ram");
        assertThat(two.ladderFor(List.of()).domain()).isEqualTo(ItemFacets.PC_DOMAIN);
        assertThat(two.kindsOutside(pbc)).contains("gpu", "ram").doesNotContain("stage");
        assertThat(family(two, "age", "58")).contains("50–60");
    }
}
