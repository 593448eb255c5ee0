package io.peergraph.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.seeds.pci.GpuCatalog;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every input string here is real, from the ProtonDB dumps (see test resources' ATTRIBUTION.md). */
class NormalisersTest {

    private static Map<String, String> byKind(List<NormalisedItem> items) {
        return items.stream().collect(Collectors.toMap(NormalisedItem::kind, NormalisedItem::value));
    }

    @Test
    void gpuResolvesToVendorFamilyAndModelAndKeepsTheRawString() {
        GpuNormaliser gpus = new GpuNormaliser(GpuCatalog.bundled());
        GpuNormaliser.Gpu gpu = gpus.normalise("X.Org Radeon RX 580 Series (POLARIS10, DRM 3.35.0, 5.4.0-7626-generic, LLVM 9.0.0)");
        assertThat(gpu.resolved()).isTrue();
        assertThat(byKind(gpu.items())).containsEntry("gpu_vendor", "AMD").containsEntry("gpu_family", "AMD Ellesmere")
                .containsEntry("gpu", "AMD Radeon RX 580");
        assertThat(gpu.items()).allSatisfy(i -> assertThat(i.raw()).startsWith("X.Org Radeon RX 580 Series"));
        assertThat(byKind(gpus.normalise("NVIDIA GeForce GTX 1070/PCIe/SSE2").items())).containsEntry("gpu", "NVIDIA GeForce GTX 1070");
        assertThat(byKind(gpus.normalise("AMD NAVI10").items())).containsEntry("gpu", "AMD Navi 10");
        // The Steam Deck, as later reports give it.
        assertThat(byKind(gpus.normalise("AMD Custom GPU 0405 (vangogh, LLVM 15.0.7, DRM 3.54, 6.1.52-valve16-1-neptune-61)").items()))
                .containsEntry("gpu_family", "AMD VanGogh").containsEntry("gpu", "AMD Custom GPU 0405");
    }

    @Test
    void unresolvedGpuIsKeptAsCleanedText() {
        GpuNormaliser.Gpu gpu = new GpuNormaliser(GpuCatalog.bundled()).normalise("VMware, Inc. llvmpipe (LLVM 9.0.1, 256 bits)");
        assertThat(gpu.resolved()).isFalse();
        assertThat(byKind(gpu.items())).containsOnlyKeys("gpu");
    }

    @Test
    void driverKeepsVendorAndTheVersionThatMatters() {
        DriverNormaliser drivers = new DriverNormaliser();
        assertThat(drivers.normalise("4.5 Mesa 19.2.8").getFirst().value()).isEqualTo("mesa 19.2");
        assertThat(drivers.normalise("4.6 Mesa 20.0.4").getFirst().value()).isEqualTo("mesa 20.0");
        assertThat(drivers.normalise("4.5 (Compatibility Profile) Mesa 18.3.0-devel (git-21ca322e63)").getFirst().value()).isEqualTo("mesa 18.3");
        assertThat(drivers.normalise("NVIDIA 440.64").getFirst().value()).isEqualTo("nvidia 440");
        assertThat(drivers.normalise("4.6.0 NVIDIA 390.87").getFirst().value()).isEqualTo("nvidia 390");
        assertThat(drivers.normalise("Nvidia-Driver-435").getFirst().value()).isEqualTo("nvidia 435");
        assertThat(drivers.normalise("440.48.02").getFirst().value()).isEqualTo("nvidia 440");
        // A version and the branch alone are one item (whose family concept is "nvidia 440": the version-major rule).
        assertThat(drivers.normalise("NVIDIA 440.100").getFirst().value()).isEqualTo("nvidia 440");
        assertThat(drivers.normalise("nvidia 440").getFirst().value()).isEqualTo("nvidia 440");
        assertThat(drivers.normalise("4.6.13572 Compatibility Profile Context 5.0.73").getFirst().value()).isEqualTo("amdgpu-pro");
    }

    @Test
    void kernelIsMajorDotMinor() {
        KernelNormaliser kernels = new KernelNormaliser();
        assertThat(kernels.normalise("5.3.0-40-generic").getFirst().value()).isEqualTo("5.3");
        assertThat(kernels.normalise("4.19.80-1-MANJARO").getFirst().value()).isEqualTo("4.19");
        assertThat(kernels.normalise("5.4.0-050400rc8-generic").getFirst().value()).isEqualTo("5.4");
        // The three ways of writing one series are one item, as the version-series rule makes them one family.
        for (String kernel : java.util.List.of("5.4.0-42-generic", "5.4", "Linux 5.4")) {
            assertThat(kernels.normalise(kernel).getFirst().value()).as(kernel).isEqualTo("5.4");
        }
        assertThat(kernels.fromOs("Arch Linux 64-bit (Kernel 4.17.14) ").orElseThrow().value()).isEqualTo("4.17");
        assertThat(kernels.fromOs("Kubuntu 18.04 (4.15.0.33-generic)").orElseThrow().value()).isEqualTo("4.15");
    }

    @Test
    void osIsDistributionAndRelease() {
        OsNormaliser os = new OsNormaliser();
        assertThat(byKind(os.normalise("Ubuntu 18.04.3 LTS"))).containsEntry("os", "Ubuntu 18.04").containsEntry("distribution", "Ubuntu");
        assertThat(byKind(os.normalise("Manjaro Linux (64\u00a0bits)"))).containsEntry("os", "Manjaro");
        assertThat(byKind(os.normalise("Pop!_OS 19.10"))).containsEntry("os", "Pop!_OS 19.10");
        assertThat(byKind(os.normalise("Linux Mint 19.3 Tricia (64 бит)"))).containsEntry("os", "Linux Mint 19.3");
        assertThat(byKind(os.normalise("Debian GNU/Linux 10 (buster)"))).containsEntry("os", "Debian 10");
        assertThat(byKind(os.normalise("Debian GNU/Linux bullseye/sid"))).containsEntry("os", "Debian bullseye");
        assertThat(byKind(os.normalise("Fedora release 31 (Thirty One)"))).containsEntry("os", "Fedora 31");
        assertThat(byKind(os.normalise("Arch Linux（64 ビット）"))).containsEntry("os", "Arch Linux");
        assertThat(byKind(os.normalise("openSUSE Tumbleweed"))).containsEntry("os", "openSUSE Tumbleweed");
        assertThat(byKind(os.normalise("KDE neon User Edition 5.18"))).containsEntry("os", "KDE neon 5.18");
        assertThat(os.normalise("Unknown")).isEmpty();
    }

    @Test
    void cpuIsVendorFamilyAndModel() {
        CpuNormaliser cpus = new CpuNormaliser();
        assertThat(byKind(cpus.normalise("AMD Ryzen 7 2700X Eight-Core"))).containsEntry("cpu_vendor", "AMD")
                .containsEntry("cpu_family", "AMD Ryzen 7").containsEntry("cpu", "AMD Ryzen 7 2700X");
        assertThat(byKind(cpus.normalise("Intel Core i7-6700K @ 4.00GHz"))).containsEntry("cpu_family", "Intel Core i7")
                .containsEntry("cpu", "Intel Core i7-6700K");
        assertThat(byKind(cpus.normalise("AMD FX-8350 Eight-Core"))).containsEntry("cpu_family", "AMD FX");
        assertThat(byKind(cpus.normalise("Intel Core2 Quad    Q9550  @ 2.83GHz"))).containsEntry("cpu_family", "Intel Core 2 Quad");
        assertThat(byKind(cpus.normalise("AMD A10-7850K Radeon R7, 12 Compute Cores 4C+8G"))).containsEntry("cpu_family", "AMD A-Series");
        assertThat(byKind(cpus.normalise("i5-4690K CPU @ 3.50GHz"))).containsEntry("cpu_vendor", "Intel").containsEntry("cpu_family", "Intel Core i5");
    }

    @Test
    void ramIsBucketed() {
        RamNormaliser ram = new RamNormaliser();
        assertThat(ram.normalise("16 GB").getFirst().value()).isEqualTo("16 GB");
        assertThat(ram.normalise("15 GB").getFirst().value()).isEqualTo("16 GB");
        assertThat(ram.normalise("15993 Mb").getFirst().value()).isEqualTo("16 GB");
        assertThat(ram.normalise("24 GB").getFirst().value()).isEqualTo("32 GB");
        assertThat(ram.normalise("262 GB").getFirst().value()).isEqualTo("more than 128 GB");
        assertThat(ram.normalise("Realtek ALC285")).isEmpty();
    }

    @Test
    void legacySpecsAreSplitIntoCpuAndGpu() {
        SystemNormaliser systems = new SystemNormaliser(GpuCatalog.bundled());
        var profile = systems.normalise(new SystemInfo(null, null, "NVIDIA 390.48", null, "Ubuntu 18.04.1 LTS 64bit", null,
                "i5-4690 @ 3.50Ghz / GeForce GTX 960"));
        assertThat(profile.gpuResolved()).isTrue();
        assertThat(byKind(profile.items())).containsEntry("gpu", "NVIDIA GeForce GTX 960").containsEntry("cpu_family", "Intel Core i5")
                .containsEntry("driver", "nvidia 390").containsEntry("os", "Ubuntu 18.04");
    }
}
