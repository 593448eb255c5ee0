package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU strings → {@code cpu_vendor} ("AMD"), {@code cpu_family} ("AMD Ryzen 7", "Intel Core i5") and
 * {@code cpu} (the model without clock speed and core count: "AMD Ryzen 7 2700X", "Intel Core i5-6600K").
 */
public final class CpuNormaliser {

    private static final Pattern FAMILY = Pattern.compile("(?i)\\b(ryzen\\s+threadripper|ryzen\\s*[3579]|threadripper"
            + "|core\\s*i[3579]|core\\s*2\\s*(?:duo|quad)|core2\\s*(?:duo|quad)|core\\s*m[357]?|xeon|pentium|celeron|atom"
            + "|athlon(?:\\s+ii)?|phenom(?:\\s+ii)?|fx|a\\d{1,2}(?=-\\d)|e\\d(?=-\\d)|epyc|i[3579](?=[- ]\\d))");
    private static final Pattern NOISE = Pattern.compile("(?i)\\s*@.*$|\\b(\\d+|dual|quad|six|eight|twelve|sixteen|\\w+)-core\\b"
            + "|\\bprocessor\\b|\\bcpu\\b|\\(r\\)|\\(tm\\)|\\bapu with.*$|\\bwith radeon.*$|,.*$");

    private static final Pattern AMD_MODEL = Pattern.compile("\\b(ryzen|athlon|phenom|fx|threadripper|epyc)\\b");
    private static final Pattern INTEL_MODEL = Pattern.compile("\\b(core|xeon|pentium|celeron|atom|i[3579])\\b");

    public List<NormalisedItem> normalise(String raw) {
        String line = Text.line(raw);
        if (line == null || line.isEmpty() || line.equalsIgnoreCase("unknown")) {
            return List.of();
        }
        String model = NOISE.matcher(line).replaceAll(" ").replaceAll("\\s+", " ").strip();
        Matcher family = FAMILY.matcher(model);
        String vendor = vendor(line);
        List<NormalisedItem> items = new ArrayList<>();
        if (vendor != null) {
            items.add(new NormalisedItem("cpu_vendor", vendor, raw));
            if (family.find()) {
                items.add(new NormalisedItem("cpu_family", vendor + " " + familyName(family.group(1)), raw));
            }
            if (!model.regionMatches(true, 0, vendor, 0, vendor.length())) {
                model = vendor + " " + model;
            }
        }
        items.add(new NormalisedItem("cpu", Values.cap(model), raw));
        return items;
    }

    private static String vendor(String line) {
        // Brand names first: "Eight-Core" in an AMD name must not read as Intel's "Core".
        String l = line.toLowerCase();
        if (l.contains("amd") || AMD_MODEL.matcher(l).find()) {
            return "AMD";
        }
        if (l.contains("intel") || INTEL_MODEL.matcher(l).find()) {
            return "Intel";
        }
        return null;
    }

    /** "core  i7" → "Core i7", "ryzen 7" → "Ryzen 7", "A10" → "A-Series". */
    private static String familyName(String found) {
        String f = found.replaceAll("\\s+", " ").toLowerCase();
        if (f.matches("i[3579]")) {
            return "Core " + f;
        }
        if (f.matches("a\\d{1,2}|e\\d")) {
            return "A-Series";
        }
        f = f.replace("core2", "core 2").replaceAll("core (i\\d)", "core $1").replaceAll("corei", "core i");
        StringBuilder out = new StringBuilder();
        for (String word : f.split(" ")) {
            out.append(out.isEmpty() ? "" : " ").append(word.matches("i\\d|m\\d?") ? word
                    : word.equals("fx") || word.equals("ii") ? word.toUpperCase() : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }
}
