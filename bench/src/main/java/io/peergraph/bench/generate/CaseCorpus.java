package io.peergraph.bench.generate;

import io.peergraph.search.sync.CaseDocument;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The generated community's reports as search documents, with plausible text. The generator's reports carry no
 * text, so each symptom gets a name from a fixed vocabulary (an area and a fault, e.g. "Audio crackling") and each
 * case a title and a description composed from its symptoms, product, configuration and a few stock phrases, drawn
 * from a random stream keyed by (seed, report id): the same shape always gives the same corpus.
 */
public final class CaseCorpus {

    static final List<String> AREAS = List.of("audio", "sound", "video", "graphics", "display", "controller", "keyboard",
            "mouse", "network", "multiplayer", "savegame", "launcher", "shader", "texture", "framerate", "memory",
            "installer", "update", "login", "voice chat");
    static final List<String> FAULTS = List.of("crackling", "stutter", "freeze", "crash", "flicker", "lag", "tearing",
            "artifacts", "black screen", "desync", "disconnects", "hang", "corruption", "missing", "slowdown", "overheating",
            "noise", "drift", "delay", "leak", "timeout", "error", "glitch", "distortion", "dropouts");
    static final List<String> WHEN = List.of("after the latest update", "on startup", "when loading a level",
            "in fullscreen mode", "after resuming from suspend", "with vsync enabled", "during cutscenes",
            "in online matches", "when switching windows", "after about an hour of play", "since the new driver",
            "on the main menu", "when the fan spins up", "with an external monitor", "while streaming",
            "in borderless window mode", "when the battery is low", "on the second monitor", "with HDR enabled",
            "after changing the resolution");
    static final List<String> TRIED = List.of("Reinstalling did not help.", "Verifying the game files changed nothing.",
            "Rolling back the driver made no difference.", "Lowering the graphics settings helps a little.",
            "It also happens in other games.", "A clean boot did not fix it.", "Disabling the overlay did not help.",
            "Switching the audio output device made it worse.", "It started after a kernel upgrade.",
            "Turning off compositing seems to help.", "Limiting the frame rate to 60 reduces it.",
            "Deleting the shader cache fixed it for one session.", "Running in windowed mode avoids it.",
            "It does not happen with the previous Proton version.", "Logs show a timeout in the render thread.");
    static final List<String> CHANNELS = List.of("EMAIL", "EMAIL", "WEB", "CHAT", "PHONE", "FORUM");
    static final List<String> OUTCOMES = List.of("ANSWERED", "ANSWERED", "ESCALATED", "RESOLVED", "WAITING");
    static final List<String> REPLIES = List.of("Please send us the log files from the last session.",
            "Known issue with this driver branch, a fix is planned.", "Try disabling the overlay and the shader cache.",
            "Escalated to the engine team with your logs.", "Confirmed fixed by the hotfix released today.",
            "Can you reproduce it with a fresh profile?");
    static final List<String> TAGS = List.of("regression", "driver", "proton", "steam-deck", "wayland", "nvidia", "amd",
            "intel", "multi-monitor", "hdr", "vr", "laptop", "controller", "audio", "anti-cheat", "mods", "workaround",
            "needs-logs", "duplicate", "hotfix");
    private static final String[] PRIVACY = {"COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY",
            "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY", "COMMUNITY",
            "COMMUNITY", "COMMUNITY", "COMMUNITY", "PRIVATE", "PRIVATE", "PUBLIC"};

    private final SyntheticCommunity community;
    private final Vocabulary vocabulary;
    private final Map<String, Vocabulary.Named> products;

    public CaseCorpus(SyntheticCommunity community) {
        this.community = community;
        this.vocabulary = community.vocabulary();
        this.products = vocabulary.products.stream().collect(Collectors.toMap(Vocabulary.Named::id, Function.identity()));
    }

    /** "Audio crackling": one distinct name per symptom rank (20 areas × 25 faults = the 500 symptoms). */
    public static String symptomName(int rank) {
        String area = AREAS.get(rank % AREAS.size());
        return Character.toUpperCase(area.charAt(0)) + area.substring(1) + " " + FAULTS.get((rank / AREAS.size()) % FAULTS.size());
    }

    public String symptomId(int rank) {
        return community.symptomId(rank);
    }

    public String productName(String productId) {
        return products.get(productId).name();
    }

    /** The item ids of every kind's most common values first (what support staff filter by most). */
    public List<String> popularItemIds(int perKind) {
        return vocabulary.itemsByKind.stream().flatMap(items -> items.stream().limit(perKind)).map(Vocabulary.Item::id).toList();
    }

    /** Every case of customers {@code [from, to)}, in customer order. */
    public void cases(int from, int to, Consumer<CaseDocument> sink) {
        for (int index = from; index < to; index++) {
            SyntheticCommunity.Customer customer = community.customer(index);
            for (SyntheticCommunity.Report report : customer.reports()) {
                sink.accept(document(customer, report));
            }
        }
    }

    CaseDocument document(SyntheticCommunity.Customer customer, SyntheticCommunity.Report report) {
        SplittableRandom random = new SplittableRandom(community.shape().seed() * 31 + report.id().hashCode());
        List<Vocabulary.Item> items = customer.configurations().stream().filter(c -> c.id().equals(report.configurationId()))
                .findFirst().orElseThrow().items().stream().sorted(Comparator.comparing(Vocabulary.Item::id)).toList();
        Vocabulary.Named product = products.get(report.productId());
        List<Integer> ranks = report.symptomRanks().stream().sorted(Comparator.comparing(r -> vocabulary.symptoms.get(r).key())).toList();
        String first = symptomName(report.symptomRanks().getFirst());
        String when = pick(WHEN, random);
        String gpu = items.stream().filter(i -> i.kind().equals("gpu")).map(Vocabulary.Item::value).findFirst().orElse("my GPU");
        String driver = items.stream().filter(i -> i.kind().equals("driver")).map(Vocabulary.Item::value).findFirst().orElse("the driver");
        String title = first + " " + when + " in " + product.name();
        StringBuilder text = new StringBuilder("Since a few days I get ").append(first.toLowerCase()).append(' ').append(when)
                .append(" in ").append(product.name()).append(" on ").append(gpu).append(" with ").append(driver).append(". ");
        report.symptomRanks().stream().skip(1).forEach(r -> text.append("There is also ").append(symptomName(r).toLowerCase())
                .append(' ').append(pick(WHEN, random)).append(". "));
        text.append(pick(TRIED, random)).append(' ').append(pick(TRIED, random));
        List<String> interactions = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        int contacts = random.nextInt(10) < 3 ? 1 + random.nextInt(3) : 0;
        for (int k = 0; k < contacts; k++) {
            interactions.add(k % 2 == 0 ? pick(REPLIES, random) : "Still seeing the " + first.toLowerCase() + ". " + pick(TRIED, random));
            channels.add(pick(CHANNELS, random));
            outcomes.add(pick(OUTCOMES, random));
        }
        List<String> tags = random.nextInt(5) == 0 ? List.of(pick(TAGS, random)) : List.of();
        String occurredAt = DateTimeFormatter.ISO_INSTANT.format(report.occurredAt().toInstant());
        return CaseDocument.of(report.id(), customer.id(), PRIVACY[random.nextInt(PRIVACY.length)], report.status(), title,
                text.toString(), interactions,
                channels.stream().distinct().sorted().toList(), outcomes.stream().distinct().sorted().toList(),
                product.id(), product.name(),
                ranks.stream().map(r -> vocabulary.symptoms.get(r).id()).toList(),
                ranks.stream().map(r -> vocabulary.symptoms.get(r).key()).toList(),
                ranks.stream().map(CaseCorpus::symptomName).toList(),
                items.stream().map(Vocabulary.Item::id).toList(),
                items.stream().map(i -> new CaseDocument.Item(i.id(), i.kind(), i.value())).toList(),
                tags, occurredAt, occurredAt);
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    /** Every customer index, for callers that split the work. */
    public IntStream customers() {
        return IntStream.range(0, community.shape().customers());
    }
}
