package io.peergraph.search.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.peergraph.search.testing.SharedElasticsearch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchClientFactoryTest {

    record Report(String title, String gpu) {}

    @Test
    void aReportIndexedThroughTheClientIsFoundByItsText() throws IOException {
        String index = "client-round-trip-" + UUID.randomUUID();
        try (ElasticsearchClient client = SharedElasticsearch.client()) {
            client.indices().create(create -> create.index(index)
                    .settings(settings -> settings.numberOfShards("1").numberOfReplicas("0")));
            try {
                client.index(doc -> doc.index(index)
                        .id("r1")
                        .document(new Report("Screen tearing after driver update", "Radeon RX 580"))
                        .refresh(Refresh.True));

                SearchResponse<Report> found = client.search(
                        search -> search.index(index)
                                .query(query -> query.match(
                                        match -> match.field("title").query("tearing"))),
                        Report.class);

                List<Hit<Report>> hits = found.hits().hits();
                assertThat(hits).extracting(Hit::id).containsExactly("r1");
                assertThat(hits.getFirst().source())
                        .isEqualTo(new Report("Screen tearing after driver update", "Radeon RX 580"));
            } finally {
                client.indices().delete(delete -> delete.index(index));
            }
        }
    }

    @Test
    void aClosedClientLeavesNoThreadsBehind() throws IOException {
        List<Thread> before = clientThreads();
        ElasticsearchClient client = SharedElasticsearch.client();
        client.cluster().health();
        List<Thread> opened = clientThreads().stream()
                .filter(thread -> !before.contains(thread))
                .toList();
        assertThat(opened).isNotEmpty().allMatch(Thread::isDaemon);

        client.close();

        await().atMost(Duration.ofMinutes(2)).until(() -> opened.stream().noneMatch(Thread::isAlive));
    }

    private static List<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("peergraph-search-client-"))
                .toList();
    }
}
