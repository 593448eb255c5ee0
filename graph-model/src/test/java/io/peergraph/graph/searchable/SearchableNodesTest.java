package io.peergraph.graph.searchable;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.symptom.NarrowerSymptoms;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.testing.SharedNeo4j;
import io.peergraph.graph.access.Viewer;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The graph's answers to the search module: what a case document is built from, the fallback search with its
 * visibility rule, similar reports by overlap, and a symptom with its narrower ones.
 */
class SearchableNodesTest {

    static Neo4jClient client;
    static TransactionTemplate tx;
    static CustomerStore customers;
    static ConfigurationStore configurations;
    static SymptomStore symptoms;
    static ReportStore reports;

    final String u = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void connect() {
        client = Neo4jClient.create(SharedNeo4j.driver());
        tx = new TransactionTemplate(new Neo4jTransactionManager(SharedNeo4j.driver()));
        customers = new CustomerStore(client);
        configurations = new ConfigurationStore(client);
        symptoms = new SymptomStore(client);
        reports = new ReportStore(client);
    }

    @Test
    void aReportSourceHoldsItsOwnerSymptomsAndConfigurationItems() {
        String owner = customers.signIn("owner-" + u).id();
        Symptom crackling = symptoms.findOrAdd("crackling-" + u, "Crackling " + u, null);
        Report report = report(owner, crackling, "Crackling audio " + u, Privacy.PRIVATE, "gpu", "Radeon " + u);

        SearchableNodes nodes = new SearchableNodes(client);
        List<SearchableNodes.ReportSource> found = nodes.reports(List.of(report.id(), "rep_absent"));
        assertThat(found).as("a missing id is simply absent").hasSize(1);
        SearchableNodes.ReportSource source = found.getFirst();
        assertThat(source.ownerId()).isEqualTo(owner);
        assertThat(source.privacy()).isEqualTo("PRIVATE");
        assertThat(source.title()).isEqualTo("Crackling audio " + u);
        assertThat(source.symptoms()).extracting(SearchableNodes.SymptomRef::key).containsExactly("crackling-" + u);
        assertThat(source.items()).extracting(SearchableNodes.ItemRef::kind).containsExactly("gpu");
        assertThat(nodes.count(Searchable.REPORT)).isPositive();
        assertThat(nodes.ids(Searchable.REPORT, null, 1)).hasSize(1);
    }

    @Test
    void theFallbackSearchHidesOthersPrivateReportsButNotFromSupport() {
        String owner = customers.signIn("private-" + u).id();
        String other = customers.signIn("other-" + u).id();
        Symptom s = symptoms.findOrAdd("hiss-" + u, "Hiss " + u, null);
        Report hidden = report(owner, s, "Hissing speakers zq" + u, Privacy.PRIVATE, "gpu", "G " + u);
        Report shared = report(other, s, "Hissing headphones zq" + u, Privacy.COMMUNITY, "gpu", "H " + u);
        GraphReportSearch search = new GraphReportSearch(client);

        assertThat(search.search(GraphReportSearch.Filter.visibleTo(Viewer.customer(other)), "hissing zq" + u, null, null, 10))
                .extracting(GraphReportSearch.Hit::id).containsExactly(shared.id());
        assertThat(search.search(GraphReportSearch.Filter.visibleTo(Viewer.support("staff-" + u)), "hissing zq" + u, null, null, 10))
                .extracting(GraphReportSearch.Hit::id).containsExactlyInAnyOrder(hidden.id(), shared.id());
        assertThat(search.similar(Viewer.customer(other), List.of(), List.of(s.id()), null, shared.id(), 10))
                .as("similar by the shared symptom, the asked report left out, the private one hidden")
                .noneMatch(r -> r.id().equals(hidden.id()) || r.id().equals(shared.id()));
        assertThat(search.similar(Viewer.support("staff-" + u), List.of(), List.of(s.id()), null, shared.id(), 10)).singleElement()
                .satisfies(r -> {
                    assertThat(r.id()).isEqualTo(hidden.id());
                    assertThat(r.sharedSymptomIds()).containsExactly(s.id());
                });
    }

    @Test
    void aSymptomComesWithItsNarrowerOnes() {
        Symptom audio = symptoms.findOrAdd("audio-" + u, "Audio " + u, null);
        Symptom crackling = symptoms.findOrAdd("audio-" + u + "/crackling", "Crackling " + u, "audio-" + u);
        NarrowerSymptoms narrower = new NarrowerSymptoms(client);
        assertThat(narrower.withNarrower(audio.id())).containsExactlyInAnyOrder(audio.id(), crackling.id());
        assertThat(narrower.withNarrower(crackling.id())).containsExactly(crackling.id());
        assertThat(narrower.withNarrower("sym_absent")).isEmpty();
    }

    private Report report(String owner, Symptom symptom, String title, Privacy privacy, String kind, String value) {
        Configuration c = inTx(() -> configurations.create(new ConfigurationStore.NewConfiguration(owner, "rig", Privacy.COMMUNITY, true,
                true, null, List.of(new ConfigItemValue(kind, value)))));
        return inTx(() -> reports.create(new ReportStore.NewReport(owner, c.id(), null, List.of(symptom.id()), title, null, privacy, null)));
    }

    private static <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
