package io.peergraph.ingest.protondb;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.imports.ProtonDbImport;
import io.peergraph.graph.imports.SymptomImport;
import io.peergraph.ingest.engine.BatchWriter;
import io.peergraph.ingest.engine.SymptomHierarchy;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.protondb.ProtonDbReport.Tried;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.TransactionContext;

/**
 * Writes ProtonDB reports, one batch per call, through graph-model's {@link ProtonDbImport} (which lays them out as
 * docs/graph-model.md says, signs them for peer search and records their outbox events): this gathers the batch's
 * symptoms with their broader ones ({@link SymptomHierarchy}), the solutions its reports tried with the symptoms they
 * were tried on, and one row per report, items only for configurations new to the graph.
 */
public final class ProtonDbWriter implements BatchWriter<ProtonDbReport> {

    @Override
    public Set<String> existing(TransactionContext tx, Collection<String> keys) {
        return ProtonDbImport.existingReports(tx, keys);
    }

    @Override
    public Map<String, String> write(TransactionContext tx, List<ProtonDbReport> reports) {
        if (reports.isEmpty()) {
            return Map.of();
        }
        Map<String, Symptom> symptoms = new LinkedHashMap<>();
        Map<String, Solution> solutions = new LinkedHashMap<>();
        Map<String, Set<String>> solves = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>(reports.size());
        Set<String> configurationsWithItems = new HashSet<>(ProtonDbImport.existingConfigurations(tx,
                reports.stream().map(ProtonDbWriter::configurationKey).distinct().toList()));
        for (ProtonDbReport report : reports) {
            report.symptoms().forEach(s -> Symptoms.withBroader(s.key()).forEach(b -> symptoms.putIfAbsent(b.key(), b)));
            for (Tried t : report.tried()) {
                solutions.putIfAbsent(t.solution().sourceKey(), t.solution());
                // What was tried on a case with these symptoms is a solution for them; confirmations say how well it did.
                report.symptoms().forEach(s -> solves.computeIfAbsent(t.solution().sourceKey(), k -> new LinkedHashSet<>()).add(s.key()));
            }
            Map<String, Object> row = row(report);
            if (!configurationsWithItems.add(configurationKey(report))) {
                row.put("items", List.of());
            }
            rows.add(row);
        }
        SymptomHierarchy.settle(tx, symptoms.values().stream().map(s -> new SymptomImport.Node(s.key(), s.name(), s.broader())).toList());
        ProtonDbImport.importBatch(tx,
                solutions.values().stream().map(s -> solutionRow(s, solves.getOrDefault(s.sourceKey(), Set.of()))).toList(), rows);
        return Map.of(); // a report brings everything it refers to
    }

    /** The handle of the pseudonymous customer whose system has this hash (see {@link ProtonDbMapper}). */
    public static String handle(String systemHash) {
        return "protondb-" + systemHash;
    }

    private static Map<String, Object> row(ProtonDbReport r) {
        String hash = r.sourceKey().substring(r.sourceKey().lastIndexOf(':') + 1);
        String handle = handle(r.systemHash());
        String configurationKey = configurationKey(r);
        String productKey = "steam:" + r.steamAppId();
        Map<String, Object> row = new HashMap<>();
        row.put("sourceKey", r.sourceKey());
        row.put("id", PublicId.REPORT.fromKey(r.sourceKey()));
        row.put("productKey", productKey);
        row.put("productId", PublicId.PRODUCT.fromKey(productKey));
        row.put("productName", r.gameTitle());
        row.put("steamAppId", Long.parseLong(r.steamAppId()));
        row.put("handle", handle);
        row.put("customerId", PublicId.CUSTOMER.fromKey(handle));
        row.put("displayName", "ProtonDB user " + r.systemHash().substring(0, 6));
        row.put("configurationKey", configurationKey);
        row.put("configurationId", PublicId.CONFIGURATION.fromKey(configurationKey));
        row.put("configurationName", "ProtonDB system " + r.systemHash().substring(0, 6));
        Map<String, Map<String, Object>> items = new LinkedHashMap<>(); // each item once: one INCLUDES each
        r.items().forEach(item -> items.putIfAbsent(item.key(), itemRow(item)));
        row.put("items", List.copyOf(items.values()));
        row.put("title", r.title());
        row.put("text", r.text());
        row.put("status", r.worked() ? "SOLVED" : "OPEN");
        row.put("occurredAt", r.occurredAt().atOffset(ZoneOffset.UTC));
        row.put("format", r.format());
        row.put("verdict", r.verdict());
        row.put("worked", r.worked());
        row.put("interactionKey", "protondb:interaction:" + hash);
        row.put("interactionId", PublicId.INTERACTION.fromKey("protondb:interaction:" + hash));
        row.put("symptomKeys", r.symptoms().stream().map(Symptom::key).toList());
        row.put("tried", r.tried().stream().map(t -> {
            String confirmationKey = "protondb:confirmation:" + hash + ":" + t.solution().sourceKey();
            Map<String, Object> tried = new HashMap<>();
            tried.put("solutionKey", t.solution().sourceKey());
            tried.put("confirmationKey", confirmationKey);
            tried.put("confirmationId", PublicId.CONFIRMATION.fromKey(confirmationKey));
            tried.put("note", t.note());
            return tried;
        }).toList());
        return row;
    }

    private static String configurationKey(ProtonDbReport r) {
        return "protondb:configuration:" + r.systemHash();
    }

    private static Map<String, Object> itemRow(NormalisedItem item) {
        return Map.of("key", item.key(), "id", item.nodeId(), "kind", item.kind(), "value", item.value(), "raw", item.raw());
    }

    private static Map<String, Object> solutionRow(Solution s, Set<String> symptomKeys) {
        return Map.of("sourceKey", s.sourceKey(), "id", PublicId.SOLUTION.fromKey(s.sourceKey()), "title", s.title(),
                "steps", s.steps(), "kind", s.kind(), "symptomKeys", List.copyOf(symptomKeys));
    }
}
