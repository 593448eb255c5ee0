package io.peergraph.seeds.pci;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.seeds.pci.GpuCatalog.GpuMatch;
import io.peergraph.seeds.pci.GpuCatalog.Precision;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** GPU names below are real strings from ProtonDB reports (github.com/bdefore/protondb-data, ODbL/DbCL). */
class GpuCatalogTest {

    private final GpuCatalog catalog = GpuCatalog.bundled();

    @Test
    void mesaRadeonStringResolvesToTheEllesmereModel() {
        GpuMatch match = catalog.resolve("AMD Radeon RX 580 Series (POLARIS10, DRM 3.35.0, 5.4.0-7626-generic, LLVM 9.0.0)").orElseThrow();
        assertThat(match.vendor()).isEqualTo("AMD");
        assertThat(match.model()).contains("Radeon RX 580");
        assertThat(match.family()).isEqualTo("Ellesmere");
        assertThat(match.device().name()).isEqualTo("Ellesmere [Radeon RX 470/480/570/570X/580/580X/590]");
    }

    @Test
    void nvidiaGlRendererStringResolvesToTheDevice() {
        GpuMatch match = catalog.resolve("NVIDIA GeForce GTX 1070/PCIe/SSE2").orElseThrow();
        assertThat(match.model()).contains("GeForce GTX 1070");
        assertThat(match.family()).isEqualTo("GP104");
        assertThat(match.device().hexId()).isEqualTo("10de:1b81");
    }

    @Test
    void mesaIntelStringResolvesToTheUhdModel() {
        GpuMatch match = catalog.resolve("Mesa Intel(R) UHD Graphics 620 (KBL GT2)").orElseThrow();
        assertThat(match.vendor()).isEqualTo("Intel");
        assertThat(match.model()).contains("UHD Graphics 620");
    }

    @Test
    void chipCodeNamesResolveToAFamily() {
        assertThat(catalog.resolve("AMD NAVI10").orElseThrow()).satisfies(m -> {
            assertThat(m.family()).isEqualTo("Navi 10");
            assertThat(m.precision()).isEqualTo(Precision.FAMILY);
        });
        assertThat(catalog.resolve("AMD RAVEN").orElseThrow().family()).isEqualTo("Raven Ridge");
        assertThat(catalog.resolve("Intel Haswell Mobile").orElseThrow().family()).startsWith("Haswell");
        assertThat(catalog.resolve("AMD Radeon HD 7900").orElseThrow().family()).isEqualTo("Tahiti");
    }

    @Test
    void laterChipsResolveThroughMesasAbbreviationsAndShaderIsaNames() {
        // Strings as later ProtonDB reports carry them (Mesa 23-24); pci.ids 2023.04 knows the chips, not every name,
        // and spells one chip several ways ("AlderLake-P [UHD Graphics]", "Alder Lake-P Integrated Graphics Controller").
        assertThat(catalog.resolve("Mesa Intel(R) Graphics (ADL GT2)").orElseThrow().family().replace(" ", "")).startsWith("AlderLake");
        assertThat(catalog.resolve("Mesa Intel(R) Graphics (RPL-P)").orElseThrow().family().replace(" ", "")).startsWith("RaptorLake");
        assertThat(catalog.resolve("AMD Radeon 780M (gfx1103_r1, LLVM 16.0.6, DRM 3.54, 6.5.0-21-generic)").orElseThrow().family())
                .startsWith("Phoenix");
        assertThat(catalog.resolve("AMD Radeon Graphics (gfx1100, LLVM 15.0.7, DRM 3.54)").orElseThrow().family()).isEqualTo("Navi 31");
    }

    @Test
    void intelArcCardsAreDisplayDevices() {
        GpuMatch arc = catalog.resolve("Intel(R) Arc(tm) A770 Graphics (DG2)").orElseThrow();
        assertThat(arc.vendor()).isEqualTo("Intel");
        assertThat(arc.model()).contains("Arc A770");
        assertThat(arc.precision()).isEqualTo(GpuCatalog.Precision.MODEL);
    }

    @Test
    void vagueNamesKeepWhatAllCandidatesShare() {
        assertThat(catalog.resolve("Radeon RX Vega").orElseThrow().model()).contains("Radeon RX Vega");
        assertThat(catalog.resolve("NVIDIA GeForce GTX 1060 with Max-Q Design").orElseThrow().model()).contains("GeForce GTX 1060");
        assertThat(catalog.resolve("AMD RX 5700XT 8GB").orElseThrow().model()).contains("Radeon RX 5700 XT");
    }

    @Test
    void aMarketingNameOnSeveralChipsResolvesToItsHomeChipNotToWhicheverPciIdsListsFirst() {
        // pci.ids lists GP104 [GeForce GTX 1060 6GB] (a rare variant) before GP106, which has every GTX 1060.
        assertThat(catalog.resolve("NVIDIA GeForce GTX 1060 6GB/PCIe/SSE2").orElseThrow().family()).isEqualTo("GP106");
        assertThat(catalog.resolve("NVIDIA GeForce GTX 1060").orElseThrow().family()).isEqualTo("GP106");
        // TU106 [GeForce GTX 1660 SUPER] is listed before TU116, the 16-series chip.
        assertThat(catalog.resolve("NVIDIA GeForce GTX 1660 SUPER/PCIe/SSE2").orElseThrow().family()).isEqualTo("TU116");
        // A bare model name means the desktop part, not a laptop chip of the same name.
        assertThat(catalog.resolve("GeForce GTX 1050 Ti").orElseThrow().family()).isEqualTo("GP107");
    }

    @Test
    void softwareRenderersAndNonGpuTextStayUnresolved() {
        assertThat(catalog.resolve("VMware, Inc. llvmpipe (LLVM 9.0.1, 256 bits)")).isEmpty();
        assertThat(catalog.resolve("Ubuntu 19.04 (64 bits)")).isEmpty();
    }

    @Test
    void slashListsBorrowTheWordsBeforeTheModelNumber() {
        assertThat(GpuCatalog.expand("Radeon RX 5600 OEM/5600 XT / 5700/5700 XT"))
                .containsExactly("Radeon RX 5600 OEM", "Radeon RX 5600 XT", "Radeon RX 5700", "Radeon RX 5700 XT");
        assertThat(GpuCatalog.expand("Radeon HD 7970/8970 OEM / R9 280X"))
                .containsExactly("Radeon HD 7970", "Radeon HD 8970 OEM", "Radeon R9 280X");
    }

    @Test
    void parsesVendorsDevicesSubsystemsAndClasses() throws Exception {
        String text = """
                # comment
                10de  NVIDIA Corporation
                \t1b81  GP104 [GeForce GTX 1070]
                \t\t1043 8598  ROG STRIX GTX 1070
                C 03  Display controller
                \t00  VGA compatible controller
                \t\t00  VGA controller
                """;
        PciIds ids = PciIds.parse(new BufferedReader(new StringReader(text)));
        assertThat(ids.vendor(0x10de).orElseThrow().name()).isEqualTo("NVIDIA Corporation");
        assertThat(ids.device(0x10de, 0x1b81).orElseThrow().family()).isEqualTo("GP104");
        assertThat(ids.subsystems(0x10de, 0x1b81)).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("ROG STRIX GTX 1070"));
        assertThat(ids.deviceClass(3).orElseThrow().subclasses()).containsEntry(0, "VGA compatible controller");
        assertThat(PciIds.bundled().vendorCount()).isGreaterThan(2000);
    }
}
