package io.peergraph.search.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.access.Viewer;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.search.cases.CaseFilter;
import io.peergraph.search.cases.CaseHit;
import io.peergraph.search.cases.CaseQuery;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.testing.SearchStack;
import io.peergraph.search.testing.SharedElasticsearch;
import io.peergraph.search.testing.TestGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReindexTest {

    @Test
    void aRebuildUnderConcurrentWritesLosesNothingAndLeavesNoDrift() throws Exception {
        TestGraph graph = new TestGraph();
        try (SearchStack search = new SearchStack(SharedElasticsearch.uri(), SharedElasticsearch.credentials(), OutboxRelay.CONSUMER, graph)) {
            String owner = graph.newCustomer();
            Configuration cfg = graph.configuration(owner, List.of());
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                reports.add(graph.report(cfg, null, List.of(), "Reindex case " + i, "version 0", Privacy.COMMUNITY));
            }
            search.sync();
            String before = search.admin.aliasTargets(SearchIndex.CASES).iterator().next();

            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (writing.get()) {
                    Report r = reports.get(n % reports.size());
                    graph.update(r.id(), "version " + (++n));
                    if (n % 5 == 0) {
                        reports.add(graph.report(cfg, null, List.of(), "Written during the rebuild " + n, "new", Privacy.COMMUNITY));
                    }
                }
                return n;
            });
            CompletableFuture<Void> relay = CompletableFuture.runAsync(() -> {
                while (writing.get()) {
                    search.relay.tick();
                }
            });
            Thread.sleep(300); // let some writes land before the rebuild starts
            ReindexResult result = search.reindexer.rebuild(SearchIndex.CASES);
            Thread.sleep(300); // and some after the swap
            writing.set(false);
            int updates = writer.get();
            relay.get();
            search.sync();

            assertThat(updates).isPositive();
            assertThat(result.replayedEvents()).isPositive();
            assertThat(search.admin.aliasTargets(SearchIndex.CASES)).containsExactly(result.physicalIndex()).doesNotContain(before);
            Drift drift = search.verifier.verify(SearchIndex.CASES, 100_000);
            assertThat(drift.missing()).isEmpty();
            assertThat(drift.stale()).isEmpty();
            assertThat(drift.indexCount()).isEqualTo(drift.graphCount());
            assertThat(drift.none()).isTrue();
        }
    }

    @Test
    void anIndexOfAnOlderMappingVersionIsRebuiltWhenTheRelayStarts() throws Exception {
        TestGraph graph = new TestGraph();
        Report report;
        try (SearchStack search = new SearchStack(SharedElasticsearch.uri(), SharedElasticsearch.credentials(), OutboxRelay.CONSUMER, graph)) {
            Configuration cfg = graph.configuration(graph.newCustomer(), List.of());
            report = graph.report(cfg, null, List.of(), "Case from before the upgrade", "old mapping", Privacy.COMMUNITY);
            search.sync();
            // What an earlier release left behind: the alias on an index of mapping version 1.
            String old = "peergraph-cases-v1-" + System.nanoTime();
            search.client.indices().create(c -> c.index(old));
            search.admin.pointAlias(SearchIndex.CASES, old);
            assertThat(search.admin.holdsCurrentMapping(SearchIndex.CASES)).isFalse();
        }
        try (SearchStack upgraded = new SearchStack(SharedElasticsearch.uri(), SharedElasticsearch.credentials(), OutboxRelay.CONSUMER, graph)) {
            upgraded.sync();

            assertThat(upgraded.admin.holdsCurrentMapping(SearchIndex.CASES)).isTrue();
            assertThat(upgraded.admin.aliasTargets(SearchIndex.CASES)).singleElement().asString()
                    .startsWith(SearchIndex.CASES.versionedPrefix() + "-");
            Drift drift = upgraded.verifier.verify(SearchIndex.CASES, 100_000);
            assertThat(drift.none()).isTrue();
            assertThat(drift.graphCount()).isPositive();
            assertThat(upgraded.finder.search(Viewer.support(report.ownerId()), new CaseQuery("upgrade mapping", CaseFilter.none(), 10, null))
                    .hits()).extracting(CaseHit::id).contains(report.id());
        }
    }
}
