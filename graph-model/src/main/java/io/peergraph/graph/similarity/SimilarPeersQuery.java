package io.peergraph.graph.similarity;

import io.peergraph.graph.stuff.ConfigItem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * "The configurations most like mine": the exact top-k by {@link SimilarityProfile} similarity, without
 * scanning every configuration. A threshold algorithm: walk the posting lists of my items rarest first (each
 * is the {@code INCLUDES} relationships of one item), keep the best k fully scored configurations, and stop as
 * soon as the k-th best beats the most any configuration not seen yet could score (the weights of the terms
 * not walked). Sharing a rare item is what makes a peer close, so the walk usually ends after a list or two;
 * the lists of common items (a popular GPU is in a fifth of all configurations) are rarely walked.
 *
 * <p>Each walk step returns only its own top k (a configuration's score does not depend on which list found
 * it), ordered by score then id, so the answer is the same whatever order the data was written in.
 */
public final class SimilarPeersQuery {

    private static final double EPSILON = 1e-9;

    // Relies on the configuration id constraint and the count store (the number of configurations).
    private static final String PROFILE = """
            MATCH (me:Configuration {id: $configurationId})-[:INCLUDES]->(i:ConfigItem)
            WHERE $kinds IS NULL OR i.kind IN $kinds
            CALL (i) {
              OPTIONAL MATCH (i)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER]->(family:Concept)
              WITH i, family ORDER BY family.id LIMIT 1
              OPTIONAL MATCH (family)<-[:BROADER]-(:Concept)<-[:CLASSIFIED_AS]-(member:ConfigItem)
              WHERE member.kind = i.kind AND member <> i
              RETURN family.id AS concept, collect(DISTINCT member {.id, .kind, .value, .configCount}) AS members
            }
            WITH i, concept, members ORDER BY i.kind, i.id
            RETURN COUNT { (:Configuration) } AS configurations,
                   collect(i {.id, .kind, .value, .configCount, concept: concept, members: members}) AS mine
            """;

    // Family members by the ConfigItem.key prefix: a range seek on the config_item_key constraint's index.
    private static final String FAMILY_MEMBERS = """
            UNWIND $prefixes AS prefix
            MATCH (m:ConfigItem) WHERE m.key STARTS WITH prefix
            RETURN prefix, collect(m {.id, .kind, .value, .configCount}) AS members
            """;

    /** One walk step: the best $k shareable configurations among those that include any of $itemIds. */
    private static final String STEP = """
            UNWIND $itemIds AS itemId
            MATCH (:ConfigItem {id: itemId})<-[:INCLUDES]-(c:Configuration)
            WITH DISTINCT c
            WHERE coalesce(c.listedInPeers, true) AND coalesce(c.privacy, 'COMMUNITY') <> 'PRIVATE'
              AND NOT c.id IN $excludedConfigurations
            WITH c, reduce(hits = [], xid IN [(c)-[:INCLUDES]->(x:ConfigItem) | x.id] | hits + coalesce($lookup[xid], [])) AS hits
            WITH c, [slot IN range(0, $slots - 1) |
                       reduce(best = 0.0, h IN hits | CASE WHEN h[0] = slot AND h[1] > best THEN h[1] ELSE best END)] AS earned
            WITH c, reduce(total = 0.0, e IN earned | total + e) AS score
            ORDER BY score DESC, c.id
            LIMIT $k
            RETURN c.id AS id, score
            """;

    // The owners' configurations never count as peers of theirs.
    private static final String EXCLUDED = """
            UNWIND $ownerIds AS ownerId
            MATCH (:Customer {id: ownerId})-[:OWNS]->(c:Configuration)
            RETURN collect(DISTINCT c.id) AS ids
            """;

    private static final String EXPLAIN = """
            UNWIND $ids AS id
            MATCH (owner:Customer)-[:OWNS]->(c:Configuration {id: id})
            RETURN c.id AS id, owner.id AS ownerId,
                   [(c)-[:INCLUDES]->(x:ConfigItem) | x {.id, .kind, .value, .configCount}] AS items
            """;

    private final Neo4jClient client;

    public SimilarPeersQuery(Neo4jClient client) {
        this.client = client;
    }

    /** Who asks: the configuration, its owner and the caller (neither sees their own configurations). */
    public record Question(String configurationId, Collection<String> excludedOwnerIds, List<String> kinds, int k) {}

    /** The top k, most similar first, explained; empty when the configuration has no (matching) items. */
    public List<SimilarConfiguration> run(Question q) {
        SimilarityProfile profile = profile(q.configurationId(), q.kinds());
        if (profile.slots().isEmpty()) {
            return List.of();
        }
        List<Scored> top = topK(profile, excludedConfigurations(q), q.k());
        return explain(profile, top);
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
        Map<String, List<ConfigItem>> byPrefix = derivedFamilyMembers(items);
        List<SimilarityProfile.Slot> slots = new ArrayList<>();
        for (Value v : items) {
            ConfigItem item = item(v);
            String family;
            boolean taxonomy = !v.get("concept").isNull();
            List<ConfigItem> members;
            if (taxonomy) {
                family = v.get("concept").asString();
                members = v.get("members").asList(SimilarPeersQuery::item);
            } else {
                Optional<ItemFamily> derived = ItemFamily.of(item.kind(), item.value());
                family = derived.map(ItemFamily::key).orElse(null);
                members = derived.map(f -> byPrefix.getOrDefault(f.keyPrefix(), List.<ConfigItem>of()).stream()
                        .filter(m -> !m.id().equals(item.id()) && ItemFamily.of(m.kind(), m.value()).equals(derived))
                        .toList()).orElse(List.of());
            }
            members = members.stream().sorted(Comparator.comparing(ConfigItem::id)).toList();
            long familyCount = item.configCount() + members.stream().mapToLong(ConfigItem::configCount).sum();
            slots.add(new SimilarityProfile.Slot(slots.size(), item, SimilarityProfile.rarity(n, item.configCount()),
                    family, taxonomy, members, SimilarityProfile.PARTIAL * SimilarityProfile.rarity(n, familyCount)));
        }
        return new SimilarityProfile(List.copyOf(slots));
    }

    private Map<String, List<ConfigItem>> derivedFamilyMembers(List<Value> items) {
        List<String> prefixes = items.stream().filter(v -> v.get("concept").isNull())
                .flatMap(v -> ItemFamily.of(v.get("kind").asString(), v.get("value").asString()).stream())
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

    private List<Scored> topK(SimilarityProfile profile, List<String> excluded, int k) {
        Map<String, Object> params = new HashMap<>();
        params.put("lookup", profile.lookup());
        params.put("slots", profile.slots().size());
        params.put("excludedConfigurations", excluded);
        params.put("k", k);
        Map<String, Scored> seen = new HashMap<>();
        List<SimilarityProfile.Term> walked = new ArrayList<>();
        List<Scored> best = List.of();
        for (SimilarityProfile.Term term : profile.terms()) {
            if (best.size() >= k && best.get(k - 1).score() > profile.bound(walked) + EPSILON) {
                break; // nothing unseen can reach the k-th best: the top k is exact
            }
            params.put("itemIds", term.itemIds());
            client.query(STEP).bindAll(params).fetch().all()
                    .forEach(row -> seen.putIfAbsent((String) row.get("id"), new Scored((String) row.get("id"), (Double) row.get("score"))));
            walked.add(term);
            best = seen.values().stream().sorted(RANK).limit(k).toList();
        }
        return best;
    }

    private List<String> excludedConfigurations(Question q) {
        return client.query(EXCLUDED).bind(List.copyOf(q.excludedOwnerIds())).to("ownerIds").fetchAs(List.class)
                .mappedBy((t, r) -> r.get("ids").asList(Value::asString)).one().map(l -> (List<String>) l).orElse(List.of());
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
            Optional<ConfigItem> relative = slot.familyMembers().stream().filter(m -> theirIds.contains(m.id())).findFirst();
            relative.ifPresentOrElse(r -> {
                partial.add(new PartialMatch(slot.item(), r, slot.family(), slot.familyFromTaxonomy()));
                explained.add(r.id());
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
