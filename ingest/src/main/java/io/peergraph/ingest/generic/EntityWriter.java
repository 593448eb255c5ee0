package io.peergraph.ingest.generic;

import io.peergraph.graph.imports.RecordImport;
import io.peergraph.graph.imports.SymptomImport;
import io.peergraph.graph.imports.TagTargets;
import io.peergraph.graph.measurement.MeasurementRule;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.tag.TagApplication;
import io.peergraph.graph.tag.TagRequest;
import io.peergraph.graph.tag.Tags;
import io.peergraph.ingest.engine.BatchWriter;
import io.peergraph.ingest.engine.SymptomHierarchy;
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
 * Writes a batch of one generic entity type (new records only: the engine has checked their keys in this
 * transaction) through graph-model's {@link RecordImport}, which signs new reports for peer search and records the
 * outbox events of what search shows, all in the batch's transaction. Before it: the symptoms of a batch of reports
 * ({@link SymptomHierarchy}) and the fit of measurements to their metric; tags go through the taxonomy's tagging.
 */
public final class EntityWriter implements BatchWriter<Map<String, Object>> {

    /**
     * How many symptom keys {@link #settledSymptoms} holds at most, so that memory stays bounded whatever the file
     * (a community has a few thousand symptoms; a file with more merges the rest batch by batch, as before).
     */
    private static final int SETTLED_SYMPTOMS = 50_000;

    private final Entity entity;
    /**
     * Leaf symptom keys that an earlier batch of this file merged, with their broader ones and classification, in a
     * transaction that committed: later batches skip the merging statements (and their locking seeks) for them and
     * only read their signature terms. Symptoms are never deleted. (A concept the seeds gain during the import for a
     * symptom settled here is linked by the next import that shows the symptom, not by a later batch of this file.)
     */
    private final Set<String> settledSymptoms = new HashSet<>();

    public EntityWriter(Entity entity) {
        this.entity = entity;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void committed(List<Map<String, Object>> rows) {
        if (entity == Entity.REPORTS) {
            for (Map<String, Object> row : rows) {
                for (Object key : (List<?>) row.get("symptomKeys")) {
                    if (settledSymptoms.size() < SETTLED_SYMPTOMS) {
                        settledSymptoms.add((String) key);
                    }
                }
            }
        }
    }

    @Override
    public Set<String> existing(TransactionContext tx, Collection<String> keys) {
        return entity == Entity.TAGS ? TagTargets.existing(tx, keys) : entity.records().existing(tx, keys);
    }

    @Override
    public Map<String, String> write(TransactionContext tx, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        if (entity == Entity.TAGS) {
            return writeTags(tx, rows);
        }
        Map<String, String> refused = new HashMap<>();
        if (entity == Entity.MEASUREMENTS) {
            rows = measurementsThatFit(tx, rows, refused);
        }
        if (entity == Entity.REPORTS || entity == Entity.SOLUTIONS) {
            // A solution's symptoms are made as a report's are: imported before the reports that show them (or with
            // those rejected), a SOLVES link to a missing symptom was silently left out, and a re-import never adds it.
            Map<String, SymptomImport.Node> symptoms = new LinkedHashMap<>();
            Set<String> shown = new HashSet<>();
            for (Map<String, Object> row : rows) {
                for (Object key : (List<?>) row.get("symptomKeys")) {
                    if (shown.add((String) key) && !settledSymptoms.contains(key)) {
                        SymptomHierarchy.chain((String) key).forEach(n -> symptoms.putIfAbsent(n.key(), n));
                    }
                }
            }
            SymptomHierarchy.settle(tx, symptoms.values());
        }
        Set<String> written = entity.records().importBatch(tx, rows);
        Map<String, String> unwritten = new HashMap<>(refused);
        for (Map<String, Object> row : rows) {
            String key = (String) row.get(entity.keyField());
            if (!written.contains(key)) {
                unwritten.put(key, entity.unresolvedReason());
            }
        }
        return unwritten;
    }

    /**
     * The measurements whose value fits their metric by the rule the API applies ({@link MeasurementRule}: the
     * metric's unit, a finite value in its range); the others go to {@code refused} with the rule's reason. A
     * record without a unit is in the metric's unit. A metric that does not exist is left to the write statement,
     * which reports it as unresolved.
     */
    private static List<Map<String, Object>> measurementsThatFit(TransactionContext tx, List<Map<String, Object>> rows,
                                                                 Map<String, String> refused) {
        Map<String, Metric> metrics = new HashMap<>();
        MetricStore.byKeys(tx, rows.stream().map(r -> (String) r.get("metric")).distinct().toList()).forEach(m -> metrics.put(m.key(), m));
        List<Map<String, Object>> fit = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Metric metric = metrics.get((String) row.get("metric"));
            var rejection = metric == null ? java.util.Optional.<MeasurementRule.Rejection>empty()
                    : MeasurementRule.check(metric, ((Number) row.get("value")).doubleValue(),
                    row.get("unit") == null ? metric.unit() : (String) row.get("unit"));
            if (rejection.isPresent()) {
                refused.put((String) row.get("sourceKey"), "'" + rejection.get().field() + "' " + rejection.get().reason());
            } else {
                fit.add(row);
            }
        }
        return fit;
    }

    /**
     * Tags go through graph-model's {@link Tags}, as the API's do: a label merged away lands on the survivor, a
     * concept's label or altLabel on the concept. Their events are marked imported (history notifies nobody).
     */
    private Map<String, String> writeTags(TransactionContext tx, List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> bySourceKey = new HashMap<>();
        rows.forEach(r -> bySourceKey.put((String) r.get("sourceKey"), r));
        List<TagRequest> requests = new ArrayList<>();
        List<TagTargets.Wanted> wanted = rows.stream().map(r -> new TagTargets.Wanted((String) r.get("sourceKey"),
                (String) r.get("targetType"), (String) r.get("targetKey"), (String) r.get("by"))).toList();
        for (TagTargets.Found found : TagTargets.find(tx, wanted)) {
            Map<String, Object> row = bySourceKey.remove(found.sourceKey());
            requests.add(new TagRequest(found.customerId(), found.thingId(), (String) row.get("label"), found.sourceKey(),
                    (OffsetDateTime) row.get("at")));
        }
        List<TagApplication> applied = Tags.apply(tx, requests);
        Map<String, String> unwritten = new HashMap<>();
        bySourceKey.keySet().forEach(k -> unwritten.put(k, entity.unresolvedReason()));
        // Last statement of the batch: the outbox counter stays locked until the batch commits.
        Tags.recordApplied(tx, applied, RecordImport.IMPORTED);
        return unwritten;
    }
}
