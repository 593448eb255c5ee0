package io.peergraph.ingest.protondb;

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

    static Solution customization(String tool) {
        String[] known = CUSTOMIZATIONS.getOrDefault(tool, new String[] {"Customisation: " + tool, "OTHER"});
        return new Solution("protondb:solution:customization:" + tool, known[0], known[0] + ".", known[1]);
    }

    /** "Default", "5.0-5", "Beta (3.16-4)", "Proton 4.2-2"; empty for text without a version. */
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
        if (raw.toLowerCase().contains("default")) {
            return Optional.of(new Solution("protondb:solution:proton:default", "Proton (Steam's default version)",
                    "Enable Steam Play for the game with Steam's default Proton version.", "COMPATIBILITY_LAYER"));
        }
        return Optional.empty();
    }
}
