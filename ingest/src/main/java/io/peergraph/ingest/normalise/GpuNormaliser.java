package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import io.peergraph.seeds.pci.GpuCatalog;
import io.peergraph.seeds.pci.GpuCatalog.GpuMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GPU strings → {@code gpu_vendor} ("AMD"), {@code gpu_family} ("AMD Ellesmere") and {@code gpu}
 * ("AMD Radeon RX 580"), resolved against pci.ids. Where only the chip family is known ("AMD NAVI10"),
 * {@code gpu} is the family; an unresolved string is kept as {@code gpu} in its cleaned form so that
 * identical strings still meet.
 */
public final class GpuNormaliser {

    private final GpuCatalog catalog;

    public GpuNormaliser(GpuCatalog catalog) {
        this.catalog = catalog;
    }

    /** The items, and whether the string resolved to a pci.ids model or family. */
    public record Gpu(List<NormalisedItem> items, boolean resolved) {}

    public Gpu normalise(String raw) {
        String line = Text.line(raw);
        if (line == null || line.isEmpty()) {
            return new Gpu(List.of(), false);
        }
        Optional<GpuMatch> match = catalog.resolve(line);
        if (match.isEmpty()) {
            return new Gpu(List.of(new NormalisedItem("gpu", Values.cap(line), raw)), false);
        }
        GpuMatch m = match.get();
        String family = m.vendor() + " " + m.family();
        List<NormalisedItem> items = new ArrayList<>();
        items.add(new NormalisedItem("gpu_vendor", m.vendor(), raw));
        items.add(new NormalisedItem("gpu_family", family, raw));
        // pci.ids names the Steam Deck's GPU "AMD Custom GPU 0405": the vendor once, not "AMD AMD ...".
        items.add(new NormalisedItem("gpu", m.model().map(model -> model.startsWith(m.vendor() + " ") ? model : m.vendor() + " " + model)
                .orElse(family), raw));
        return new Gpu(items, true);
    }
}
