package io.peergraph.graph.facet;

import io.peergraph.graph.similarpeers.ItemFamily;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The item kinds the taxonomy declares, by domain: what similar peers and benchmark cohorts read instead of code.
 * A domain is one configuration-facets scheme; its cohort ladder is its kinds with a {@code pg:cohortRank}, most
 * telling first. {@link ItemFacetStore} reads them from the graph, where seed and domain loads put them.
 */
public record ItemFacets(List<ItemKind> kinds) {

    /** The domain of the bundled configuration-facets seed. */
    public static final String PC_DOMAIN = "https://peergraph.io/taxonomy/configuration-facets";

    /**
     * What stands in for the PC facets in a store they were never loaded into (as in graph-model's own tests): the PC
     * declarations of ontology-seeds' {@code seeds/configuration-facets.ttl}, which a test there keeps
     * equal to this.
     */
    public static final ItemFacets BUILT_IN = new ItemFacets(List.of(
            new ItemKind("gpu", PC_DOMAIN, 1, new FamilyRule.ModelGeneration(), null),
            new ItemKind("driver", PC_DOMAIN, 2, new FamilyRule.VersionMajor(), null),
            new ItemKind("os", PC_DOMAIN, 3, new FamilyRule.ReleaseName(), null),
            new ItemKind("kernel", PC_DOMAIN, 4, new FamilyRule.VersionSeries(), null),
            new ItemKind("cpu", PC_DOMAIN, 5, new FamilyRule.ModelGeneration(), null),
            new ItemKind("ram", PC_DOMAIN, 6, null, null),
            new ItemKind("gpu_vendor", PC_DOMAIN, null, null, null),
            new ItemKind("compatibility_layer", PC_DOMAIN, null, null, null)));

    public ItemFacets {
        kinds = List.copyOf(kinds);
    }

    private Map<String, ItemKind> byKind() {
        return kinds.stream().collect(Collectors.toMap(ItemKind::kind, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public Optional<ItemKind> kind(String kind) {
        return Optional.ofNullable(byKind().get(kind));
    }

    /** The family of an item by its kind's declared rule; empty when the kind has none or the value does not fit it. */
    public Optional<ItemFamily> family(String kind, String value) {
        return kind(kind).flatMap(ItemKind::rule).flatMap(rule -> rule.family(kind, value));
    }

    /** Every domain's cohort ladder, keyed by domain IRI. */
    public Map<String, List<String>> ladders() {
        Map<String, List<String>> ladders = new TreeMap<>();
        kinds.stream().filter(k -> k.cohortRank() != null)
                .sorted(Comparator.comparing(ItemKind::cohortRank).thenComparing(ItemKind::kind))
                .forEach(k -> ladders.computeIfAbsent(k.domain(), d -> new ArrayList<>()).add(k.kind()));
        return ladders;
    }

    /** A domain's cohort ladder: its ranked kinds, most telling first. */
    public record Ladder(String domain, List<String> kinds) {}

    /**
     * The cohort ladder for a configuration with items of these kinds: that of the domain whose ladder holds most of them
     * (ties: the PC domain, then the smallest IRI); with none, the PC domain's (or the first domain's).
     */
    public Ladder ladderFor(Collection<String> configurationKinds) {
        return ladders().entrySet().stream()
                .max(Comparator.<Map.Entry<String, List<String>>>comparingLong(e -> configurationKinds.stream().distinct().filter(e.getValue()::contains).count())
                        .thenComparing(e -> e.getKey().equals(PC_DOMAIN))
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(e -> new Ladder(e.getKey(), e.getValue())).orElse(new Ladder(PC_DOMAIN, List.of()));
    }

    /** The kinds other domains declare: a configuration with only such items belongs to another domain. */
    public List<String> kindsOutside(String domain) {
        return kinds.stream().filter(k -> !k.domain().equals(domain)).map(ItemKind::kind).sorted().toList();
    }
}
