package io.peergraph.graph.similarpeers;

import io.peergraph.graph.facet.ItemRelation;
import io.peergraph.graph.stuff.ConfigItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What "like my configuration" means, as numbers: one slot per item of mine. A configuration that includes my item
 * earns the slot's exact weight, its rarity ({@link io.peergraph.graph.stuff.Rarity}); one that has only a relative of
 * it ({@link ItemRelation}: of the same concept, of a broader one, of the same family by the kind's rule) earns the
 * weight of the nearest level at which it has one: {@code PARTIAL} times the rarity of my item and every relative at
 * that level or nearer (always less than the exact weight, and less the looser the level). The similarity is the sum
 * over my slots, added in slot order so that every implementation gets the very same double and ties are real ties.
 */
public record SimilarityProfile(List<Slot> slots) {

    /** A partial match counts half as much as the rarity of the relatives it stands for. */
    public static final double PARTIAL = 0.5;

    /** One item of mine, and its relatives by level, nearest first (none: no relatives). */
    public record Slot(int index, ConfigItem item, double exactWeight, List<Relatives> relatives) {}

    /** The relatives of my item at one level (each at its nearest), and what a configuration with one of them earns. */
    public record Relatives(ItemRelation.Level level, double weight, List<Relative> members) {}

    /** One relative and how it relates to my item: the concept or family a partial match names. */
    public record Relative(ConfigItem item, ItemRelation relation) {}

    /** A posting list to walk: the configurations that include any of {@code itemIds}; {@code tier} -1 for the item itself. */
    public record Term(int slot, int tier, double weight, List<String> itemIds) {
        boolean exact() {
            return tier < 0;
        }
    }

    /** The similarity of a configuration with these items. */
    public double score(Collection<String> itemIds) {
        double total = 0.0;
        for (Slot s : slots) {
            total += contribution(s, itemIds);
        }
        return total;
    }

    private static double contribution(Slot s, Collection<String> itemIds) {
        if (itemIds.contains(s.item().id())) {
            return s.exactWeight();
        }
        double best = 0.0;
        for (Relatives r : s.relatives()) {
            if (r.members().stream().anyMatch(m -> itemIds.contains(m.item().id()))) {
                best = Math.max(best, r.weight());
            }
        }
        return best;
    }

    /** Heaviest first (rarest items first), exact before relatives: the order of the threshold algorithm. */
    public List<Term> terms() {
        List<Term> terms = new ArrayList<>();
        for (Slot s : slots) {
            terms.add(new Term(s.index(), -1, s.exactWeight(), List.of(s.item().id())));
            for (int t = 0; t < s.relatives().size(); t++) {
                Relatives r = s.relatives().get(t);
                terms.add(new Term(s.index(), t, r.weight(), r.members().stream().map(m -> m.item().id()).toList()));
            }
        }
        terms.sort(Comparator.comparingDouble(Term::weight).reversed()
                .thenComparing(t -> !t.exact()).thenComparingInt(Term::slot).thenComparingInt(Term::tier));
        return terms;
    }

    /** The most an unseen configuration can score once {@code walked} terms have been walked. */
    public double bound(Collection<Term> walked) {
        double bound = 0.0;
        for (Slot s : slots) {
            if (walked.stream().noneMatch(t -> t.slot() == s.index() && t.exact())) {
                bound += s.exactWeight();
                continue;
            }
            double unwalked = 0.0;
            for (int t = 0; t < s.relatives().size(); t++) {
                int tier = t;
                if (walked.stream().noneMatch(w -> w.slot() == s.index() && w.tier() == tier)) {
                    unwalked = Math.max(unwalked, s.relatives().get(t).weight());
                }
            }
            bound += unwalked;
        }
        return bound;
    }
}
