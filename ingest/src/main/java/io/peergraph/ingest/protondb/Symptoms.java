package io.peergraph.ingest.protondb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The symptom vocabulary of ProtonDB reports. Questionnaire answers {@code <area>Faults: yes} give the
 * area ({@code audio}); their follow-ups give narrower symptoms ({@code audio/crackling}). Launch stages
 * answered "no" and the verdict give {@code stability/...}; the legacy {@code rating} maps to the same keys
 * (see docs/import-format.md). Unknown follow-ups of a future questionnaire still become keys, by name.
 */
public final class Symptoms {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        name("stability", "Stability problems");
        name("stability/does-not-install", "Does not install");
        name("stability/does-not-run", "Does not run (does not open)");
        name("stability/does-not-start-play", "Opens but does not reach gameplay");
        name("stability/unplayable", "Does not work well enough to play");
        name("stability/frequent-crashes", "Crashes frequently");
        name("stability/occasional-crashes", "Crashes occasionally");
        name("audio", "Audio problems");
        name("audio/crackling", "Audio crackles");
        name("audio/low-quality", "Audio is low quality");
        name("audio/missing", "Audio is missing");
        name("audio/out-of-sync", "Audio is out of sync");
        name("audio/broken", "Audio is broken");
        name("graphics", "Graphical problems");
        name("graphics/minor-artifacts", "Minor graphical artifacts");
        name("graphics/heavy-artifacts", "Heavy graphical artifacts");
        name("graphics/missing-textures", "Missing textures");
        name("input", "Input problems");
        name("input/bounding", "Mouse is not bound to the window");
        name("input/controller-mapping", "Controller mapped wrongly");
        name("input/controller-not-detected", "Controller not detected");
        name("input/controller-not-responsive", "Controller does not respond");
        name("input/drifting", "Input drifts");
        name("input/inaccuracy", "Input is inaccurate");
        name("input/lag", "Input lags");
        name("performance", "Performance problems");
        name("performance/slight-slowdown", "Slight slowdown");
        name("performance/significant-slowdown", "Significant slowdown");
        name("windowing", "Windowing problems");
        name("windowing/activating-fullscreen", "Fullscreen cannot be activated");
        name("windowing/full-not-full", "Fullscreen does not fill the screen");
        name("windowing/switching", "Switching windows misbehaves");
        name("save-game", "Save game problems");
        name("save-game/error-loading", "Saved games do not load");
        name("save-game/error-saving", "Games cannot be saved");
        name("significant-bugs", "Significant bugs");
        name("minor-issues", "Minor issues");
        name("anti-cheat", "Blocked by anti-cheat");
        name("anti-cheat/easy-anti-cheat", "Blocked by Easy Anti-Cheat");
        name("anti-cheat/battle-eye", "Blocked by BattlEye");
        name("multiplayer", "Multiplayer problems");
        name("multiplayer/online-poor", "Online multiplayer plays poorly");
        name("multiplayer/local-poor", "Local multiplayer plays poorly");
    }

    /** Questionnaire areas whose names differ from the key. */
    private static final Map<String, String> AREAS = Map.of("graphical", "graphics", "isImpactedByAntiCheat", "anti-cheat");

    /** Follow-up answers whose names differ from the key. */
    private static final Map<String, String> FOLLOW_UPS = Map.of("borked", "broken", "occasionally", "occasional-crashes",
            "battleEye", "battle-eye");

    private Symptoms() {}

    private static void name(String key, String name) {
        NAMES.put(key, name);
    }

    /** Every symptom the vocabulary names, for seeding and documentation. */
    public static List<Symptom> known() {
        return NAMES.keySet().stream().map(Symptoms::of).toList();
    }

    /**
     * The symptom for a key, with its name (or one made from the key) and broader key; IllegalArgumentException when the
     * name made from the key is one the API refuses ("audio/x").
     */
    public static Symptom of(String key) {
        int slash = key.lastIndexOf('/');
        String broader = slash < 0 ? null : key.substring(0, slash);
        String name = NAMES.containsKey(key) ? NAMES.get(key) : humanise(key);
        return new Symptom(key, name, broader);
    }

    /** "graphicalFaults" → "graphics"; "saveGameFaults" → "save-game". */
    static String area(String answer) {
        String base = answer.endsWith("Faults") ? answer.substring(0, answer.length() - "Faults".length()) : answer;
        return AREAS.getOrDefault(base, kebab(base));
    }

    /** "audio" + "outOfSync" → "audio/out-of-sync". */
    static String followUp(String area, String answer) {
        return area + "/" + FOLLOW_UPS.getOrDefault(answer, kebab(answer));
    }

    /** The symptom and the broader ones above it, broadest first, so broader nodes exist before links to them. */
    static List<Symptom> withBroader(String key) {
        List<Symptom> chain = new ArrayList<>();
        for (String k = key; k != null; k = of(k).broader()) {
            chain.addFirst(of(k));
        }
        return chain;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
    }

    private static String humanise(String key) {
        String last = key.substring(key.lastIndexOf('/') + 1).replace('-', ' ').strip();
        return last.isEmpty() ? last : Character.toUpperCase(last.charAt(0)) + last.substring(1);
    }
}
