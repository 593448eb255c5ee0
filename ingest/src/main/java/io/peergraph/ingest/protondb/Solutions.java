package io.peergraph.ingest.protondb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ProtonDB reporters tried, as shared solutions: launch flags are the environment variables Proton
 * reads, customisations are tools, and the Proton version is the compatibility layer itself. Unknown flags
 * and tools of a future questionnaire still become solutions, titled by their names.
 */
final class Solutions {

    private static final Map<String, String> LAUNCH_FLAGS = Map.ofEntries(
            Map.entry("disableEsync", "PROTON_NO_ESYNC=1"), Map.entry("disableFsync", "PROTON_NO_FSYNC=1"),
            Map.entry("useWineD3d11", "PROTON_USE_WINED3D=1"), Map.entry("useWineD9vk", "PROTON_USE_D9VK=1"),
            Map.entry("largeAddressAware", "PROTON_FORCE_LARGE_ADDRESS_AWARE=1"), Map.entry("disableD3d11", "PROTON_NO_D3D11=1"),
            Map.entry("disableD3d10", "PROTON_NO_D3D10=1"), Map.entry("oldGlString", "PROTON_OLD_GL_STRING=1"),
            Map.entry("fullscreenIntegerScaling", "WINE_FULLSCREEN_INTEGER_SCALING=1"));

    /** Tool → title, kind. */
    private static final Map<String, String[]> CUSTOMIZATIONS = Map.of(
            "protontricks", new String[] {"Install Windows components with protontricks", "CONFIGURATION_TWEAK"},
            "winetricks", new String[] {"Install Windows components with winetricks", "CONFIGURATION_TWEAK"},
            "customProton", new String[] {"Use a custom Proton build", "COMPATIBILITY_LAYER"},
            "mediaFoundation", new String[] {"Install Media Foundation support", "CONFIGURATION_TWEAK"},
            "customPrefix", new String[] {"Use a custom Wine prefix", "CONFIGURATION_TWEAK"},
            "lutris", new String[] {"Run through Lutris", "COMPATIBILITY_LAYER"},
            "native2Proton", new String[] {"Run the Windows build instead of the native one", "COMPATIBILITY_LAYER"},
            "protonfixes", new String[] {"Apply protonfixes", "CONFIGURATION_TWEAK"},
            "notListed", new String[] {"Other customisation (see the report's notes)", "OTHER"});

    private static final Pattern PROTON_VERSION = Pattern.compile("(\\d+\\.\\d+(?:[.-]\\d+)?)");

    /** An environment assignment in typed launch options: {@code DXVK_ASYNC=1}, {@code mesa_glthread=true}. */
    private static final Pattern ASSIGNMENT = Pattern.compile("(?<![\\w=+-])([A-Za-z_][A-Za-z0-9_]*=\\S+)");

    /** A solution title stays readable whatever was typed; the steps keep it whole. */
    private static final int TITLE_LENGTH = 120;

    private Solutions() {}

    static Solution launchFlag(String flag) {
        String variable = LAUNCH_FLAGS.get(flag);
        if (variable == null) {
            return new Solution("protondb:solution:launch-flag:" + flag, "Launch flag " + flag,
                    "Set the launch flag '" + flag + "' in the game's Steam launch options.", "LAUNCH_OPTION");
        }
        return new Solution("protondb:solution:launch-flag:" + flag, "Launch option " + variable,
                "Steam → the game's Properties → Launch options: " + variable + " %command%", "LAUNCH_OPTION");
    }

    /**
     * Launch options as typed in later questionnaires ("PROTON_NO_ESYNC=1 DXVK_ASYNC=1 %command%"): one solution per
     * environment assignment, the same solution as the older questionnaire's flag where one means the same
     * ({@code disableEsync} is {@code PROTON_NO_ESYNC=1}); options without an assignment ("-dx11 %command%",
     * "gamemoderun %command%") are one solution, the options as typed. None for blank text or a bare %command%.
     */
    static List<Solution> launchOptions(String typed) {
        if (typed == null || typed.replace("%command%", "").isBlank()) {
            return List.of();
        }
        List<Solution> solutions = new ArrayList<>();
        // The environment comes before the command; what follows it are the game's own arguments.
        Matcher m = ASSIGNMENT.matcher(typed.contains("%command%") ? typed.substring(0, typed.indexOf("%command%")) : typed);
        while (m.find()) {
            String assignment = m.group(1);
            solutions.add(LAUNCH_FLAGS.entrySet().stream().filter(e -> e.getValue().equals(assignment)).findFirst()
                    .map(e -> launchFlag(e.getKey()))
                    .orElseGet(() -> new Solution("protondb:solution:launch-option:" + assignment, "Launch option " + title(assignment),
                            "Steam → the game's Properties → Launch options: " + assignment + " %command%", "LAUNCH_OPTION")));
        }
        if (solutions.isEmpty()) {
            solutions.add(new Solution("protondb:solution:launch-options:" + typed, "Launch options " + title(typed),
                    "Steam → the game's Properties → Launch options: " + typed, "LAUNCH_OPTION"));
        }
        return solutions.stream().distinct().toList();
    }

    /** A custom Proton build ("GE-Proton9-4", "Proton-tkg"), one solution per build as written (case aside). */
    static Solution customProton(String build) {
        String key = build.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        return new Solution("protondb:solution:proton:custom:" + key, "Custom Proton " + title(build.strip()),
                "Install the Proton build " + build.strip() + " (for example with ProtonUp-Qt) and force it in Steam → the game's "
                        + "Properties → Compatibility.", "COMPATIBILITY_LAYER");
    }

    private static String title(String text) {
        return text.length() <= TITLE_LENGTH ? text : text.substring(0, TITLE_LENGTH - 1) + "…";
    }

    static Solution customization(String tool) {
        String[] known = CUSTOMIZATIONS.getOrDefault(tool, new String[] {"Customisation: " + tool, "OTHER"});
        return new Solution("protondb:solution:customization:" + tool, known[0], known[0] + ".", known[1]);
    }

    /** "Default", "5.0-5", "Beta (3.16-4)", "Proton 4.2-2", "experimental"; empty for text without a version. */
    static Optional<Solution> proton(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Matcher m = PROTON_VERSION.matcher(raw);
        if (m.find()) {
            String version = m.group(1).replaceAll("^(\\d+\\.\\d+)\\.(\\d+)$", "$1-$2");
            return Optional.of(new Solution("protondb:solution:proton:" + version, "Proton " + version,
                    "Steam → the game's Properties → Compatibility: force Proton " + version + ".", "COMPATIBILITY_LAYER"));
        }
        if (raw.toLowerCase(Locale.ROOT).contains("experimental")) {
            return Optional.of(new Solution("protondb:solution:proton:experimental", "Proton Experimental",
                    "Steam → the game's Properties → Compatibility: force Proton Experimental.", "COMPATIBILITY_LAYER"));
        }
        if (raw.toLowerCase(Locale.ROOT).contains("default")) {
            return Optional.of(new Solution("protondb:solution:proton:default", "Proton (Steam's default version)",
                    "Enable Steam Play for the game with Steam's default Proton version.", "COMPATIBILITY_LAYER"));
        }
        return Optional.empty();
    }
}
