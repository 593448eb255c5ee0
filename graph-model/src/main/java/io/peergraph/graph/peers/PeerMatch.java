package io.peergraph.graph.peers;

import io.peergraph.graph.similarpeers.ItemFamily;
import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.facet.ItemFacets;
import java.util.ArrayList;
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
 * which the peer has a relative of the same concept (one both are classified under, or a broader one within
 * {@link PeerSignature#ITEM_CONCEPT_DEPTH}) or of the same family ({@link ItemFamily}: GPU generation, driver or kernel
 * major version, OS) half of it, others nothing; divided by the sum of the weights of all the asker's items. So 1 is the
 * same configuration, and a shared rare GPU counts far more than a shared common RAM size.
 */
public record PeerMatch(String ownerId, double similarity, List<ItemShare> shared, List<ItemDifference> differences,
                        List<PeerReport> reports) {

    /**
     * One of the asker's items the peer shares: exactly ({@code family} null, {@code theirs} the same item) or by family:
     * a concept both items are classified under (its label, and its IRI as {@code conceptIri}) or else the family
     * their kind's rule gives both ({@code conceptIri} null).
     */
    public record ItemShare(ConfigItem mine, ConfigItem theirs, String family, double share, String conceptIri) {}

    /**
     * A concept an item is classified under ({@code depth} 0) or one broader than that ({@code depth} 1, up to
     * {@link PeerSignature#ITEM_CONCEPT_DEPTH}): what the item's concept terms in the signature stand for.
     */
    public record ItemConcept(String id, String iri, String label, int depth) {}

    /** One of the asker's items the peer does not share, with the peer's item of that kind (null: the peer gave none). */
    public record ItemDifference(ConfigItem mine, ConfigItem theirs) {}

    /** The same without the taxonomy: families only by the rules {@code facets} declare. */
    static PeerMatch of(ItemFacets facets, String ownerId, List<ConfigItem> mine, List<ConfigItem> theirs, long configurations, List<PeerReport> reports) {
        return of(facets, Map.of(), ownerId, mine, theirs, configurations, reports);
    }

    /**
     * Scores the peer's {@code theirs} items against {@code mine} (each with {@code configCount}, how many configurations
     * include it) among {@code configurations} in all. An item of mine not shared exactly is shared by family when
     * the peer's item of its kind is classified under one of its {@code concepts} (by item id; the nearest concept wins)
     * — so a moderator's merge or broader link counts — else when the kind's rule in {@code facets} puts both in one
     * family. A concept only adds relatives to the rule's: two drivers of different majors a moderator merged are
     * alike, two GPUs of one generation stay alike whatever their pci.ids concepts.
     */
    static PeerMatch of(ItemFacets facets, Map<String, List<ItemConcept>> concepts, String ownerId, List<ConfigItem> mine,
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
            Optional<ConfigItem> exact = sameKind.stream().filter(t -> t.id().equals(m.id())).findFirst();
            Optional<ItemShare> byConcept = exact.isPresent() ? Optional.empty() : byConcept(m, sameKind, concepts, weight / 2);
            Optional<ItemFamily> family = facets.family(m.kind(), m.value());
            Optional<ConfigItem> relative = exact.isPresent() || byConcept.isPresent() || family.isEmpty() ? Optional.empty()
                    : sameKind.stream().filter(t -> family.equals(facets.family(t.kind(), t.value()))).findFirst();
            if (exact.isPresent()) {
                shared.add(new ItemShare(m, exact.get(), null, weight, null));
                similarity += weight;
            } else if (byConcept.isPresent()) {
                shared.add(byConcept.get());
                similarity += weight / 2;
            } else if (relative.isPresent()) {
                shared.add(new ItemShare(m, relative.get(), family.get().key(), weight / 2, null));
                similarity += weight / 2;
            } else {
                differences.add(new ItemDifference(m, sameKind.isEmpty() ? null : sameKind.getFirst()));
            }
        }
        shared.sort((a, b) -> Double.compare(b.share(), a.share()));
        return new PeerMatch(ownerId, Math.min(1, similarity), List.copyOf(shared), List.copyOf(differences), reports);
    }

    /** The peer's item of my item's kind that shares a concept with it, by the nearest concept (smallest depths, then id). */
    private static Optional<ItemShare> byConcept(ConfigItem m, List<ConfigItem> sameKind, Map<String, List<ItemConcept>> concepts, double share) {
        List<ItemConcept> mineUp = concepts.getOrDefault(m.id(), List.of());
        if (mineUp.isEmpty()) {
            return Optional.empty();
        }
        ItemShare best = null;
        int bestDepth = Integer.MAX_VALUE;
        for (ConfigItem t : sameKind) {
            for (ItemConcept theirs : concepts.getOrDefault(t.id(), List.of())) {
                for (ItemConcept c : mineUp) {
                    int depth = c.depth() + theirs.depth();
                    if (c.id().equals(theirs.id()) && (depth < bestDepth || depth == bestDepth && c.iri().compareTo(best.conceptIri()) < 0)) {
                        best = new ItemShare(m, t, c.label(), share, c.iri());
                        bestDepth = depth;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
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
