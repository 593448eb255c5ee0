package io.peergraph.search.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.peergraph.search.testing.SharedElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each detected capability must agree with what the server actually does when asked to use it. */
class ServerCapabilitiesTest {

    private static final String INDEX = "capabilities-" + UUID.randomUUID();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ElasticsearchClient client;
    private static ServerCapabilities capabilities;

    @BeforeAll
    static void detect() throws IOException {
        client = SharedElasticsearch.client();
        client.indices().create(create -> create.index(INDEX)
                .settings(settings -> settings.numberOfShards("1").numberOfReplicas("0")));
        capabilities = ServerCapabilities.detect(client);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        client.indices().delete(delete -> delete.index(INDEX));
        client.close();
    }

    @Test
    void theManagedDistributionLacksAnalysisCommonPainlessReindexAndRrf() {
        assertThat(capabilities).isEqualTo(new ServerCapabilities(false, false, false, false));
    }

    @Test
    void englishAnalyzerIsReportedExactlyWhenItAnalyzes() throws Exception {
        boolean works = succeeds(
                "POST", "/_analyze", """
                {"analyzer": "english", "text": "tearing screens"}""");
        assertThat(capabilities.englishAnalyzer()).isEqualTo(works);
    }

    @Test
    void painlessIsReportedExactlyWhenScriptsRun() throws Exception {
        boolean works = succeeds(
                "POST",
                "/_scripts/painless/_execute",
                """
                {"script": {"source": "params.x + 1", "params": {"x": 1}}}""");
        assertThat(capabilities.painless()).isEqualTo(works);
    }

    @Test
    void reindexIsReportedExactlyWhenDeleteByQueryRuns() throws Exception {
        boolean works = succeeds(
                "POST", "/" + INDEX + "/_delete_by_query", """
                {"query": {"match_all": {}}}""");
        assertThat(capabilities.reindex()).isEqualTo(works);
    }

    @Test
    void rrfRetrieverIsReportedExactlyWhenItSearches() throws Exception {
        boolean works = succeeds(
                "POST",
                "/" + INDEX + "/_search",
                """
                {"retriever": {"rrf": {"retrievers": [
                  {"standard": {"query": {"match_all": {}}}},
                  {"standard": {"query": {"match_all": {}}}}
                ]}}}""");
        assertThat(capabilities.rrfRetriever()).isEqualTo(works);
    }

    private static boolean succeeds(String method, String path, String json) throws Exception {
        URI uri = SharedElasticsearch.uri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        SharedElasticsearch.credentials().authorization().ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }
}
