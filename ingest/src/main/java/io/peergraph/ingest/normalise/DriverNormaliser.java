package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graphics driver strings → {@code driver}: vendor and the version that matters for compatibility, i.e.
 * "4.5 Mesa 19.2.8" → "mesa 19.2" and "NVIDIA 440.64" → "nvidia 440" (NVIDIA's branch is its major
 * number). The OpenGL version that Mesa prints first is dropped.
 */
public final class DriverNormaliser {

    private static final Pattern MESA = Pattern.compile("(?i)\\bmesa\\s+(\\d+)\\.(\\d+)");
    private static final Pattern NVIDIA = Pattern.compile("(?i)\\bnvidia(?:[\\s-]+driver)?[\\s-]+(\\d{3})(?:\\.\\d+)*");
    private static final Pattern BARE_NVIDIA_VERSION = Pattern.compile("^(\\d{3})\\.\\d{2,3}(?:\\.\\d+)?(?:-\\d+)?$");
    private static final Pattern AMDGPU_PRO = Pattern.compile("(?i)amdgpu-pro|compatibility profile context");

    public List<NormalisedItem> normalise(String raw) {
        String line = Text.line(raw);
        if (line == null || line.isEmpty()) {
            return List.of();
        }
        Matcher m;
        String value;
        if ((m = MESA.matcher(line)).find()) {
            value = "mesa " + m.group(1) + "." + m.group(2);
        } else if ((m = NVIDIA.matcher(line)).find() || (m = BARE_NVIDIA_VERSION.matcher(line)).find()) {
            value = "nvidia " + m.group(1);
        } else if (AMDGPU_PRO.matcher(line).find()) {
            value = "amdgpu-pro";
        } else {
            value = Values.cap(line.toLowerCase(Locale.ROOT));
        }
        return List.of(new NormalisedItem("driver", value, raw));
    }
}
