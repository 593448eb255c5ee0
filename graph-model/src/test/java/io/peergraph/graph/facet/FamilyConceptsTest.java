package io.peergraph.graph.facet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated family concepts' rows: which items get one, under which IRI, with a label a person reads. */
class FamilyConceptsTest {

    private static final String PC = ItemFacets.PC_DOMAIN;

    @Test
    void labelsKeepTheMembersWritingOfTheSharedPart() {
        assertThat(FamilyConcepts.label("driver", "nvidia 440", "NVIDIA 440.100")).isEqualTo("NVIDIA 440");
        assertThat(FamilyConcepts.label("gpu", "geforce gtx 10xx", "GeForce GTX 1070")).isEqualTo("GeForce GTX 10xx");
        assertThat(FamilyConcepts.label("os", "ubuntu", "Ubuntu 20.04")).isEqualTo("Ubuntu");
        assertThat(FamilyConcepts.label("kernel", "5", "5.4")).isEqualTo("kernel 5");
        assertThat(FamilyConcepts.label("kernel", "5.4", "5.4.0-42-generic")).isEqualTo("kernel 5.4");
        assertThat(FamilyConcepts.label("kernel", "5.4", "Linux 5.4")).isEqualTo("kernel 5.4");
        assertThat(FamilyConcepts.label("age", "50–60", "58")).isEqualTo("age 50–60");
    }

    @Test
    void twoDriversOfOneMajorVersionGetOneConceptAndKindsWithAValueSchemeNone() {
        ItemFacets facets = new ItemFacets(List.of(
                new ItemKind("driver", PC, 2, new FamilyRule.VersionMajor(), null),
                new ItemKind("stage", "https://example.org/facets", 1, new FamilyRule.Prefix(3), "https://example.org/stages"),
                new ItemKind("ram", PC, 6, null, null)));
        List<Map<String, Object>> rows = FamilyConcepts.rows(facets, List.of(
                new FamilyConcepts.ItemRow("cfi_a", "driver", "NVIDIA 440.100"),
                new FamilyConcepts.ItemRow("cfi_b", "driver", "nvidia 440.82"),
                new FamilyConcepts.ItemRow("cfi_c", "driver", "nvidia"),
                new FamilyConcepts.ItemRow("cfi_d", "stage", "stage 4"),
                new FamilyConcepts.ItemRow("cfi_e", "ram", "16 GB")));
        assertThat(rows).extracting(r -> r.get("item")).containsExactly("cfi_a", "cfi_b");
        assertThat(rows).extracting(r -> r.get("concept")).containsOnly(PC + "/families/driver/nvidia+440");
        assertThat(rows.getFirst().get("conceptId")).isEqualTo(rows.getLast().get("conceptId"));
        assertThat(rows.getFirst()).containsEntry("label", "NVIDIA 440").containsEntry("labelKey", "nvidia 440");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aKernelsSeriesConceptIsMadeUnderItsMajorAndTheThreeWaysOfWritingOneSeriesMeetInIt() {
        ItemFacets facets = ItemFacets.BUILT_IN;
        List<Map<String, Object>> rows = FamilyConcepts.rows(facets, List.of(
                new FamilyConcepts.ItemRow("cfi_a", "kernel", "5.4.0-42-generic"),
                new FamilyConcepts.ItemRow("cfi_b", "kernel", "5.4"),
                new FamilyConcepts.ItemRow("cfi_c", "kernel", "Linux 5.4"),
                new FamilyConcepts.ItemRow("cfi_d", "kernel", "5.8")));
        String scheme = PC + "/families/kernel";
        assertThat(rows).extracting(r -> r.get("item")).containsExactly("cfi_a", "cfi_b", "cfi_c", "cfi_d");
        assertThat(rows).extracting(r -> r.get("concept")).containsExactly(scheme + "/5.4", scheme + "/5.4", scheme + "/5.4", scheme + "/5.8");
        assertThat(rows).allSatisfy(r -> assertThat((Map<String, Object>) r.get("broader")).containsEntry("concept", scheme + "/5")
                .containsEntry("label", "kernel 5"));
        assertThat(rows.getFirst()).containsEntry("label", "kernel 5.4");
        assertThat(FamilyConcepts.rows(facets, List.of(new FamilyConcepts.ItemRow("cfi_e", "driver", "mesa 20.0"))).getFirst().get("broader"))
                .as("a rule with one level").isNull();
    }
}
