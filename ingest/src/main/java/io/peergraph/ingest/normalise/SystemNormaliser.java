package io.peergraph.ingest.normalise;

import io.peergraph.seeds.pci.GpuCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one normalisation of configuration strings: a whole {@link SystemInfo} as an import reads it
 * ({@link #normalise(SystemInfo)}), or one item as a person types it through the API
 * ({@link #normalise(String, String)}). Both go through the same per-kind normalisers, so typed and imported
 * values meet on the same {@code ConfigItem}.
 */
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

    /** The kinds with a normaliser; other kinds are kept as typed (folded only by {@code ConfigItemValue}). */
    public static final java.util.Set<String> KINDS = java.util.Set.of("gpu", "driver", "kernel", "os", "cpu", "ram");

    /**
     * One item as typed, e.g. {@code gpu: Radeon RX 580} → {@code gpu_vendor: AMD}, {@code gpu_family: AMD Ellesmere},
     * {@code gpu: AMD Radeon RX 580}; {@code kernel: 5.4.0-42-generic} → {@code kernel: 5.4}. Empty when the kind has
     * no normaliser or the normaliser recognises nothing (the caller keeps the value as typed).
     */
    public List<NormalisedItem> normalise(String kind, String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return switch (kind) {
            case "gpu" -> gpu.apply(raw).items();
            case "driver" -> driver.apply(raw);
            case "kernel" -> {
                List<NormalisedItem> k = kernel.apply(raw);
                yield k.isEmpty() ? kernels.fromOs(raw).stream().toList() : k;
            }
            case "os" -> os.apply(raw);
            case "cpu" -> cpu.apply(raw);
            case "ram" -> ram.apply(raw);
            default -> List.of();
        };
    }

    private static void add(Map<String, NormalisedItem> items, List<NormalisedItem> more) {
        for (NormalisedItem item : more) {
            items.putIfAbsent(item.key(), item);
        }
    }
}
