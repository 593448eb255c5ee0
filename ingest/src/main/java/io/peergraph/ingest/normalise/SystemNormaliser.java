package io.peergraph.ingest.normalise;

import io.peergraph.seeds.pci.GpuCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Normalises a whole {@link SystemInfo} into configuration items (one per key; the first raw string wins). */
public final class SystemNormaliser {

    private static final Pattern CPU_HINT = Pattern.compile(
            "(?i)\\bi[3579][- ]?\\d|ryzen|\\bfx-?\\d|xeon|pentium|celeron|athlon|phenom|core ?2|threadripper|ghz|\\bcpu\\b");

    private final GpuCatalog catalog;
    private final Memo<GpuNormaliser.Gpu> gpu;
    private final Memo<List<NormalisedItem>> driver = new Memo<>(new DriverNormaliser()::normalise);
    private final KernelNormaliser kernels = new KernelNormaliser();
    private final Memo<List<NormalisedItem>> kernel = new Memo<>(kernels::normalise);
    private final Memo<List<NormalisedItem>> os = new Memo<>(new OsNormaliser()::normalise);
    private final Memo<List<NormalisedItem>> cpu = new Memo<>(new CpuNormaliser()::normalise);
    private final Memo<List<NormalisedItem>> ram = new Memo<>(new RamNormaliser()::normalise);

    public SystemNormaliser(GpuCatalog catalog) {
        this.catalog = catalog;
        this.gpu = new Memo<>(new GpuNormaliser(catalog)::normalise);
    }

    /** The items, and how the GPU string fared (for the resolution rate the importer prints). */
    public record Profile(List<NormalisedItem> items, boolean hasGpu, boolean gpuResolved) {}

    public Profile normalise(SystemInfo s) {
        String cpuText = s.cpu();
        String gpuText = s.gpu();
        if (s.specs() != null && (cpuText == null || gpuText == null)) {
            for (String rawPart : s.specs().split("[/,+|]| and ")) {
                String part = rawPart.strip();
                if (CPU_HINT.matcher(part).find()) {
                    cpuText = cpuText == null ? part : cpuText;
                } else if (catalog.vendorOf(part).isPresent()) {
                    gpuText = gpuText == null ? part : gpuText;
                }
            }
        }
        Map<String, NormalisedItem> items = new LinkedHashMap<>();
        GpuNormaliser.Gpu g = gpu.apply(gpuText);
        add(items, g.items());
        add(items, driver.apply(s.gpuDriver()));
        List<NormalisedItem> k = kernel.apply(s.kernel());
        add(items, k.isEmpty() && s.os() != null ? kernels.fromOs(s.os()).stream().toList() : k);
        add(items, os.apply(s.os()));
        add(items, cpu.apply(cpuText));
        add(items, ram.apply(s.ram()));
        boolean hasGpu = gpuText != null && !gpuText.isBlank();
        return new Profile(new ArrayList<>(items.values()), hasGpu, g.resolved());
    }

    private static void add(Map<String, NormalisedItem> items, List<NormalisedItem> more) {
        for (NormalisedItem item : more) {
            items.putIfAbsent(item.key(), item);
        }
    }
}
