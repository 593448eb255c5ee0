package io.peergraph.search.sync;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.testing.ScratchDirs;
import io.peergraph.search.cases.CaseFilter;
import io.peergraph.search.cases.CaseHit;
import io.peergraph.search.cases.CasePage;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.cases.SimilarQuery;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.server.ElasticsearchServer;
import io.peergraph.search.server.ServerSettings;
import io.peergraph.search.testing.SearchStack;
import io.peergraph.search.testing.TestGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server of its own, stopped half-way: writes go on, search degrades, and the backlog drains when it is back. */
class ElasticsearchOutageTest {

    private static final String CONSUMER = "search-indexer-outage-test";

    @Test
    void changesWrittenWhileElasticsearchIsDownAllArriveOnceItIsBack() throws Exception {
        TestGraph graph = new TestGraph();
        Path dataDir = ScratchDirs.create("peergraph-outage-es-");
        ServerSettings defaults = ServerSettings.defaults(dataDir);
        // Generous: a loaded 2-core build machine has taken over two minutes to start a server.
        ServerSettings settings = new ServerSettings(dataDir, 0, 0, defaults.heap(), Duration.ofMinutes(6), defaults.maxRestarts(),
                defaults.distribution(), defaults.javaHome());
        ElasticsearchServer server = ElasticsearchServer.start(settings);
        int port = server.httpPort();
        try (SearchStack search = new SearchStack(server.uri(), server.credentials(), CONSUMER, graph)) {
            String owner = graph.newCustomer();
            Configuration cfg = graph.configuration(owner, List.of());
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                reports.add(graph.report(cfg, null, List.of(), "Outage case " + i, "before the outage", Privacy.COMMUNITY));
            }
            search.sync();

            server.close();
            long before = search.feed.latestSeq();
            Map<String, String> lastText = new HashMap<>();
            for (int i = 0; i < 1000; i++) { // 900 updates of the old cases, 100 new cases
                if (i % 10 == 9) {
                    Report created = graph.report(cfg, null, List.of(), "Outage case " + (100 + i), "written while down " + i, Privacy.COMMUNITY);
                    reports.add(created);
                    lastText.put(created.id(), "written while down " + i);
                } else {
                    Report r = reports.get(i % 100);
                    graph.update(r.id(), "update " + i + " while down");
                    lastText.put(r.id(), "update " + i + " while down");
                }
                if (i % 250 == 0) {
                    search.relay.tick();
                }
            }
            assertThat(search.feed.latestSeq() - before).isEqualTo(1000);
            assertThat(search.relay.status().backendUp()).isFalse();
            assertThat(search.relay.backlog()).isEqualTo(1000);

            CasePage degraded = search.finder.search(Viewer.support(owner), new CaseQuery("outage case", CaseFilter.none(), 10, null));
            assertThat(degraded.degraded()).isTrue();
            assertThat(degraded.hits()).extracting(CaseHit::id).hasSize(10).allMatch(id -> reports.stream().anyMatch(r -> r.id().equals(id)));
            var similar = search.finder.similar(Viewer.support(owner), new SimilarQuery(null, "x", null, List.of(), List.of(), null, 5));
            assertThat(similar.degraded()).isTrue();

            server = ElasticsearchServer.start(settings.withHttpPort(port));
            search.sync();

            assertThat(search.relay.backlog()).isZero();
            MgetResponse<CaseDocument> docs = search.client.mget(m -> m.index(SearchIndex.CASES.alias())
                    .ids(reports.stream().map(Report::id).toList()), CaseDocument.class);
            for (MultiGetResponseItem<CaseDocument> item : docs.docs()) {
                assertThat(item.result().found()).as(item.result().id()).isTrue();
                String expected = lastText.getOrDefault(item.result().id(), "before the outage");
                assertThat(item.result().source().text()).isEqualTo(expected);
            }
            Drift drift = search.verifier.verify(SearchIndex.CASES, 100_000);
            assertThat(drift.none()).as(drift.toString()).isTrue();
            assertThat(search.finder.search(Viewer.support(owner), new CaseQuery("outage", CaseFilter.none(), 5, null)).degraded()).isFalse();
        } finally {
            graph.inTx(() -> { new io.peergraph.graph.outbox.OutboxFeed(graph.client).unregister(CONSUMER); return null; });
            server.close();
            ScratchDirs.delete(dataDir);
        }
    }
}
