package io.peergraph.graph.stuff;

import io.peergraph.graph.facet.ItemClassification;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.paging.PageRequest;
import io.peergraph.graph.peers.PeerSignature;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configurations and their normalised items. Keeps {@code ConfigItem.configCount} (the rarity weight of an
 * item) and the peer signature of the configuration's reports in step, in the same transaction.
 */
public class ConfigurationStore {

    private static final String RETURN = """
            RETURN cfg {.id, .name, .privacy, .listedInPeers, .inStatistics, .createdAt, .updatedAt,
                        ownerId: owner.id,
                        itemId: head([(cfg)-[:OF_ITEM]->(it:Item) | it.id]),
                        items: [(cfg)-[inc:INCLUDES]->(ci:ConfigItem) | ci {.id, .kind, .value, .configCount, raw: inc.raw}]} AS cfg
            """;

    /** Adds the items (by natural key, one node per distinct item) and counts them. */
    private static final String INCLUDE_ITEMS = """
            MATCH (cfg:Configuration {id: $id})
            UNWIND $items AS item
            MERGE (ci:ConfigItem {key: item.key})
              ON CREATE SET ci.id = item.nodeId, ci.kind = item.kind, ci.value = item.value, ci.configCount = 0,
                            ci.createdAt = datetime(), ci.updatedAt = datetime()
            MERGE (cfg)-[rel:INCLUDES]->(ci)
              ON CREATE SET ci.configCount = ci.configCount + 1, rel.raw = item.raw
            """;

    private static final String EXCLUDE_ITEMS = """
            MATCH (cfg:Configuration {id: $id})-[rel:INCLUDES]->(ci:ConfigItem)
            SET ci.configCount = ci.configCount - 1
            DELETE rel
            """;

    private final Neo4jClient client;

    public ConfigurationStore(Neo4jClient client) {
        this.client = client;
    }

    /** {@code rawByKey}: the string typed for an item, by {@link ConfigItemValue#key()} (the value itself where absent). */
    public record NewConfiguration(String ownerId, String name, Privacy privacy, boolean listedInPeers,
                                   boolean inStatistics, String itemId, List<ConfigItemValue> items, Map<String, String> rawByKey) {

        public NewConfiguration(String ownerId, String name, Privacy privacy, boolean listedInPeers,
                                boolean inStatistics, String itemId, List<ConfigItemValue> items) {
            this(ownerId, name, privacy, listedInPeers, inStatistics, itemId, items, Map.of());
        }
    }

    @Transactional
    public Configuration create(NewConfiguration c) {
        String id = PublicId.CONFIGURATION.random();
        Map<String, Object> params = new HashMap<>();
        params.put("ownerId", c.ownerId());
        params.put("id", id);
        params.put("name", c.name());
        params.put("privacy", c.privacy().name());
        params.put("listedInPeers", c.listedInPeers());
        params.put("inStatistics", c.inStatistics());
        params.put("itemId", c.itemId());
        client.query("""
                        MATCH (owner:Customer {id: $ownerId})
                        CREATE (owner)-[:OWNS]->(cfg:Configuration {id: $id, name: $name, privacy: $privacy,
                                listedInPeers: $listedInPeers, inStatistics: $inStatistics,
                                createdAt: datetime(), updatedAt: datetime()})
                        WITH cfg
                        OPTIONAL MATCH (item:Item {id: $itemId})
                        FOREACH (_ IN CASE WHEN item IS NULL THEN [] ELSE [1] END | CREATE (cfg)-[:OF_ITEM]->(item))
                        """).bindAll(params).run();
        includeItems(id, c.items(), c.rawByKey());
        Outbox.record(client, EventType.ConfigurationChanged, id, Map.of());
        return byId(id).orElseThrow();
    }

    public record ConfigurationChange(String name, Privacy privacy, Boolean listedInPeers, Boolean inStatistics,
                                      List<ConfigItemValue> items, Map<String, String> rawByKey) {

        public ConfigurationChange(String name, Privacy privacy, Boolean listedInPeers, Boolean inStatistics,
                                   List<ConfigItemValue> items) {
            this(name, privacy, listedInPeers, inStatistics, items, Map.of());
        }
    }

    /** Applies the non-null parts of the change; replacing the items re-signs the configuration's reports. */
    @Transactional
    public Configuration update(String id, ConfigurationChange change) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("name", change.name());
        params.put("privacy", change.privacy() == null ? null : change.privacy().name());
        params.put("listedInPeers", change.listedInPeers());
        params.put("inStatistics", change.inStatistics());
        client.query("""
                        MATCH (cfg:Configuration {id: $id})
                        SET cfg.name = coalesce($name, cfg.name), cfg.privacy = coalesce($privacy, cfg.privacy),
                            cfg.listedInPeers = coalesce($listedInPeers, cfg.listedInPeers),
                            cfg.inStatistics = coalesce($inStatistics, cfg.inStatistics), cfg.updatedAt = datetime()
                        """).bindAll(params).run();
        if (change.items() != null) {
            client.query(EXCLUDE_ITEMS).bind(id).to("id").run();
            includeItems(id, change.items(), change.rawByKey());
        }
        if (change.items() != null || change.privacy() != null || change.listedInPeers() != null) {
            List<String> reportIds = reportIds(id);
            PeerSignature.refresh(client, reportIds);
            // last: the outbox counter is held until commit
            if (change.items() != null) {
                recordItemsChanged(id, reportIds);
            } else { // privacy or listing: what the similarity index reads
                Outbox.record(client, EventType.ConfigurationChanged, id, Map.of());
            }
        }
        return byId(id).orElseThrow();
    }

    /** Deletes the configuration; reports made on it stay (they are the community's history) but leave peer listings. */
    @Transactional
    public void delete(String id) {
        List<String> reportIds = reportIds(id);
        client.query(EXCLUDE_ITEMS).bind(id).to("id").run();
        client.query("""
                        MATCH (cfg:Configuration {id: $id})
                        OPTIONAL MATCH (cfg)<-[:ON]-(r:Report)
                        SET r.peerSymptoms = null, r.peerItems = null, r.peerOwner = null
                        WITH DISTINCT cfg
                        DETACH DELETE cfg
                        """).bind(id).to("id").run();
        recordItemsChanged(id, reportIds);
    }

    public Optional<Configuration> byId(String id) {
        return client.query("MATCH (owner:Customer)-[:OWNS]->(cfg:Configuration {id: $id}) " + RETURN)
                .bind(id).to("id").fetchAs(Configuration.class).mappedBy((t, r) -> map(r.get("cfg"))).one();
    }

    public List<Configuration> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (owner:Customer)-[:OWNS]->(cfg:Configuration {id: id}) " + RETURN)
                .bind(List.copyOf(ids)).to("ids").fetchAs(Configuration.class).mappedBy((t, r) -> map(r.get("cfg"))).all());
    }

    /** A keyset page of the owner's configurations, newest first. */
    public List<Configuration> byOwner(String ownerId, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        params.put("ownerId", ownerId);
        params.put("afterTime", page.afterTime());
        params.put("afterId", page.afterId());
        params.put("size", page.size());
        return List.copyOf(client.query("""
                        MATCH (owner:Customer {id: $ownerId})-[:OWNS]->(cfg:Configuration)
                        WITH owner, cfg, cfg.createdAt.epochMillis AS t
                        WHERE $afterId IS NULL OR t < $afterTime OR (t = $afterTime AND cfg.id < $afterId)
                        WITH owner, cfg, t ORDER BY t DESC, cfg.id DESC LIMIT $size
                        """ + RETURN)
                .bindAll(params).fetchAs(Configuration.class).mappedBy((t, r) -> map(r.get("cfg"))).all());
    }

    private void includeItems(String id, List<ConfigItemValue> items, Map<String, String> rawByKey) {
        Map<String, String> raws = rawByKey == null ? Map.of() : rawByKey;
        List<Map<String, Object>> rows = items.stream().distinct().map(i -> Map.<String, Object>of(
                "key", i.key(), "kind", i.kind(), "value", i.value(), "raw", raws.getOrDefault(i.key(), i.value()),
                "nodeId", PublicId.CONFIG_ITEM.fromKey(i.key()))).toList();
        client.query(INCLUDE_ITEMS).bindAll(Map.of("id", id, "items", rows)).run();
        ItemClassification.classify(client, items.stream().map(ConfigItemValue::key).distinct().toList());
    }

    private List<String> reportIds(String configurationId) {
        return client.query(PeerSignature.REFRESH_FOR_CONFIGURATIONS).bind(List.of(configurationId)).to("configurationIds")
                .fetchAs(List.class).mappedBy((t, r) -> r.get("reportIds").asList(Value::asString)).one()
                .map(l -> (List<String>) l).orElse(List.of());
    }

    /**
     * A case's search document carries its configuration's items, so every report on the configuration is
     * re-indexed; the report ids are taken before a delete removes the ON relationships that lead to them.
     */
    private void recordItemsChanged(String configurationId, List<String> reportIds) {
        Outbox.record(client, EventType.ConfigurationChanged, configurationId, Map.of());
        Outbox.recordAll(client, EventType.ReportChanged, reportIds, Map.of("configurationId", configurationId));
    }

    static Configuration map(Value c) {
        List<ConfigItem> items = c.get("items").asList(i -> new ConfigItem(i.get("id").asString(), i.get("kind").asString(),
                i.get("value").asString(), i.get("configCount").asLong(0), i.get("raw").asString(null)));
        return new Configuration(c.get("id").asString(), c.get("ownerId").asString(), c.get("name").asString(null),
                Privacy.valueOf(c.get("privacy").asString("COMMUNITY")), c.get("listedInPeers").asBoolean(true),
                c.get("inStatistics").asBoolean(true), c.get("itemId").asString(null),
                items.stream().sorted(java.util.Comparator.comparing(ConfigItem::kind).thenComparing(ConfigItem::value)).toList(),
                c.get("createdAt").asZonedDateTime(null), c.get("updatedAt").asZonedDateTime(null));
    }
}
