package io.peergraph.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.api.testing.SearchIndexing;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.CaseDocument;
import io.peergraph.search.sync.GraphDocuments;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whatever changes a case document writes an outbox event in the same transaction, so the index never goes
 * stale: a configuration's new items, and bulk imports through the running service.
 */
@ApiTest
class SearchSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired GraphQlHttp api;
    @Autowired SymptomStore symptoms;
    @Autowired SearchIndexing search;
    @Autowired GraphDocuments documents;
    @Autowired ElasticsearchClient client;

    @BeforeEach
    void searchIsUp() throws InterruptedException {
        search.awaitUp();
    }

    @Test
    void aConfigurationsNewItemsReachItsCasesAndADeletedOnesLeaveThem() throws Exception {
        String alice = api.newCustomer();
        String config = api.post(alice, """
                mutation { createConfiguration(input: {name: "pc", items: [{kind: "gpu", value: "Radeon RX 580"}]}) { id } }""")
                .data().path("createConfiguration").path("id").asText();
        String symptom = symptoms.findOrAdd("test/sync", "Sync test", null).id();
        String report = api.post(alice, "mutation($c: ID!, $s: ID!) { reportSymptom(input: {configuration: $c, symptoms: [$s], title: \"Flicker\"}) { id } }",
                Map.of("c", config, "s", symptom)).data().path("reportSymptom").path("id").asText();
        sync();
        assertThat(indexed(report).configItems()).extracting(CaseDocument.Item::value)
                .containsExactlyInAnyOrder("AMD Radeon RX 580", "AMD", "AMD Ellesmere");

        api.post(alice, """
                mutation($id: ID!) { updateConfiguration(id: $id, input: {items: [{kind: "gpu", value: "Radeon RX 6600"}, {kind: "kernel", value: "6.1"}]}) { id } }""",
                Map.of("id", config)).data();
        sync();
        assertThat(indexed(report).configItems()).extracting(CaseDocument.Item::value).containsExactlyInAnyOrder("AMD Radeon RX 6600", "AMD", "AMD Navi 23", "6.1");
        assertThat(indexed(report)).isEqualTo(graphDocument(report));

        api.post(alice, "mutation($id: ID!) { deleteConfiguration(id: $id) }", Map.of("id", config)).data();
        sync();
        assertThat(indexed(report).configItems()).isEmpty();
        assertThat(indexed(report)).isEqualTo(graphDocument(report));
    }

    @Test
    void everyImportedCaseArrivesAndVerifyFindsNoDrift() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String adminToken = api.newCustomer(Role.ADMIN);
        int cases = 120;
        importCsv(adminToken, "customers", "handle,displayName\nimport-" + run + ",Importer\n");
        importCsv(adminToken, "configurations", "sourceKey,owner,items\ncfg-" + run + ",import-" + run + ",gpu=GeForce GTX 1060;kernel=5.15\n");
        StringBuilder reports = new StringBuilder("sourceKey,owner,configuration,title,text,symptoms\n");
        IntStream.range(0, cases).forEach(i -> reports.append("rep-%s-%d,import-%s,cfg-%s,Imported case %d,Stutters when loading level %d,performance/stutter\n"
                .formatted(run, i, run, run, i, i)));
        importCsv(adminToken, "reports", reports.toString());
        importCsv(adminToken, "interactions", "sourceKey,report,channel,text,outcome\nint-" + run + ",rep-" + run + "-0,PHONE,called back,RESOLVED\n");
        sync();

        List<String> ids = IntStream.range(0, cases).mapToObj(i -> PublicId.REPORT.fromKey("rep-" + run + "-" + i)).toList();
        MgetResponse<CaseDocument> got = client.mget(m -> m.index(SearchIndex.CASES.alias()).ids(ids), CaseDocument.class);
        Map<String, Object> inGraph = documents.load(SearchIndex.CASES, ids);
        assertThat(inGraph).hasSize(cases);
        assertThat(got.docs()).allSatisfy(d -> {
            assertThat(d.result().found()).as("%s indexed", d.result().id()).isTrue();
            assertThat(d.result().source()).isEqualTo(inGraph.get(d.result().id()));
        });
        assertThat(inGraph.get(ids.getFirst())).extracting(doc -> ((CaseDocument) doc).channels()).isEqualTo(List.of("PHONE"));

        HttpResponse<String> verify = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/admin/verify?sample=500"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        for (JsonNode drift : JSON.readTree(verify.body())) {
            assertThat(drift.path("graphCount").asLong()).as(drift.toString()).isEqualTo(drift.path("indexCount").asLong());
            assertThat(drift.path("missing")).as(drift.toString()).isEmpty();
            assertThat(drift.path("stale")).as(drift.toString()).isEmpty();
        }
    }

    private void importCsv(String adminToken, String entity, String csv) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri("/admin/import?format=csv:" + entity + "&name=" + entity + ".csv"))
                .header("Authorization", "Bearer " + adminToken).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void sync() throws Exception {
        search.sync();
    }

    private CaseDocument indexed(String reportId) throws Exception {
        return client.get(g -> g.index(SearchIndex.CASES.alias()).id(reportId), CaseDocument.class).source();
    }

    private CaseDocument graphDocument(String reportId) {
        return (CaseDocument) documents.load(SearchIndex.CASES, List.of(reportId)).get(reportId);
    }
}
