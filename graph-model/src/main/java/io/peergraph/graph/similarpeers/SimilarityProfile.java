package io.peergraph.graph.similarpeers;

import io.peergraph.graph.stuff.ConfigItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * What "like my configuration" means, as numbers: one slot per item of mine. A configuration that includes
 * my item earns the slot's exact weight, its rarity ({@link io.peergraph.graph.stuff.Rarity}); one that has only another
 * member of the item's family earns the family weight, {@code PARTIAL} times the family's rarity (always less).
 * The similarity is the sum over my slots, added in slot order so that every implementation gets the very
 * same double and ties are real ties.
 */
public record SimilarityProfile(List<Slot> slots) {

    /** A partial match counts half as much as the family's rarity. */
    public static final double PARTIAL = 0.5;

    /** One item of mine, and its family (members other than the item itself; empty without one). */
    public record Slot(int index, ConfigItem item, double exactWeight, String family, boolean familyFromTaxonomy,
                       List<ConfigItem> familyMembers, double familyWeight) {
        boolean hasFamily() {
            return !familyMembers.isEmpty();
        }
    }

    /** A posting list to walk: the configurations that include any of {@code itemIds}. */
    public record Term(int slot, boolean exact, double weight, List<String> itemIds) {}

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
        return s.familyMembers().stream().anyMatch(m -> itemIds.contains(m.id())) ? s.familyWeight() : 0.0;
    }

    /** Heaviest first (rarest items first), exact before family: the order of the threshold algorithm. */
    public List<Term> terms() {
        List<Term> terms = new ArrayList<>();
        for (Slot s : slots) {
            terms.add(new Term(s.index(), true, s.exactWeight(), List.of(s.item().id())));
            if (s.hasFamily()) {
                terms.add(new Term(s.index(), false, s.familyWeight(), s.familyMembers().stream().map(ConfigItem::id).toList()));
            }
        }
        terms.sort(Comparator.comparingDouble(Term::weight).reversed()
                .thenComparing(t -> !t.exact()).thenComparingInt(Term::slot));
        return terms;
    }

    /** The most an unseen configuration can score once {@code walked} terms have been walked. */
    public double bound(Collection<Term> walked) {
        double bound = 0.0;
        for (Slot s : slots) {
            boolean exactWalked = walked.stream().anyMatch(t -> t.slot() == s.index() && t.exact());
            boolean familyWalked = walked.stream().anyMatch(t -> t.slot() == s.index() && !t.exact());
            bound += !exactWalked ? s.exactWeight() : s.hasFamily() && !familyWalked ? s.familyWeight() : 0.0;
        }
        return bound;
    }
}
