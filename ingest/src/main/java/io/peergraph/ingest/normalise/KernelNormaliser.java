package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kernel strings → {@code kernel} major.minor: "5.3.0-40-generic" → "5.3", "4.19.80-1-MANJARO" → "4.19". */
public final class KernelNormaliser {

    private static final Pattern VERSION = Pattern.compile("(?<![\\d.])([2-9])\\.(\\d{1,2})(?=[.\\-_+ )]|$)");
    /** Legacy reports often put the kernel into the OS field: "Arch Linux 64-bit (Kernel 4.17.14)". */
    private static final Pattern IN_OS = Pattern.compile("(?i)(?:kernel|kernal)\\s*([2-9])\\.(\\d{1,2})|\\(([2-9])\\.(\\d{1,2})\\.\\d+[.-]");

    public List<NormalisedItem> normalise(String raw) {
        String line = Text.line(raw);
        if (line == null) {
            return List.of();
        }
        Matcher m = VERSION.matcher(line);
        return m.find() ? List.of(new NormalisedItem("kernel", m.group(1) + "." + m.group(2), raw)) : List.of();
    }

    /** The kernel named inside an OS string, if any. */
    public Optional<NormalisedItem> fromOs(String rawOs) {
        String line = Text.line(rawOs);
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = IN_OS.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        String version = m.group(1) != null ? m.group(1) + "." + m.group(2) : m.group(3) + "." + m.group(4);
        return Optional.of(new NormalisedItem("kernel", version, rawOs));
    }
}
