package io.peergraph.ingest.generic;

import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.ingest.engine.BatchWriter;
import io.peergraph.ingest.engine.SymptomHierarchy;
import io.peergraph.seeds.tags.TagApplication;
import io.peergraph.seeds.tags.TagRequest;
import io.peergraph.seeds.tags.Tagging;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.TransactionContext;

/**
 * Writes a batch of one generic entity type; keeps the peer signature of touched reports current and records the
 * outbox events of what search shows, all in the batch's transaction.
 */
public final class EntityWriter implements BatchWriter<Map<String, Object>> {

    private final Entity entity;

    public EntityWriter(Entity entity) {
        this.entity = entity;
    }

    @Override
    public Set<String> existing(TransactionContext tx, Collection<String> keys) {
        return new HashSet<>(tx.run(entity.existingCypher(), Map.of("keys", List.copyOf(keys))).single().get("known")
                .asList(v -> v.asString()));
    }

    @Override
    public Map<String, String> write(TransactionContext tx, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        if (entity == Entity.TAGS) {
            return writeTags(tx, rows);
        }
        if (entity == Entity.REPORTS) {
            Map<String, SymptomHierarchy.Node> symptoms = new LinkedHashMap<>();
            for (Map<String, Object> row : rows) {
                for (Object key : (List<?>) row.get("symptomKeys")) {
                    SymptomHierarchy.chain((String) key).forEach(n -> symptoms.putIfAbsent(n.key(), n));
                }
            }
            SymptomHierarchy.write(tx, symptoms.values());
        }
        tx.run(entity.writeCypher(), Map.of("rows", rows)).consume();
        List<String> keys = rows.stream().map(r -> (String) r.get(entity.keyField())).toList();
        Set<String> written = existing(tx, keys);
        Map<String, String> unwritten = new HashMap<>();
        keys.stream().filter(k -> !written.contains(k)).forEach(k -> unwritten.put(k, entity.unresolvedReason()));
        List<Object> ids = rows.stream().map(r -> r.get("id")).toList();
        switch (entity) {
            case REPORTS -> tx.run(Entity.REUSE_PLAN + PeerSignature.REFRESH, Map.of("reportIds", ids)).consume();
            case CONFIGURATIONS -> {
                List<Object> reportIds = tx.run(PeerSignature.REFRESH_FOR_CONFIGURATIONS, Map.of("configurationIds", ids)).single()
                        .get("reportIds").asList(v -> v.asString());
                tx.run(Entity.REUSE_PLAN + PeerSignature.REFRESH, Map.of("reportIds", reportIds)).consume();
            }
            default -> { }
        }
        // Last statement of the batch: the outbox counter stays locked until the batch commits.
        List<String> writtenKeys = List.copyOf(written);
        entity.outboxChange().ifPresent(change -> Outbox.recordAll(tx, change.type(),
                tx.run(entity.aggregatesCypher(change), Map.of("keys", writtenKeys)).single().get("ids").asList(v -> v.asString()),
                IMPORTED));
        return unwritten;
    }

    /**
     * Tags go through ontology-seeds' {@link Tagging}, as the API's do: a label merged away lands on the survivor, a
     * concept's label or altLabel on the concept. Their events are marked imported (history notifies nobody).
     */
    private Map<String, String> writeTags(TransactionContext tx, List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> bySourceKey = new HashMap<>();
        rows.forEach(r -> bySourceKey.put((String) r.get("sourceKey"), r));
        List<TagRequest> requests = new ArrayList<>();
        tx.run(entity.writeCypher(), Map.of("rows", rows)).forEachRemaining(found -> {
            Map<String, Object> row = bySourceKey.remove(found.get("sourceKey").asString());
            requests.add(new TagRequest(found.get("customerId").asString(null), found.get("thingId").asString(), (String) row.get("label"),
                    (String) row.get("sourceKey"), (OffsetDateTime) row.get("at")));
        });
        List<TagApplication> applied = Tagging.apply(tx, requests);
        Map<String, String> unwritten = new HashMap<>();
        bySourceKey.keySet().forEach(k -> unwritten.put(k, entity.unresolvedReason()));
        // Last statement of the batch: the outbox counter stays locked until the batch commits.
        Tagging.recordApplied(tx, applied, IMPORTED);
        return unwritten;
    }
}
