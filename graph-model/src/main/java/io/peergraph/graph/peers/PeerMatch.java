package io.peergraph.graph.peers;

import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.facet.ItemRelation;
import io.peergraph.graph.stuff.ConfigItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One peer who saw the symptom, as a person can judge it: a 0–1 {@code similarity} of the peer's closest
 * configuration (the one of their best-matching report) to the asker's, which of the asker's items it shares
 * ({@code shared}, exactly or only by family, each with its part of the similarity), where it differs
 * ({@code differences}), and the peer's matching reports. {@code ownerId} is only for deriving the viewer's
 * pseudonym of the peer; it must never leave the service.
 *
 * <p>The similarity weighs each of the asker's items by its rarity, {@code ln(1 + configurations / configurations
 * with the item)} (the weight {@code similarPeers} uses): an item shared exactly counts its whole weight, an item of
 * which the peer has a relative ({@link ItemRelation}: of the same concept, of a broader one, or of the same family by
 * the kind's rule: GPU generation, driver major version, OS) half of it, others nothing; divided by the sum of the
 * weights of all the asker's items. So 1 is the same configuration, and a shared rare GPU counts far more than a shared
 * common RAM size.
 */
public record PeerMatch(String ownerId, double similarity, List<ItemShare> shared, List<ItemDifference> differences,
                        List<PeerReport> reports) {

    /**
     * One of the asker's items the peer shares: exactly ({@code family} null, {@code theirs} the same item) or by family:
     * a concept both items are classified under (its label, and its IRI as {@code conceptIri}) or else the family
     * their kind's rule gives both ({@code conceptIri} null).
     */
    public record ItemShare(ConfigItem mine, ConfigItem theirs, String family, double share, String conceptIri) {}

    /** One of the asker's items the peer does not share, with the peer's item of that kind (null: the peer gave none). */
    public record ItemDifference(ConfigItem mine, ConfigItem theirs) {}

    /** The same without the taxonomy: families only by the rules {@code facets} declare. */
    static PeerMatch of(ItemFacets facets, String ownerId, List<ConfigItem> mine, List<ConfigItem> theirs, long configurations, List<PeerReport> reports) {
        return of(facets, Map.of(), ownerId, mine, theirs, configurations, reports);
    }

    /**
     * Scores the peer's {@code theirs} items against {@code mine} (each with {@code configCount}, how many configurations
     * include it) among {@code configurations} in all. Each item of mine is shared by the peer's item of its kind that
     * {@link ItemRelation} finds nearest (by item id, {@code concepts} holds each item's concepts): exactly, else of the
     * same or a broader concept — so a moderator's merge or broader link counts — else of the family the kind's rule in
     * {@code facets} gives both.
     */
    static PeerMatch of(ItemFacets facets, Map<String, List<ItemRelation.ItemConcept>> concepts, String ownerId, List<ConfigItem> mine,
                        List<ConfigItem> theirs, long configurations, List<PeerReport> reports) {
        Map<String, List<ConfigItem>> theirsByKind = theirs.stream().collect(Collectors.groupingBy(ConfigItem::kind));
        double total = 0;
        for (ConfigItem m : mine) {
            total += rarity(m, configurations);
        }
        List<ItemShare> shared = new ArrayList<>();
        List<ItemDifference> differences = new ArrayList<>();
        double similarity = 0;
        for (ConfigItem m : mine) {
            List<ConfigItem> sameKind = theirsByKind.getOrDefault(m.kind(), List.of());
            double weight = rarity(m, configurations) / Math.max(total, Double.MIN_NORMAL);
            record Related(ConfigItem theirs, ItemRelation relation) {}
            Optional<Related> nearest = sameKind.stream()
                    .flatMap(t -> ItemRelation.of(facets, m, concepts.getOrDefault(m.id(), List.of()), t, concepts.getOrDefault(t.id(), List.of()))
                            .map(r -> new Related(t, r)).stream())
                    .min(Comparator.comparing(Related::relation, ItemRelation.NEAREST));
            if (nearest.isEmpty()) {
                differences.add(new ItemDifference(m, sameKind.isEmpty() ? null : sameKind.getFirst()));
                continue;
            }
            ItemRelation r = nearest.get().relation();
            double share = r.level() == ItemRelation.Level.EXACT ? weight : weight / 2;
            shared.add(new ItemShare(m, nearest.get().theirs(), r.family(), share, r.conceptIri()));
            similarity += share;
        }
        shared.sort((a, b) -> Double.compare(b.share(), a.share()));
        return new PeerMatch(ownerId, Math.min(1, similarity), List.copyOf(shared), List.copyOf(differences), reports);
    }

    private static double rarity(ConfigItem item, long configurations) {
        return Math.log(1 + (double) Math.max(configurations, 1) / Math.max(item.configCount(), 1));
    }

    /**
     * A sentence's worth of why, e.g. "62 % alike: the same gpu AMD Radeon RX 580 (48 %), driver of the concept NVIDIA 440
     * (NVIDIA 440.82, 14 %); differs in kernel (5.4 here, 5.8 theirs)." ("of the family" when only the kind's rule
     * relates them).
     */
    public String why() {
        StringBuilder b = new StringBuilder(percent(similarity)).append(" alike");
        if (!shared.isEmpty()) {
            b.append(": ").append(shared.stream().map(s -> s.family() == null
                    ? "the same " + s.mine().kind() + " " + s.mine().value() + " (" + percent(s.share()) + ")"
                    : s.mine().kind() + (s.conceptIri() == null ? " of the family " : " of the concept ") + s.family()
                      + " (" + s.theirs().value() + ", " + percent(s.share()) + ")")
                    .collect(Collectors.joining(", ")));
        }
        if (!differences.isEmpty()) {
            b.append(shared.isEmpty() ? ": " : "; ").append("differs in ").append(differences.stream().map(d -> d.theirs() == null
                    ? d.mine().kind() + " (not given by them)"
                    : d.mine().kind() + " (" + d.mine().value() + " here, " + d.theirs().value() + " theirs)")
                    .collect(Collectors.joining(", ")));
        }
        return b.append('.').toString();
    }

    private static String percent(double x) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * x);
    }
}
