package io.peergraph.graph.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The import operations keep what depends on their records current themselves, in the batch's transaction: a caller
 * that only writes rows gets signed reports, counted config items and outbox events.
 */
class ImportsKeepSignaturesTest {

    private final Driver driver = SharedNeo4j.driver();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void importedReportsAreSignedForPeersAndAnnouncedAsImported() {
        String handle = "imports-test-" + run;
        String symptom = "imports-test-" + run + "/crackling";
        String itemKey = "kernel:imports-test-" + run;
        try (Session session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                RecordImport.CUSTOMERS.importBatch(tx, List.of(row("handle", handle, "id", PublicId.CUSTOMER.fromKey(handle))));
                RecordImport.CONFIGURATIONS.importBatch(tx, List.of(row("sourceKey", "cfg-" + run, "id", PublicId.CONFIGURATION.fromKey("cfg-" + run),
                        "owner", handle, "items", List.of(row("key", itemKey, "id", PublicId.CONFIG_ITEM.fromKey(itemKey), "kind", "kernel",
                                "value", "imports-test-" + run, "raw", "Linux imports-test")))));
                SymptomImport.merge(tx, List.of(new SymptomImport.Node("imports-test-" + run, "Imports test", null),
                        new SymptomImport.Node(symptom, "Crackling", "imports-test-" + run)));
                assertThat(RecordImport.REPORTS.importBatch(tx, List.of(row("sourceKey", "rep-" + run, "id", PublicId.REPORT.fromKey("rep-" + run),
                        "owner", handle, "configuration", "cfg-" + run, "title", "Crackles", "symptomKeys", List.of(symptom)))))
                        .containsExactly("rep-" + run);
            });
            Record signed = session.run("""
                    MATCH (r:Report {id: $id}) RETURN r.peerSymptoms AS symptoms, r.peerItems AS items, r.peerOwner AS owner
                    """, Map.of("id", PublicId.REPORT.fromKey("rep-" + run))).single();
            assertThat(signed.get("symptoms").asString().split(" ")).contains(PublicId.SYMPTOM.fromKey(symptom),
                    PublicId.SYMPTOM.fromKey("imports-test-" + run));
            assertThat(signed.get("items").asString().strip()).isEqualTo(PublicId.CONFIG_ITEM.fromKey(itemKey));
            assertThat(signed.get("owner").asString()).isEqualTo(PublicId.CUSTOMER.fromKey(handle));
            assertThat(session.run("MATCH (ci:ConfigItem {key: $key}) RETURN ci.configCount AS n", Map.of("key", itemKey)).single()
                    .get("n").asLong()).isEqualTo(1);
            Record event = session.run("MATCH (e:OutboxEvent {aggregateId: $id}) RETURN e.type AS type, e.payload AS payload",
                    Map.of("id", PublicId.REPORT.fromKey("rep-" + run))).single();
            assertThat(event.get("type").asString()).isEqualTo("ReportChanged");
            assertThat(event.get("payload").asString()).isEqualTo("{\"source\":\"import\"}");
        }
    }

    @Test
    void linkingASymptomThatHasReportsToABroaderOneReSignsThem() {
        String handle = "imports-test-" + run;
        String broader = "imports-test-" + run;
        String narrower = broader + "/stutter";
        try (Session session = driver.session()) {
            // A report on a symptom that had no broader one yet, signed when written.
            session.executeWriteWithoutResult(tx -> {
                RecordImport.CUSTOMERS.importBatch(tx, List.of(row("handle", handle, "id", PublicId.CUSTOMER.fromKey(handle))));
                RecordImport.CONFIGURATIONS.importBatch(tx, List.of(row("sourceKey", "cfg-" + run, "id", PublicId.CONFIGURATION.fromKey("cfg-" + run),
                        "owner", handle, "items", List.of(row("key", "gpu:" + run, "id", PublicId.CONFIG_ITEM.fromKey("gpu:" + run), "kind", "gpu",
                                "value", run, "raw", run)))));
                SymptomImport.merge(tx, List.of(new SymptomImport.Node(narrower, "Stutter", null)));
                RecordImport.REPORTS.importBatch(tx, List.of(row("sourceKey", "rep-" + run, "id", PublicId.REPORT.fromKey("rep-" + run),
                        "owner", handle, "configuration", "cfg-" + run, "title", "Stutters", "symptomKeys", List.of(narrower))));
            });
            assertThat(peerSymptoms(session)).doesNotContain(PublicId.SYMPTOM.fromKey(broader));

            session.executeWriteWithoutResult(tx -> SymptomImport.merge(tx, List.of(new SymptomImport.Node(broader, "Imports test", null),
                    new SymptomImport.Node(narrower, "Stutter", broader))));

            assertThat(peerSymptoms(session)).contains(PublicId.SYMPTOM.fromKey(broader), PublicId.SYMPTOM.fromKey(narrower));
        }
    }

    private String peerSymptoms(Session session) {
        return session.run("MATCH (r:Report {id: $id}) RETURN r.peerSymptoms AS s", Map.of("id", PublicId.REPORT.fromKey("rep-" + run)))
                .single().get("s").asString();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
