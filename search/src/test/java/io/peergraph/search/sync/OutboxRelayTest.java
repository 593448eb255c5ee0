package io.peergraph.search.sync;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.GetResponse;
import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.testing.TestTags;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.testing.SearchStack;
import io.peergraph.search.testing.SharedElasticsearch;
import io.peergraph.search.testing.TestGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    static TestGraph graph;
    static SearchStack search;

    @BeforeAll
    static void start() {
        graph = new TestGraph();
        search = new SearchStack(SharedElasticsearch.uri(), SharedElasticsearch.credentials(), OutboxRelay.CONSUMER, graph);
        search.sync();
    }

    @AfterAll
    static void stop() {
        search.close();
    }

    @Test
    void theIndexHoldsExactlyWhatWasWrittenInTheGraph() throws Exception {
        long before = search.feed.latestSeq();
        String owner = graph.newCustomer();
        Configuration cfg = graph.configuration(owner, List.of(new ConfigItemValue("gpu", "Radeon RX 580")));
        String product = graph.inTx(() -> graph.products.findOrAddUnverified("Relay Test Game " + owner)).id();
        String symptom = graph.symptom("relay/stutter", "Stutter", null).id();
        Report report = graph.report(cfg, product, List.of(symptom), "Stutter after update", "Frames drop every second", Privacy.COMMUNITY);
        graph.interaction(report.id(), Interaction.Channel.EMAIL, "Tried disabling vsync");
        graph.inTx(() -> TestTags.tag(graph.client, owner, report.id(), "Frame Pacing"));
        graph.update(report.id(), "Frames drop every second, worse with mods");
        Solution solution = graph.inTx(() -> graph.solutions.propose(new SolutionStore.NewSolution(owner, List.of(symptom),
                "Cap the frame rate", "Set a 60 fps cap", Solution.Kind.CONFIGURATION_TWEAK, report.id())));
        graph.inTx(() -> graph.solutions.confirm(owner, solution.id(), cfg.id(), true, null));

        List<OutboxEvent> written = search.feed.after(before, 100);
        assertThat(written).extracting(e -> e.type().name()).containsExactly("ConfigurationChanged", "ProductChanged", "ReportChanged",
                "InteractionAdded", "TagApplied", "ReportChanged", "SolutionChanged", "ConfirmationRecorded");
        assertThat(search.relay.drain()).isEqualTo(written.size());
        assertThat(search.relay.backlog()).isZero();

        GetResponse<CaseDocument> indexed = search.client.get(g -> g.index(SearchIndex.CASES.alias()).id(report.id()), CaseDocument.class);
        assertThat(indexed.source()).isEqualTo(search.documents.load(SearchIndex.CASES, List.of(report.id())).get(report.id()));
        assertThat(indexed.source().text()).contains("worse with mods");
        assertThat(indexed.source().tags()).containsExactly("frame pacing");
        assertThat(indexed.source().channels()).containsExactly("EMAIL");
        assertThat(indexed.version()).isEqualTo(written.get(5).seq()); // the newest event of the report

        GetResponse<SolutionDocument> sol = search.client.get(g -> g.index(SearchIndex.SOLUTIONS.alias()).id(solution.id()), SolutionDocument.class);
        assertThat(sol.source().worked()).isEqualTo(1);
        assertThat(search.client.exists(e -> e.index(SearchIndex.PRODUCTS.alias()).id(product)).value()).isTrue();
    }

    @Test
    void anOlderStateArrivingLateNeverOverwritesANewerOne() throws Exception {
        String owner = graph.newCustomer();
        Configuration cfg = graph.configuration(owner, List.of());
        Report report = graph.report(cfg, null, List.of(), "Late write", "new text", Privacy.COMMUNITY);
        search.sync();
        long newest = search.client.get(g -> g.index(SearchIndex.CASES.alias()).id(report.id()), CaseDocument.class).version();

        search.writer.write(SearchIndex.CASES, SearchIndex.CASES.alias(), Map.of(report.id(), newest - 1));

        assertThat(search.client.get(g -> g.index(SearchIndex.CASES.alias()).id(report.id()), CaseDocument.class).version()).isEqualTo(newest);
    }
}
