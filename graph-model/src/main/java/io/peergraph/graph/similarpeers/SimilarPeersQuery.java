package io.peergraph.graph.similarpeers;

import io.peergraph.graph.facet.DeclaredKinds;
import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.facet.ItemRelation;
import io.peergraph.graph.stuff.ConfigItem;
import io.peergraph.graph.stuff.Rarity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * "The configurations most like mine": the exact top-k by {@link SimilarityProfile} similarity, without
 * scanning every configuration. A threshold algorithm over the {@link SimilarityIndex} (an in-memory copy of
 * who includes what, caught up with the graph before each question): walk the posting lists of my items
 * rarest first, score every configuration met in full, keep the best k, and stop as soon as the k-th best
 * beats the most any configuration not met yet could score (the weights of the terms not walked). Sharing a
 * rare item is what makes a peer close, so the walk usually ends after a list or two; the lists of common
 * items (a popular GPU is in a fifth of all configurations) are rarely walked, and cost a millisecond when they are.
 *
 * <p>{@link Mode#APPROXIMATE} stops instead once it has scored {@code approximateBudget} configurations and
 * has k: whole posting lists only, so its answer too is independent of the order the data was written in.
 * Weights (and the profile) are read from the graph, the final rows too: a configuration that left peer
 * listings is never shown, even in the instant before the index hears of it. Ties are broken by
 * configuration id.
 */
public final class SimilarPeersQuery {

    private static final double EPSILON = 1e-9;

    // Relies on the configuration id constraint and the count store (the number of configurations). Each item of mine
    // with its concepts and the items of its kind that share one (ItemRelation.byConcept), each with its own concepts:
    // ItemRelation judges how near each is. Read at each question, so a moderator's merge or broader link between item
    // concepts changes the next answer (the in-memory index holds only who includes what).
    private static final String PROFILE = """
            MATCH (me:Configuration {id: $configurationId})-[:INCLUDES]->(i:ConfigItem)
            WHERE $kinds IS NULL OR i.kind IN $kinds
            CALL (i) {
              OPTIONAL MATCH BY_CONCEPT
              WHERE relative.kind = i.kind AND relative <> i
              WITH DISTINCT relative
              RETURN collect(relative {.id, .kind, .value, .configCount, concepts: RELATIVE_CONCEPTS}) AS relatives
            }
            WITH i, relatives ORDER BY i.kind, i.id
            RETURN COUNT { (:Configuration) } AS configurations,
                   collect(i {.id, .kind, .value, .configCount, concepts: ITEM_CONCEPTS, relatives: relatives}) AS mine
            """.replace("BY_CONCEPT", ItemRelation.byConcept("i", "relative"))
            .replace("RELATIVE_CONCEPTS", ItemRelation.concepts("relative")).replace("ITEM_CONCEPTS", ItemRelation.concepts("i"));

    // Family members by the ConfigItem.key prefix: a range seek on the config_item_key constraint's index.
    private static final String FAMILY_MEMBERS = """
            UNWIND $prefixes AS prefix
            MATCH (m:ConfigItem) WHERE m.key STARTS WITH prefix
            RETURN prefix, collect(m {.id, .kind, .value, .configCount}) AS members
            """;

    private static final String EXPLAIN = """
            UNWIND $ids AS id
            MATCH (owner:Customer)-[:OWNS]->(c:Configuration {id: id})
            WHERE coalesce(c.listedInPeers, true) AND coalesce(c.privacy, 'COMMUNITY') <> 'PRIVATE'
            RETURN c.id AS id, owner.id AS ownerId,
                   [(c)-[:INCLUDES]->(x:ConfigItem) | x {.id, .kind, .value, .configCount}] AS items
            """;

    /** Configurations an approximate answer scores before it stops (whole posting lists, so often more). */
    public static final int DEFAULT_APPROXIMATE_BUDGET = 2_000;

    private final Neo4jClient client;
    private final DeclaredKinds declaredKinds;
    private final SimilarityIndex index;
    private final int approximateBudget;

    public SimilarPeersQuery(Neo4jClient client) {
        this(client, new SimilarityIndex(client), DEFAULT_APPROXIMATE_BUDGET);
    }

    public SimilarPeersQuery(Neo4jClient client, SimilarityIndex index, int approximateBudget) {
        this.client = client;
        this.declaredKinds = new DeclaredKinds(client);
        this.index = index;
        this.approximateBudget = approximateBudget;
    }

    /** Exact: the true top k. Approximate: a bounded amount of work, recall measured by bench/run-similarity.sh. */
    public enum Mode { EXACT, APPROXIMATE }

    /** Who asks: the configuration, its owner and the caller (neither sees their own configurations). */
    public record Question(String configurationId, Collection<String> excludedOwnerIds, List<String> kinds, int k, Mode mode) {
        public Question(String configurationId, Collection<String> excludedOwnerIds, List<String> kinds, int k) {
            this(configurationId, excludedOwnerIds, kinds, k, Mode.EXACT);
        }
    }

    /** The top k, most similar first, explained; empty when the configuration has no (matching) items. */
    public List<SimilarConfiguration> run(Question q) {
        SimilarityProfile profile = profile(q.configurationId(), q.kinds());
        if (profile.slots().isEmpty()) {
            return List.of();
        }
        index.catchUp();
        List<Scored> top = index.read(postings -> topK(postings, profile, Set.copyOf(q.excludedOwnerIds()), q.k(), q.mode()));
        return explain(profile, top);
    }

    /** The in-memory index this query walks (for warming it up and for tests). */
    public SimilarityIndex index() {
        return index;
    }

    /** The weights for a configuration (public so that tests and benches can check against brute force). */
    public SimilarityProfile profile(String configurationId, List<String> kinds) {
        Map<String, Object> params = new HashMap<>();
        params.put("configurationId", configurationId);
        params.put("kinds", kinds);
        record Mine(long configurations, List<Value> items) {}
        Optional<Mine> mine = client.query(PROFILE).bindAll(params).fetchAs(Mine.class)
                .mappedBy((t, r) -> new Mine(r.get("configurations").asLong(), r.get("mine").asList(v -> v))).one();
        if (mine.isEmpty() || mine.get().items().isEmpty()) {
            return new SimilarityProfile(List.of());
        }
        long n = mine.get().configurations();
        List<Value> items = mine.get().items();
        ItemFacets facets = declaredKinds.read(); // the families each kind declares
        Map<String, List<ConfigItem>> byPrefix = familyMembers(facets, items);
        List<SimilarityProfile.Slot> slots = new ArrayList<>();
        for (Value v : items) {
            ConfigItem item = item(v);
            slots.add(new SimilarityProfile.Slot(slots.size(), item, Rarity.weight(n, item.configCount()), relatives(facets, n, item,
                    ItemRelation.concepts(v.get("concepts")), v.get("relatives").asList(r -> r), byPrefix)));
        }
        return new SimilarityProfile(List.copyOf(slots));
    }

    /**
     * My item's relatives by level, nearest first: those sharing a concept ({@code byConcept}, each with its concepts) and
     * those of its family by the kind's rule ({@code byPrefix}, confirmed by the rule), each at the level
     * {@link ItemRelation} finds nearest. A level's weight counts the configurations of my item and of every relative at
     * that level or nearer.
     */
    private static List<SimilarityProfile.Relatives> relatives(ItemFacets facets, long n, ConfigItem item, List<ItemRelation.ItemConcept> concepts,
                                                               List<Value> byConcept, Map<String, List<ConfigItem>> byPrefix) {
        Map<String, SimilarityProfile.Relative> nearest = new HashMap<>();
        for (Value r : byConcept) {
            ConfigItem relative = item(r);
            ItemRelation.of(facets, item, concepts, relative, ItemRelation.concepts(r.get("concepts")))
                    .ifPresent(relation -> nearest.put(relative.id(), new SimilarityProfile.Relative(relative, relation)));
        }
        // The rule's family: its members that share no concept with my item (those that do were all found above).
        facets.family(item.kind(), item.value()).ifPresent(f -> byPrefix.getOrDefault(f.keyPrefix(), List.of()).stream()
                .filter(m -> !m.id().equals(item.id()) && !nearest.containsKey(m.id()))
                .forEach(m -> ItemRelation.of(facets, item, concepts, m, List.of())
                        .ifPresent(relation -> nearest.put(m.id(), new SimilarityProfile.Relative(m, relation)))));
        List<SimilarityProfile.Relatives> levels = new ArrayList<>();
        long configurations = item.configCount();
        for (ItemRelation.Level level : ItemRelation.Level.values()) {
            List<SimilarityProfile.Relative> at = nearest.values().stream().filter(r -> r.relation().level() == level)
                    .sorted(Comparator.comparing(r -> r.item().id())).toList();
            if (!at.isEmpty()) {
                configurations += at.stream().mapToLong(r -> r.item().configCount()).sum();
                levels.add(new SimilarityProfile.Relatives(level, SimilarityProfile.PARTIAL * Rarity.weight(n, configurations), at));
            }
        }
        return List.copyOf(levels);
    }

    private Map<String, List<ConfigItem>> familyMembers(ItemFacets facets, List<Value> items) {
        List<String> prefixes = items.stream()
                .flatMap(v -> facets.family(v.get("kind").asString(), v.get("value").asString()).stream())
                .map(ItemFamily::keyPrefix).distinct().toList();
        if (prefixes.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ConfigItem>> out = new HashMap<>();
        client.query(FAMILY_MEMBERS).bind(prefixes).to("prefixes").fetch().all().forEach(row ->
                out.put((String) row.get("prefix"), ((List<?>) row.get("members")).stream()
                        .map(m -> item((Map<?, ?>) m)).toList()));
        return out;
    }

    private record Scored(String id, double score) {}

    private static final Comparator<Scored> RANK = Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id);

    private List<Scored> topK(SimilarityIndex.Postings postings, SimilarityProfile profile, Set<String> excludedOwners,
                              int k, Mode mode) {
        Scorer scorer = new Scorer(profile, postings);
        PriorityQueue<Scored> best = new PriorityQueue<>(RANK.reversed()); // the worst of the best k first
        BitSet met = new BitSet();
        List<SimilarityProfile.Term> walked = new ArrayList<>();
        int scored = 0;
        for (SimilarityProfile.Term term : profile.terms()) {
            if (best.size() >= k && best.peek().score() > profile.bound(walked) + EPSILON) {
                break; // nothing not met yet can reach the k-th best: the top k is exact
            }
            if (mode == Mode.APPROXIMATE && best.size() >= k && scored >= approximateBudget) {
                break;
            }
            for (String itemId : term.itemIds()) {
                int item = postings.item(itemId);
                SimilarityIndex.IntList list = item < 0 ? null : postings.postings(item);
                for (int i = 0; list != null && i < list.size(); i++) {
                    int c = list.get(i);
                    if (met.get(c)) {
                        continue;
                    }
                    met.set(c);
                    if (!postings.listed(c) || excludedOwners.contains(postings.ownerId(c))) {
                        continue;
                    }
                    scored++;
                    double score = scorer.score(postings.items(c));
                    if (best.size() >= k && score < best.peek().score()) {
                        continue; // the common case once the heap is full: no allocation for a loser
                    }
                    Scored candidate = new Scored(postings.configurationId(c), score);
                    if (best.size() < k) {
                        best.add(candidate);
                    } else if (RANK.compare(candidate, best.peek()) < 0) {
                        best.poll();
                        best.add(candidate);
                    }
                }
            }
            walked.add(term);
        }
        return best.stream().sorted(RANK).toList();
    }

    /**
     * {@link SimilarityProfile#score} over the index's item ordinals: per slot the best weight earned, summed in
     * slot order, so that it returns the very same double (ties stay ties, and brute force agrees).
     */
    private static final class Scorer {
        private final int[] earnings; // item ordinal -> index into slots/weights, -1 when the item earns nothing
        private final int[][] slots;
        private final double[][] weights;
        private final double[] earned;

        Scorer(SimilarityProfile profile, SimilarityIndex.Postings postings) {
            Map<Integer, List<double[]>> byItem = new TreeMap<>();
            for (SimilarityProfile.Slot s : profile.slots()) {
                add(byItem, postings.item(s.item().id()), s.index(), s.exactWeight());
                s.relatives().forEach(level -> level.members().forEach(m -> add(byItem, postings.item(m.item().id()), s.index(), level.weight())));
            }
            earnings = new int[postings.itemCount()];
            Arrays.fill(earnings, -1);
            slots = new int[byItem.size()][];
            weights = new double[byItem.size()][];
            int i = 0;
            for (Map.Entry<Integer, List<double[]>> e : byItem.entrySet()) {
                earnings[e.getKey()] = i;
                slots[i] = e.getValue().stream().mapToInt(x -> (int) x[0]).toArray();
                weights[i] = e.getValue().stream().mapToDouble(x -> x[1]).toArray();
                i++;
            }
            earned = new double[profile.slots().size()];
        }

        private static void add(Map<Integer, List<double[]>> byItem, int item, int slot, double weight) {
            if (item >= 0) {
                byItem.computeIfAbsent(item, x -> new ArrayList<>()).add(new double[] {slot, weight});
            }
        }

        double score(int[] theirs) {
            Arrays.fill(earned, 0.0);
            for (int item : theirs) {
                int at = earnings[item];
                for (int e = 0; at >= 0 && e < slots[at].length; e++) {
                    earned[slots[at][e]] = Math.max(earned[slots[at][e]], weights[at][e]);
                }
            }
            double total = 0.0;
            for (double w : earned) {
                total += w;
            }
            return total;
        }
    }

    private List<SimilarConfiguration> explain(SimilarityProfile profile, List<Scored> top) {
        if (top.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        client.query(EXPLAIN).bind(top.stream().map(Scored::id).toList()).to("ids").fetch().all()
                .forEach(row -> rows.put((String) row.get("id"), row));
        Set<String> kinds = new HashSet<>();
        profile.slots().forEach(s -> kinds.add(s.item().kind()));
        return top.stream().filter(s -> rows.containsKey(s.id())).map(s -> {
            Map<String, Object> row = rows.get(s.id());
            List<ConfigItem> theirs = ((List<?>) row.get("items")).stream().map(m -> item((Map<?, ?>) m))
                    .filter(i -> kinds.contains(i.kind())).sorted(Comparator.comparing(ConfigItem::kind).thenComparing(ConfigItem::id)).toList();
            return explainOne(profile, s, (String) row.get("ownerId"), theirs);
        }).toList();
    }

    private static SimilarConfiguration explainOne(SimilarityProfile profile, Scored s, String ownerId, List<ConfigItem> theirs) {
        Set<String> theirIds = new HashSet<>();
        theirs.forEach(i -> theirIds.add(i.id()));
        List<ConfigItem> shared = new ArrayList<>();
        List<PartialMatch> partial = new ArrayList<>();
        List<ConfigItem> onlyMine = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (SimilarityProfile.Slot slot : profile.slots()) {
            if (theirIds.contains(slot.item().id())) {
                shared.add(slot.item());
                explained.add(slot.item().id());
                continue;
            }
            // The nearest level at which they have a relative (the heaviest: levels weigh less the looser they are).
            Optional<SimilarityProfile.Relative> relative = slot.relatives().stream()
                    .flatMap(level -> level.members().stream().filter(m -> theirIds.contains(m.item().id())).limit(1)).findFirst();
            relative.ifPresentOrElse(r -> {
                partial.add(new PartialMatch(slot.item(), r.item(), r.relation().family(), r.relation().viaConcept(), r.relation().conceptIri()));
                explained.add(r.item().id());
            }, () -> onlyMine.add(slot.item()));
        }
        List<ConfigItem> onlyTheirs = theirs.stream().filter(i -> !explained.contains(i.id())).toList();
        return new SimilarConfiguration(s.id(), ownerId, s.score(), shared, partial, onlyMine, onlyTheirs);
    }

    private static ConfigItem item(Value v) {
        return new ConfigItem(v.get("id").asString(), v.get("kind").asString(), v.get("value").asString(), v.get("configCount").asLong(0));
    }

    private static ConfigItem item(Map<?, ?> m) {
        return new ConfigItem((String) m.get("id"), (String) m.get("kind"), (String) m.get("value"),
                m.get("configCount") == null ? 0 : ((Number) m.get("configCount")).longValue());
    }
}
