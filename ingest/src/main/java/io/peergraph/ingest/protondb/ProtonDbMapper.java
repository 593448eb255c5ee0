package io.peergraph.ingest.protondb;

import com.fasterxml.jackson.databind.JsonNode;
import io.peergraph.graph.text.Text;
import io.peergraph.ingest.engine.Mapped;
import io.peergraph.ingest.engine.RecordMapper;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.normalise.SystemInfo;
import io.peergraph.ingest.normalise.SystemNormaliser;
import io.peergraph.ingest.normalise.SystemNormaliser.Profile;
import io.peergraph.ingest.protondb.ProtonDbReport.Tried;
import io.peergraph.ingest.source.SourceFile;
import io.peergraph.ingest.source.SourceRecord;
import io.peergraph.seeds.pci.GpuCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps both ProtonDB dump formats: the questionnaire (Oct 2019 on: {@code app}, {@code responses},
 * {@code systemInfo}) and the legacy flat records ({@code appId}, {@code rating}, {@code specs}, ...).
 *
 * <p>Dumps carry no user id: the customer is pseudonymous, one per distinct normalised system, named by a
 * hash of its sorted item keys ({@code protondb-<16 hex>}), so reports from one machine meet on one customer
 * and one configuration without revealing anything the report did not already show.
 */
public final class ProtonDbMapper implements RecordMapper<ProtonDbReport> {

    /** Ratings at or above Gold mean it worked; Borked … Silver map to symptoms. */
    private static final Map<String, String> RATING_SYMPTOMS = Map.of(
            "borked", "stability/does-not-run", "bronze", "significant-bugs", "silver", "minor-issues");
    private static final List<String> WORKING_RATINGS = List.of("gold", "platinum");
    private static final Instant EARLIEST = Instant.parse("2008-01-01T00:00:00Z");

    private final SystemNormaliser systems;
    private long gpuStrings;
    private long gpuResolved;

    public ProtonDbMapper(GpuCatalog catalog) {
        this.systems = new SystemNormaliser(catalog);
    }

    @Override
    public Map<String, Long> statistics() {
        return Map.of("gpuStrings", gpuStrings, "gpuResolved", gpuResolved);
    }

    @Override
    public Mapped<ProtonDbReport> map(SourceRecord record) {
        JsonNode r = record.value();
        if (!r.isObject()) {
            return Mapped.reject("the record is not a JSON object");
        }
        Optional<String> notUtf8 = fieldWithReplacementChar(r, "");
        if (notUtf8.isPresent()) {
            return Mapped.reject("the text of '" + notUtf8.get() + "' holds bytes that are not UTF-8: "
                    + "re-export the dump as UTF-8");
        }
        boolean questionnaire = r.has("responses") || r.has("systemInfo");
        if (!questionnaire && !r.has("rating")) {
            return Mapped.reject("neither a questionnaire report (responses, systemInfo) nor a legacy one (rating)");
        }
        String appId = text(questionnaire ? r.path("app").path("steam").path("appId") : r.path("appId"));
        if (appId == null) {
            appId = text(r.path("responses").path("answerToWhatGame"));
        }
        if (appId == null || !appId.matches("\\d{1,10}")) {
            return Mapped.reject("missing or non-numeric Steam app id (" + (questionnaire ? "app.steam.appId" : "appId")
                    + " = " + (appId == null ? "absent" : "'" + appId + "'") + "): cannot tell which game the report is about");
        }
        Optional<Instant> at = timestamp(r.path("timestamp"));
        if (at.isEmpty()) {
            return Mapped.reject("timestamp " + (r.has("timestamp") ? "'" + r.get("timestamp").asText() + "'" : "absent")
                    + " is not a time in Unix seconds between 2008 and now");
        }
        try {
            return questionnaire ? questionnaire(record, r, appId, at.get()) : legacy(record, r, appId, at.get());
        } catch (SymptomRefused e) {
            return Mapped.reject(e.getMessage());
        }
    }

    private Mapped<ProtonDbReport> questionnaire(SourceRecord record, JsonNode r, String appId, Instant at) {
        JsonNode answers = r.path("responses");
        // Later questionnaires ask first whether it worked out of the box (verdictOob) and may stop there.
        String verdict = Optional.ofNullable(text(answers.path("verdict"))).orElse(text(answers.path("verdictOob")));
        if (verdict == null) {
            return Mapped.reject("responses.verdict and responses.verdictOob are missing: the report does not say whether the game worked");
        }
        boolean worked = verdict.equalsIgnoreCase("yes");
        JsonNode s = r.path("systemInfo");
        Profile profile = profile(new SystemInfo(text(s.path("cpu")), text(s.path("gpu")), text(s.path("gpuDriver")),
                text(s.path("kernel")), text(s.path("os")), text(s.path("ram")), null));

        Map<String, Symptom> symptoms = new LinkedHashMap<>();
        if (no(answers, "installs")) {
            addSymptom(symptoms, "stability/does-not-install");
        }
        if (no(answers, "opens")) {
            addSymptom(symptoms, "stability/does-not-run");
        }
        if (no(answers, "startsPlay")) {
            addSymptom(symptoms, "stability/does-not-start-play");
        }
        if (!worked) {
            addSymptom(symptoms, "stability/unplayable");
        }
        if (yes(answers, "significantBugs")) {
            addSymptom(symptoms, "significant-bugs");
        }
        for (Iterator<String> names = answers.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if ((name.endsWith("Faults") || name.equals("isImpactedByAntiCheat")) && yes(answers, name)) {
                String area = Symptoms.area(name);
                addSymptom(symptoms, area);
                followUps(answers.path("followUp").path(name), area).forEach(key -> addSymptom(symptoms, key));
            }
        }
        for (String mode : List.of("online", "local")) {
            String appraisal = text(answers.path(mode + "MultiplayerAppraisal"));
            if ("weak".equals(appraisal) || "awful".equals(appraisal)) {
                addSymptom(symptoms, "multiplayer/" + mode + "-poor");
            }
        }

        JsonNode notes = answers.path("notes");
        List<Tried> tried = new ArrayList<>();
        protonTried(answers).ifPresent(sol -> tried.add(new Tried(sol, note(notes, "protonVersion"))));
        trueKeys(answers.path("customizationsUsed")).forEach(tool -> tried.add(new Tried(Solutions.customization(tool), note(notes, "customizationsUsed"))));
        trueKeys(answers.path("launchFlagsUsed")).forEach(flag -> tried.add(new Tried(Solutions.launchFlag(flag), note(notes, "launchFlagsUsed"))));
        // Later questionnaires take the launch options as typed; the whole string is the note, so nothing is lost.
        String launchOptions = Text.line(text(answers.path("launchOptions")));
        Solutions.launchOptions(launchOptions).forEach(sol -> tried.add(new Tried(sol, launchOptions)));

        String game = gameTitle(r.path("app").path("title"), appId);
        return report(record, "questionnaire", appId, game, at, game + (worked ? ": works" : ": does not work"),
                questionnaireText(notes, text(answers.path("concludingNotes"))), worked, verdict, profile, symptoms, tried);
    }

    /**
     * The Proton build the reporter ran: a custom build ({@code customProtonVersion}, e.g. "GE-Proton9-4", when
     * {@code variant} is not the official one), else {@code protonVersion}, else the variant ("experimental").
     */
    private static Optional<Solution> protonTried(JsonNode answers) {
        String variant = text(answers.path("variant"));
        String custom = text(answers.path("customProtonVersion"));
        if (custom != null && !"official".equalsIgnoreCase(variant)) {
            return Optional.of(Solutions.customProton(custom));
        }
        return Solutions.proton(Optional.ofNullable(text(answers.path("protonVersion"))).orElse(variant));
    }

    private Mapped<ProtonDbReport> legacy(SourceRecord record, JsonNode r, String appId, Instant at) {
        String rating = text(r.path("rating"));
        if (rating == null) {
            return Mapped.reject("rating is missing: the report does not say how well the game worked");
        }
        String level = rating.toLowerCase();
        if (!RATING_SYMPTOMS.containsKey(level) && !WORKING_RATINGS.contains(level)) {
            return Mapped.reject("rating '" + rating + "' is not one of Borked, Bronze, Silver, Gold, Platinum");
        }
        boolean worked = WORKING_RATINGS.contains(level);
        Profile profile = profile(new SystemInfo(text(r.path("cpu")), text(r.path("gpu")), text(r.path("gpuDriver")),
                text(r.path("kernel")), text(r.path("os")), text(r.path("ram")), text(r.path("specs"))));
        Map<String, Symptom> symptoms = new LinkedHashMap<>();
        Optional.ofNullable(RATING_SYMPTOMS.get(level)).ifPresent(key -> addSymptom(symptoms, key));
        List<Tried> tried = new ArrayList<>();
        String version = Optional.ofNullable(text(r.path("protonVersionManual"))).orElse(text(r.path("protonVersion")));
        Solutions.proton(version).ifPresent(sol -> tried.add(new Tried(sol, null)));
        trueKeys(r.path("tweaks")).forEach(flag -> tried.add(new Tried(Solutions.launchFlag(flag), null)));
        String game = gameTitle(r.path("title"), appId);
        return report(record, "legacy", appId, game, at, game + ": " + rating, Text.block(text(r.path("notes"))), worked,
                rating, profile, symptoms, tried);
    }

    private Mapped<ProtonDbReport> report(SourceRecord record, String format, String appId, String game, Instant at, String title,
                                          String text, boolean worked, String verdict, Profile profile,
                                          Map<String, Symptom> symptoms, List<Tried> tried) {
        String sourceKey = "protondb:report:" + hex("SHA-1", record.raw(), 40);
        // One confirmation per solution: a flag ticked and also typed as a launch option is tried once.
        Map<String, Tried> once = new LinkedHashMap<>();
        tried.forEach(t -> once.putIfAbsent(t.solution().sourceKey(), t));
        return Mapped.accept(sourceKey, new ProtonDbReport(sourceKey, format, appId, game, at, title, text, worked, verdict,
                systemHash(profile.items()), profile.items(), List.copyOf(symptoms.values()), List.copyOf(once.values())));
    }

    private Profile profile(SystemInfo info) {
        Profile profile = systems.normalise(info);
        if (profile.hasGpu()) {
            gpuStrings++;
            if (profile.gpuResolved()) {
                gpuResolved++;
            }
        }
        return profile;
    }

    /** The same normalised system always gives the same hash, whatever the raw spelling. */
    static String systemHash(List<NormalisedItem> items) {
        TreeSet<String> keys = new TreeSet<>();
        items.forEach(i -> keys.add(i.key()));
        return hex("SHA-256", String.join("\n", keys), 16);
    }

    /** Adds the symptom of a key, its broader ones checked too (the writer makes them), or SymptomRefused. */
    private static void addSymptom(Map<String, Symptom> symptoms, String key) {
        if (!symptoms.containsKey(key)) {
            try {
                symptoms.put(key, Symptoms.withBroader(key).getLast());
            } catch (IllegalArgumentException e) {
                throw new SymptomRefused("the answers make the symptom '" + key + "', but " + e.getMessage() + ", as the API requires");
            }
        }
    }

    /** A symptom the answers make has a name the API refuses: the whole report is rejected, nothing of it written. */
    private static final class SymptomRefused extends RuntimeException {
        SymptomRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code {crackling: true}} → audio/crackling; {@code "frequentCrashes"} → stability/frequent-crashes. */
    private static List<String> followUps(JsonNode followUp, String area) {
        List<String> keys = new ArrayList<>();
        if (followUp.isTextual()) {
            String answer = followUp.asText();
            if (!answer.equals("notListed") && !answer.equals("other")) {
                keys.add(Symptoms.followUp(area, answer));
            }
        } else {
            trueKeys(followUp).stream().filter(k -> !k.equals("other") && !k.equals("notListed"))
                    .forEach(k -> keys.add(Symptoms.followUp(area, k)));
        }
        return keys;
    }

    private static List<String> trueKeys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.properties().forEach(e -> {
            if (e.getValue().asBoolean(false) || "yes".equalsIgnoreCase(e.getValue().asText())) {
                keys.add(e.getKey());
            }
        });
        return keys;
    }

    /** The notes (an object of notes per question, or one text) after the concluding notes of later questionnaires. */
    private static String questionnaireText(JsonNode notes, String concludingNotes) {
        StringBuilder text = new StringBuilder();
        appendParagraph(text, "", concludingNotes);
        if (notes.isTextual()) {
            appendParagraph(text, "", notes.asText());
        } else {
            notes.properties().forEach(e -> appendParagraph(text, e.getKey().equals("verdict") ? "" : e.getKey() + ": ", e.getValue().asText("")));
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static void appendParagraph(StringBuilder text, String label, String raw) {
        String value = Text.block(raw);
        if (value != null && !value.isEmpty()) {
            text.append(text.isEmpty() ? "" : "\n\n").append(label).append(value);
        }
    }

    private static String note(JsonNode notes, String field) {
        return Text.block(text(notes.path(field)));
    }

    private static String gameTitle(JsonNode title, String appId) {
        String t = Text.line(text(title));
        return t == null || t.isEmpty() ? "Steam app " + appId : t;
    }

    private static Optional<Instant> timestamp(JsonNode node) {
        long seconds;
        if (node.isIntegralNumber()) {
            seconds = node.asLong();
        } else if (node.isTextual() && node.asText().strip().matches("\\d{9,13}")) {
            seconds = Long.parseLong(node.asText().strip());
        } else {
            return Optional.empty();
        }
        if (seconds >= 100_000_000_000L) { // milliseconds, as some exports write them (seconds reach that in year 5138)
            seconds /= 1000;
        }
        Instant at = Instant.ofEpochSecond(seconds);
        return at.isBefore(EARLIEST) || at.isAfter(Instant.now().plusSeconds(86_400)) ? Optional.empty() : Optional.of(at);
    }

    private static boolean yes(JsonNode answers, String field) {
        return "yes".equalsIgnoreCase(answers.path(field).asText());
    }

    private static boolean no(JsonNode answers, String field) {
        return "no".equalsIgnoreCase(answers.path(field).asText());
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** The path of the first string holding the marker the UTF-8 decoder puts where bytes were not UTF-8. */
    private static Optional<String> fieldWithReplacementChar(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.asText().indexOf(SourceFile.NOT_UTF8) >= 0 ? Optional.of(path) : Optional.empty();
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Optional<String> found = fieldWithReplacementChar(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            if (found.isPresent()) {
                return found;
            }
        }
        for (int i = 0; i < node.size() && node.isArray(); i++) {
            Optional<String> found = fieldWithReplacementChar(node.get(i), path + "[" + i + "]");
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static String hex(String algorithm, String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
