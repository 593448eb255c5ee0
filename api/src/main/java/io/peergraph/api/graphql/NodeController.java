package io.peergraph.api.graphql;

import io.peergraph.api.report.ReportingCases;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Role;
import io.peergraph.api.stuff.ManagingConfigurations;
import io.peergraph.api.stuff.ManagingItems;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.ProductStore;
import io.peergraph.graph.symptom.SymptomStore;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code node(id)}: the id's prefix says which type it is, and the type's own read decides visibility, so there is
 * exactly one access rule per type: the use cases' for the things customers own (items, configurations, reports),
 * the catalogue's plain reads for what every signed-in caller sees (products, symptoms, solutions, concepts).
 * The GraphQL type is the Java class name of the returned record.
 */
@Controller
public class NodeController {

    private final CallerResolver callers;
    private final ManagingItems items;
    private final ManagingConfigurations configurations;
    private final ReportingCases reports;
    private final CustomerStore customers;
    private final ProductStore products;
    private final SymptomStore symptoms;
    private final SolutionStore solutions;
    private final TaxonomyReader concepts;

    public NodeController(CallerResolver callers, ManagingItems items, ManagingConfigurations configurations, ReportingCases reports,
                          CustomerStore customers, ProductStore products, SymptomStore symptoms, SolutionStore solutions,
                          TaxonomyReader concepts) {
        this.callers = callers;
        this.items = items;
        this.configurations = configurations;
        this.reports = reports;
        this.customers = customers;
        this.products = products;
        this.symptoms = symptoms;
        this.solutions = solutions;
        this.concepts = concepts;
    }

    @QueryMapping
    public Object node(@Argument String id) {
        Caller caller = callers.current();
        PublicId type = PublicId.typeOf(id).orElseThrow(() -> new ApiException.BadUserInput("id", "is not a Peergraph id"));
        return switch (type) {
            case ITEM -> items.read(caller, Inputs.id("id", id, PublicId.ITEM));
            case CONFIGURATION -> configurations.read(caller, Inputs.id("id", id, PublicId.CONFIGURATION));
            case REPORT -> reports.read(caller, Inputs.id("id", id, PublicId.REPORT));
            case PRODUCT -> products.byId(Inputs.id("id", id, PublicId.PRODUCT)).orElse(null);
            case SYMPTOM -> symptoms.visible(Inputs.id("id", id, PublicId.SYMPTOM), caller.customerId()).orElse(null);
            case SOLUTION -> solutions.byId(Inputs.id("id", id, PublicId.SOLUTION)).orElse(null);
            case CONCEPT -> (caller.has(Role.MODERATOR) ? concepts : concepts.forEveryone()).conceptById(id).orElse(null);
            case CUSTOMER -> id.equals(caller.customerId()) ? customers.byId(id).orElse(null) : null; // others only as pseudonyms
            default -> null;
        };
    }
}
