package io.peergraph.seeds.pci;

import io.peergraph.seeds.pci.PciIds.Device;
import io.peergraph.seeds.pci.PciIds.Vendor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves free-text GPU names, as drivers and users report them ("NVIDIA GeForce GTX 1070/PCIe/SSE2",
 * "AMD Radeon RX 580 Series (POLARIS10, DRM 3.35.0, ...)", "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",
 * "AMD NAVI10"), to a pci.ids vendor and device, or at least to a device family.
 *
 * <p>First the marketing name is matched token by token against the bracketed names of the vendor's
 * display devices (with slash lists such as "RX 470/480/570" expanded); failing that, a chip code name
 * (Mesa's "POLARIS10", "KBL", "Haswell") is looked up among the families.
 */
public final class GpuCatalog {

    public static final int NVIDIA = 0x10de;
    public static final int AMD = 0x1002;
    public static final int INTEL = 0x8086;

    /** How specific a match is: a marketing model, or only the chip family. */
    public enum Precision { MODEL, FAMILY }

    /**
     * A resolved GPU. {@code model} is the marketing name ("GeForce GTX 1070"), absent when only the family
     * is known; {@code device} is the pci.ids entry the match rests on.
     */
    public record GpuMatch(String vendor, Device device, Optional<String> model, String family, Precision precision) {}

    private static final Map<Integer, String> VENDOR_NAMES = Map.of(NVIDIA, "NVIDIA", AMD, "AMD", INTEL, "Intel");

    private static final Pattern VENDOR_HINT = Pattern.compile(
            "\\b(?<nvidia>nvidia|geforce|quadro|titan|nouveau|gtx|rtx|nvs)\\b"
                    + "|\\b(?<amd>amd|ati|radeon|firepro|rx\\s?\\d{3,4}|vega|navi)"
                    + "|\\b(?<intel>intel|iris|uhd|hd\\s?\\d{3,4}|haswell|ivybridge|sandybridge|gm45)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Words that carry no model information (brands are detected separately). */
    private static final Set<String> NOISE = Set.of("nvidia", "geforce", "amd", "ati", "radeon", "intel", "graphics",
            "series", "corporation", "technologies", "inc", "mesa", "gallium", "on", "with", "dri", "opengl",
            "pcie", "sse", "sse2", "mmx", "x86", "tm", "r", "the", "open", "source", "technology", "center", "and");

    /** Extra words that make a candidate less likely to be what a bare model name means. */
    private static final Set<String> UNLIKELY = Set.of("mobile", "pro", "oem", "engineering", "sample", "gl",
            "embedded", "max", "q", "m", "boost", "rev", "lhr", "ti");

    private static final Set<String> BRANDS = Set.of("Radeon", "GeForce", "Quadro", "FirePro", "Instinct", "TITAN");

    private static final Set<String> TIER_WORDS = Set.of("xt", "xtx", "pro", "le", "gl", "xl", "ce", "xt2", "xtl",
            "pro2", "lp", "lite", "gt", "xe", "se", "s");

    private static final Pattern NOT_A_GPU = Pattern.compile(
            "audio|usb|bridge|\\bport\\b|switch|iommu|root complex|dummy|thermal|dram|crypt|smbus|ethernet|sata|"
                    + "serial|i2c|spi|uart|ahci|lpc|sensor|memory controller|host|nvme|dma|fabric|gpio|camera|"
                    + "\\bisp\\b|wireless|network|pcie|pci express|upstream|downstream|function|southbridge|platform",
            Pattern.CASE_INSENSITIVE);

    /** Intel display devices: "[UHD Graphics 620]", "Iris", "GMA", "GT2", and the discrete Arc cards ("DG2 [Arc A770]"). */
    private static final Pattern INTEL_GPU = Pattern.compile("graphics|iris|\\bgma\\b|\\bgt\\d|\\barc\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Chip code names as Mesa and users write them, mapped to a fragment of the pci.ids name (lower case,
     * letters and digits only) where pci.ids spells the chip differently.
     */
    private static final Map<String, String> CODE_NAMES = Map.ofEntries(
            Map.entry("polaris10", "ellesmere"), Map.entry("polaris11", "baffin"), Map.entry("polaris12", "lexa"),
            Map.entry("polaris20", "polaris20"), Map.entry("vegam", "polaris22"), Map.entry("raven", "ravenridge"),
            Map.entry("raven2", "raven2"), Map.entry("picasso", "picasso"), Map.entry("renoir", "renoir"),
            Map.entry("verde", "capeverde"), Map.entry("iceland", "topaz"), Map.entry("aruba", "trinity"),
            Map.entry("vega10", "vega10"), Map.entry("vega12", "vega12"), Map.entry("vega20", "vega20"),
            Map.entry("navi10", "navi10"), Map.entry("navi14", "navi14"), Map.entry("navi12", "navi12"),
            Map.entry("sandybridge", "2ndgenerationcoreprocessorfamilyintegratedgraphics"),
            Map.entry("snb", "2ndgenerationcoreprocessorfamilyintegratedgraphics"),
            Map.entry("ivybridge", "3rdgencoreprocessorgraphics"), Map.entry("ivb", "3rdgencoreprocessorgraphics"),
            Map.entry("haswell", "haswell"), Map.entry("hsw", "haswell"), Map.entry("crystalwell", "crystalwell"),
            Map.entry("broadwell", "broadwell"), Map.entry("bdw", "broadwell"),
            Map.entry("skylake", "skylake"), Map.entry("skl", "skylake"),
            Map.entry("kabylake", "kabylake"), Map.entry("kbl", "kabylake"),
            Map.entry("coffeelake", "coffeelake"), Map.entry("cfl", "coffeelake"),
            Map.entry("whiskeylake", "whiskeylake"), Map.entry("whl", "whiskeylake"),
            Map.entry("cometlake", "cometlake"), Map.entry("cml", "cometlake"),
            Map.entry("icelake", "icelake"), Map.entry("icl", "icelake"),
            Map.entry("geminilake", "geminilake"), Map.entry("glk", "geminilake"),
            Map.entry("baytrail", "atomprocessorz36xxxz37xxx"), Map.entry("byt", "atomprocessorz36xxxz37xxx"),
            Map.entry("cherrytrail", "x5e8000"), Map.entry("cherryview", "x5e8000"), Map.entry("braswell", "x5e8000"),
            Map.entry("broxton", "broxton"), Map.entry("bxt", "broxton"), Map.entry("apollolake", "broxton"),
            Map.entry("ironlake", "coreprocessorintegratedgraphicscontroller"),
            Map.entry("ilk", "coreprocessorintegratedgraphicscontroller"),
            Map.entry("gm45", "mobile4serieschipsetintegratedgraphics"),
            Map.entry("ctg", "mobile4serieschipsetintegratedgraphics"),
            // Later Intel chips, as Mesa abbreviates them ("Mesa Intel(R) Graphics (ADL GT2)", "(RPL-P)", "(TGL GT2)").
            Map.entry("tgl", "tigerlake"), Map.entry("tigerlake", "tigerlake"), Map.entry("jsl", "jasperlake"),
            Map.entry("ehl", "elkhartlake"), Map.entry("adl", "alderlake"), Map.entry("alderlake", "alderlake"),
            Map.entry("rpl", "raptorlake"), Map.entry("raptorlake", "raptorlake"), Map.entry("mtl", "meteorlake"),
            Map.entry("dg1", "dg1"), Map.entry("dg2", "dg2"),
            // AMD's shader ISA names, which Mesa prints for RDNA chips ("AMD Radeon 780M (gfx1103_r1, LLVM ...)").
            Map.entry("gfx1010", "navi10"), Map.entry("gfx1011", "navi12"), Map.entry("gfx1012", "navi14"),
            Map.entry("gfx1030", "navi21"), Map.entry("gfx1031", "navi22"), Map.entry("gfx1032", "navi23"),
            Map.entry("gfx1033", "vangogh"), Map.entry("gfx1034", "navi24"), Map.entry("gfx1035", "rembrandt"),
            Map.entry("gfx1036", "raphael"), Map.entry("gfx1037", "mendocino"), Map.entry("gfx1100", "navi31"),
            Map.entry("gfx1101", "navi32"), Map.entry("gfx1102", "navi33"), Map.entry("gfx1103", "phoenix"),
            Map.entry("gfx90c", "renoir"), Map.entry("gfx900", "vega10"), Map.entry("gfx906", "vega20"));

    /** A marketing name of a device, split into comparable tokens. */
    private record Candidate(Device device, String name, List<String> tokens, Set<String> tokenSet) {}

    private final PciIds ids;
    private final Map<Integer, List<Candidate>> candidatesByVendor;
    private final Map<Integer, List<Device>> gpusByVendor;

    private GpuCatalog(PciIds ids) {
        this.ids = ids;
        this.gpusByVendor = Map.of(NVIDIA, gpus(ids, NVIDIA), AMD, gpus(ids, AMD), INTEL, gpus(ids, INTEL));
        this.candidatesByVendor = Map.of(NVIDIA, candidates(gpusByVendor.get(NVIDIA)),
                AMD, candidates(gpusByVendor.get(AMD)), INTEL, candidates(gpusByVendor.get(INTEL)));
    }

    public static GpuCatalog of(PciIds ids) {
        return new GpuCatalog(ids);
    }

    /** The catalog over the bundled pci.ids. */
    public static GpuCatalog bundled() {
        return Holder.BUNDLED;
    }

    private static final class Holder {
        static final GpuCatalog BUNDLED = of(PciIds.bundled());
    }

    /** The GPU vendor a free-text name points to, by its first brand word or typical model prefix. */
    public Optional<Vendor> vendorOf(String text) {
        Matcher m = VENDOR_HINT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int id = m.group("nvidia") != null ? NVIDIA : m.group("amd") != null ? AMD : INTEL;
        return ids.vendor(id);
    }

    /** Resolves a free-text GPU name; empty when neither a model nor a family can be recognised. */
    public Optional<GpuMatch> resolve(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Vendor> vendor = vendorOf(text);
        if (vendor.isEmpty()) {
            return Optional.empty();
        }
        int vendorId = vendor.get().id();
        String cleaned = text.replaceAll("(?i)x\\.org|\\(r\\)|\\(tm\\)|with max-q design|max-q", " ");
        String main = cleaned.replaceAll("\\([^)]*\\)?", " ");
        return matchModel(vendorId, main)
                .or(() -> matchModel(vendorId, parenthesised(cleaned)))
                .or(() -> matchCodeName(vendorId, cleaned))
                .or(() -> matchSeries(vendorId, main));
    }

    private Optional<GpuMatch> matchModel(int vendorId, String text) {
        List<String> query = tokens(text);
        if (query.isEmpty() || query.stream().noneMatch(GpuCatalog::isModelToken)) {
            return Optional.empty();
        }
        Set<String> querySet = new HashSet<>(query);
        Candidate best = null;
        double bestCost = Double.MAX_VALUE;
        List<Candidate> tied = new ArrayList<>();
        List<Candidate> broader = new ArrayList<>();
        for (Candidate c : candidatesByVendor.get(vendorId)) {
            Set<String> cand = c.tokenSet();
            double cost;
            if (cand.containsAll(querySet)) {
                // The user wrote less than the catalog name ("GTX 1060" vs "GTX 1060 6GB").
                cost = extraCost(c.tokens(), querySet);
                broader.add(c);
            } else if (querySet.containsAll(cand) && c.tokens().stream().anyMatch(GpuCatalog::isModelToken)) {
                // The user wrote more ("RX 5700 XT 50th Anniversary"): extra words cost a little more.
                cost = 0.5 + query.stream().filter(t -> !cand.contains(t)).count() * 1.1;
            } else {
                continue;
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
                tied.clear();
                tied.add(c);
            } else if (cost == bestCost) {
                tied.add(c);
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        best = mostLikely(vendorId, tied, query);
        String model = bestCost == 0 || broader.isEmpty() ? best.name() : commonModel(broader, querySet, best.name());
        return Optional.of(new GpuMatch(VENDOR_NAMES.get(vendorId), best.device(), Optional.of(model),
                familyOf(best.device()), Precision.MODEL));
    }

    /**
     * Several pci.ids devices can carry the same marketing name: "GeForce GTX 1060 6GB" is GP106 and, rarely,
     * GP104; "GeForce GTX 1660 SUPER" is TU116 and TU106. File order would pick whichever pci.ids lists first.
     * Instead, in this order: the chip family that carries the most devices of this model number (the model's
     * home chip: GP106 has every GTX 1060 variant, GP104 one), a desktop chip over a mobile one (GP107 over
     * GP107M), then the lowest device id, so the answer never depends on file order.
     */
    private Candidate mostLikely(int vendorId, List<Candidate> tied, List<String> query) {
        if (tied.size() == 1 || tied.stream().map(c -> c.device().id()).distinct().count() == 1) {
            return tied.getFirst();
        }
        List<String> numbers = query.stream().filter(t -> t.matches("\\d{3,}")).toList(); // model numbers, not "2" of "SSE2"
        Map<String, Long> devicesOfModelByFamily = new java.util.HashMap<>();
        for (Candidate c : candidatesByVendor.get(vendorId)) {
            if (c.tokenSet().containsAll(numbers)) {
                devicesOfModelByFamily.merge(familyOf(c.device()), 1L, Long::sum);
            }
        }
        return tied.stream().min(java.util.Comparator
                .<Candidate>comparingLong(c -> -devicesOfModelByFamily.getOrDefault(familyOf(c.device()), 0L))
                .thenComparing(c -> isMobile(c.device()))
                .thenComparingInt(c -> c.device().id())).orElseThrow();
    }

    /** GP107M, "Mobile", "Max-Q": a laptop part. */
    private static boolean isMobile(Device d) {
        return d.family().matches(".*\\d[A-Z]?M\\b.*") || d.name().toLowerCase(Locale.ROOT).matches(".*\\b(mobile|max-q)\\b.*");
    }

    /**
     * A series name such as "Radeon HD 7900" or "R9 200" (what Mesa prints for a whole generation): the
     * family of the first model of that series, e.g. "HD 7970" → Tahiti.
     */
    private Optional<GpuMatch> matchSeries(int vendorId, String text) {
        List<String> query = tokens(text);
        Optional<String> series = query.stream().filter(t -> t.matches("\\d{3,4}") && t.endsWith("00")).findFirst();
        if (series.isEmpty()) {
            return Optional.empty();
        }
        String stem = series.get().replaceAll("0+$", "");
        int length = series.get().length();
        Set<String> others = new HashSet<>(query);
        others.remove(series.get());
        for (Candidate c : candidatesByVendor.get(vendorId)) {
            if (c.tokens().containsAll(others)
                    && c.tokens().stream().anyMatch(t -> t.length() == length && t.startsWith(stem) && t.matches("\\d+"))) {
                return Optional.of(new GpuMatch(VENDOR_NAMES.get(vendorId), c.device(), Optional.empty(),
                        familyOf(c.device()), Precision.FAMILY));
            }
        }
        return Optional.empty();
    }

    /** For a vague name, the words every broader candidate shares ("Radeon RX Vega" of "RX Vega 56/64"). */
    private static String commonModel(List<Candidate> broader, Set<String> query, String fallback) {
        String[] prefix = broader.getFirst().name().split(" ");
        int length = prefix.length;
        for (Candidate c : broader) {
            String[] words = c.name().split(" ");
            int i = 0;
            while (i < Math.min(length, words.length) && words[i].equalsIgnoreCase(prefix[i])) {
                i++;
            }
            length = i;
        }
        String common = String.join(" ", Arrays.copyOf(prefix, length));
        return new HashSet<>(tokens(common)).containsAll(query) ? common : fallback;
    }

    private Optional<GpuMatch> matchCodeName(int vendorId, String text) {
        List<String> words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty()).toList();
        for (int n = 3; n >= 1; n--) {
            for (int i = 0; i + n <= words.size(); i++) {
                String key = String.join("", words.subList(i, i + n));
                String fragment = CODE_NAMES.get(key);
                boolean known = fragment != null;
                if (!known && (n > 1 || key.length() < 4 || NOISE.contains(key) || key.chars().allMatch(Character::isDigit))) {
                    continue;
                }
                String needle = known ? fragment : key;
                Optional<Device> device = gpusByVendor.get(vendorId).stream()
                        .filter(d -> alnum(d.family()).startsWith(needle)).findFirst();
                if (device.isEmpty() && known) {
                    device = gpusByVendor.get(vendorId).stream().filter(d -> alnum(d.name()).contains(needle)).findFirst();
                }
                if (device.isPresent()) {
                    Device d = device.get();
                    return Optional.of(new GpuMatch(VENDOR_NAMES.get(vendorId), d, Optional.empty(), familyOf(d), Precision.FAMILY));
                }
            }
        }
        return Optional.empty();
    }

    /** The family without tier suffixes: "Tahiti XT" → "Tahiti", "Ellesmere" stays. */
    static String familyOf(Device d) {
        List<String> words = new ArrayList<>(Arrays.asList(d.family().split("\\s+")));
        while (words.size() > 1 && TIER_WORDS.contains(words.getLast().toLowerCase(Locale.ROOT))) {
            words.removeLast();
        }
        return String.join(" ", words);
    }

    private static double extraCost(List<String> candidate, Set<String> query) {
        double cost = 0;
        for (String t : candidate) {
            if (!query.contains(t)) {
                cost += UNLIKELY.contains(t) ? 3 : 1;
            }
        }
        return cost;
    }

    private static List<Device> gpus(PciIds ids, int vendorId) {
        return ids.devices(vendorId).stream()
                .filter(d -> !NOT_A_GPU.matcher(d.name()).find())
                .filter(d -> vendorId != INTEL || INTEL_GPU.matcher(d.name()).find())
                .toList();
    }

    private static List<Candidate> candidates(List<Device> devices) {
        List<Candidate> out = new ArrayList<>();
        for (Device d : devices) {
            String marketing = d.marketingName().orElse(d.vendorId() == INTEL ? d.name() : null);
            if (marketing == null) {
                continue;
            }
            for (String name : expand(marketing)) {
                List<String> tokens = tokens(name);
                if (!tokens.isEmpty()) {
                    out.add(new Candidate(d, name, tokens, Set.copyOf(tokens)));
                }
            }
        }
        return out;
    }

    /**
     * Expands slash lists: "Radeon RX 470/480/570X" → "Radeon RX 470", "Radeon RX 480", "Radeon RX 570X".
     * An alternative that starts with a digit borrows the words before the first model number.
     */
    static List<String> expand(String marketing) {
        String[] parts = marketing.split("/");
        List<String> out = new ArrayList<>();
        String prefix = "";
        String brand = parts[0].trim().split(" ")[0];
        boolean branded = BRANDS.contains(brand);
        for (String raw : parts) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            if (Character.isDigit(part.charAt(0)) && !prefix.isEmpty()) {
                out.add(prefix + " " + part);
            } else {
                // "Radeon HD 7970 / R9 280X": the second model is a Radeon too.
                if (branded && !BRANDS.contains(part.split(" ")[0])) {
                    part = brand + " " + part;
                }
                out.add(part);
                Matcher number = Pattern.compile("\\s\\d").matcher(part);
                prefix = number.find() ? part.substring(0, number.start()).trim() : "";
            }
        }
        return out;
    }

    /** Lower-case tokens, letters and digits split apart ("5700XT" → 5700, xt), noise words dropped. */
    static List<String> tokens(String text) {
        String spaced = text.toLowerCase(Locale.ROOT)
                .replaceAll("(?<=[a-z])(?=\\d)|(?<=\\d)(?=[a-z])", " ");
        return Arrays.stream(spaced.split("[^a-z0-9]+"))
                .filter(t -> !t.isEmpty() && !NOISE.contains(t))
                .toList();
    }

    private static boolean isModelToken(String token) {
        return Character.isDigit(token.charAt(0)) || Set.of("vega", "vii", "titan", "fury", "nano", "xp").contains(token);
    }

    private static String parenthesised(String text) {
        int open = text.indexOf('(');
        return open < 0 ? "" : text.substring(open + 1).replaceAll("(?i)\\b(drm|llvm)\\s*[\\d.]+|\\d+\\.\\d+[\\w.-]*", " ");
    }

    private static String alnum(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
