package io.peergraph.search.testing;

import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.outbox.OutboxSchema;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.Symptom;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.data.neo4j.core.transaction.Neo4jTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The shared test graph with the stores, every write in a transaction of its own as the API does it. */
public final class TestGraph {

    public final Neo4jClient client;
    public final CustomerStore customers;
    public final ConfigurationStore configurations;
    public final ReportStore reports;
    public final SymptomStore symptoms;
    public final SolutionStore solutions;
    public final ProductStore products;
    private final TransactionTemplate tx;

    public TestGraph() {
        OutboxSchema.apply(SharedNeo4j.driver());
        client = Neo4jClient.create(SharedNeo4j.driver());
        tx = new TransactionTemplate(new Neo4jTransactionManager(SharedNeo4j.driver()));
        customers = new CustomerStore(client);
        configurations = new ConfigurationStore(client);
        reports = new ReportStore(client);
        symptoms = new SymptomStore(client);
        solutions = new SolutionStore(client);
        products = new ProductStore(client);
    }

    public <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    public String newCustomer() {
        return inTx(() -> customers.signIn("search-test-" + UUID.randomUUID()).id());
    }

    public Configuration configuration(String ownerId, List<ConfigItemValue> items) {
        return inTx(() -> configurations.create(new ConfigurationStore.NewConfiguration(ownerId, "pc", Privacy.COMMUNITY, true, true, null, items)));
    }

    public Symptom symptom(String key, String name, String broaderKey) {
        return inTx(() -> symptoms.findOrAdd(key, name, broaderKey));
    }

    public Report report(Configuration cfg, String productId, List<String> symptomIds, String title, String text, Privacy privacy) {
        return inTx(() -> reports.create(new ReportStore.NewReport(cfg.ownerId(), cfg.id(), productId, symptomIds, title, text, privacy, null)));
    }

    public Report update(String reportId, String text) {
        return inTx(() -> reports.update(reportId, new ReportStore.ReportChange(null, text, null, null)));
    }

    public Interaction interaction(String reportId, Interaction.Channel channel, String text) {
        return inTx(() -> reports.addInteraction(reportId, channel, Interaction.Direction.INBOUND, text, "ANSWERED"));
    }
}
