package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAM strings ("16 GB", "15993 Mb") → {@code ram} bucket: the smallest of 2, 4, 8, 16, 32, 64, 128 GB that
 * holds it (systems report a little less than what is installed: 15 GB is a 16 GB machine), or "more than 128 GB".
 */
public final class RamNormaliser {

    private static final Pattern AMOUNT = Pattern.compile("(?i)^\\s*(\\d+(?:[.,]\\d+)?)\\s*(gb|gib|g|mb|mib|m)\\b");

    public List<NormalisedItem> normalise(String raw) {
        String line = Text.line(raw);
        if (line == null) {
            return List.of();
        }
        Matcher m = AMOUNT.matcher(line);
        if (!m.find()) {
            return List.of();
        }
        double gb = Double.parseDouble(m.group(1).replace(',', '.'));
        if (m.group(2).toLowerCase().startsWith("m")) {
            gb /= 1024;
        }
        if (gb <= 0) {
            return List.of();
        }
        return List.of(new NormalisedItem("ram", bucket(gb), raw));
    }

    static String bucket(double gb) {
        for (int size = 2; size <= 128; size *= 2) {
            if (gb <= size) {
                return size + " GB";
            }
        }
        return "more than 128 GB";
    }
}
