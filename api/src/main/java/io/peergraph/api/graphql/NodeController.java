package io.peergraph.api.graphql;

import io.peergraph.api.product.ProductController;
import io.peergraph.api.report.ReportController;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.solution.SolutionController;
import io.peergraph.api.stuff.ConfigurationController;
import io.peergraph.api.stuff.ItemController;
import io.peergraph.api.symptom.SymptomController;
import io.peergraph.api.taxonomy.ConceptController;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.id.PublicId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code node(id)}: the id's prefix says which type it is, and the type's own query decides visibility, so
 * there is exactly one access rule per type. The GraphQL type is the Java class name of the returned record.
 */
@Controller
public class NodeController {

    private final CallerResolver callers;
    private final CustomerStore customers;
    private final ItemController items;
    private final ConfigurationController configurations;
    private final ProductController products;
    private final SymptomController symptoms;
    private final ReportController reports;
    private final SolutionController solutions;
    private final ConceptController concepts;

    public NodeController(CallerResolver callers, CustomerStore customers, ItemController items, ConfigurationController configurations,
                          ProductController products, SymptomController symptoms, ReportController reports, SolutionController solutions,
                          ConceptController concepts) {
        this.callers = callers;
        this.customers = customers;
        this.items = items;
        this.configurations = configurations;
        this.products = products;
        this.symptoms = symptoms;
        this.reports = reports;
        this.solutions = solutions;
        this.concepts = concepts;
    }

    @QueryMapping
    public Object node(@Argument String id) {
        String callerId = callers.current().customerId();
        PublicId type = PublicId.typeOf(id).orElseThrow(() -> new ApiException.BadUserInput("id", "is not a Peergraph id"));
        return switch (type) {
            case ITEM -> items.item(id);
            case CONFIGURATION -> configurations.configuration(id);
            case PRODUCT -> products.product(id);
            case SYMPTOM -> symptoms.symptom(id);
            case REPORT -> reports.report(id);
            case SOLUTION -> solutions.solution(id);
            case CONCEPT -> concepts.conceptById(id);
            case CUSTOMER -> id.equals(callerId) ? customers.byId(id).orElse(null) : null; // others only as pseudonyms
            default -> null;
        };
    }
}
