package io.peergraph.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.peergraph.search.testing.SharedElasticsearch;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexAdminTest {

    @Test
    void compactMergesAnIndexIntoOneSegment() throws Exception {
        ElasticsearchClient client = SharedElasticsearch.client();
        IndexAdmin admin = new IndexAdmin(client);
        String index = "compact-test-" + System.nanoTime();
        client.indices().create(c -> c.index(index).settings(s -> s.numberOfShards("1").numberOfReplicas("0")));
        try {
            for (int i = 0; i < 3; i++) {
                String id = "doc-" + i;
                // Each refresh writes what came since as a segment of its own.
                client.index(x -> x.index(index).id(id).document(Map.of("text", id)).refresh(Refresh.True));
            }
            assertThat(admin.segments(index)).isEqualTo(3);

            admin.compact(index);

            assertThat(admin.segments(index)).isEqualTo(1);
            assertThat(client.count(c -> c.index(index)).count()).isEqualTo(3);
        } finally {
            admin.delete(index);
        }
    }
}
