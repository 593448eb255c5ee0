package io.peergraph.api.customer;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.history.CustomerHistory;
import io.peergraph.graph.history.HistoryEntry;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.paging.PageRequest;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Solution;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code customer(id)}: the 360° view support staff open when a customer gets in touch. Support staff read any
 * customer (audited); a customer reads only themself. Organisation members do not read the organisation's
 * overview here: its stuff is reachable through their own membership already.
 */
@Controller
public class CustomerOverviewController {

    /** The GraphQL {@code CustomerOverview}: a customer the caller was allowed to read. */
    public record CustomerOverview(Customer customer) {}

    private final CallerResolver callers;
    private final CustomerStore customers;
    private final CustomerHistory history;
    private final ItemStore items;
    private final ConfigurationStore configurations;
    private final ReportStore reports;
    private final SolutionStore solutions;
    private final OpeningCustomerOverview opening;
    private final Paging paging;

    public CustomerOverviewController(CallerResolver callers, CustomerStore customers, CustomerHistory history, ItemStore items,
                                      ConfigurationStore configurations, ReportStore reports, SolutionStore solutions,
                                      OpeningCustomerOverview opening, Paging paging) {
        this.callers = callers;
        this.customers = customers;
        this.history = history;
        this.items = items;
        this.configurations = configurations;
        this.reports = reports;
        this.solutions = solutions;
        this.opening = opening;
        this.paging = paging;
    }

    @QueryMapping
    public CustomerOverview customer(@Argument String id) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.CUSTOMER);
        Customer customer = opening.open(caller, id);
        return new CustomerOverview(customer);
    }

    @SchemaMapping(typeName = "CustomerOverview")
    public List<Membership> organisations(CustomerOverview overview) {
        return customers.memberships(List.of(overview.customer().id())).get(overview.customer().id());
    }

    @SchemaMapping(typeName = "CustomerOverview")
    public Window<HistoryEntry> history(CustomerOverview overview, @Argument Integer first, @Argument String after,
                                        @Argument List<HistoryEntry.Kind> kinds) {
        PageRequest page = paging.keyset(first, after);
        return paging.keysetWindow(history.page(overview.customer().id(), kinds, page), page.size() - 1,
                HistoryEntry::at, HistoryEntry::subjectId);
    }

    @BatchMapping(typeName = "CustomerEvent", field = "item")
    public Map<HistoryEntry, Item> item(List<HistoryEntry> events) {
        return subjects(events, e -> e.kind() == HistoryEntry.Kind.ITEM_ADDED ? e.subjectId() : null, items::byIds, Item::id);
    }

    @BatchMapping(typeName = "CustomerEvent", field = "configuration")
    public Map<HistoryEntry, Configuration> configuration(List<HistoryEntry> events) {
        return subjects(events, e -> switch (e.kind()) {
            case CONFIGURATION_CREATED -> e.subjectId();
            case CONFIRMED -> e.confirmation().configurationId();
            default -> null;
        }, configurations::byIds, Configuration::id);
    }

    @BatchMapping(typeName = "CustomerEvent", field = "report")
    public Map<HistoryEntry, Report> report(List<HistoryEntry> events) {
        return subjects(events, HistoryEntry::reportId, reports::byIds, Report::id);
    }

    @BatchMapping(typeName = "CustomerEvent", field = "solution")
    public Map<HistoryEntry, Solution> solution(List<HistoryEntry> events) {
        return subjects(events, e -> switch (e.kind()) {
            case SOLUTION_PROPOSED -> e.subjectId();
            case CONFIRMED -> e.confirmation().solutionId();
            default -> null;
        }, solutions::byIds, Solution::id);
    }

    /** One query per field for a whole page: the ids each event refers to, loaded together. */
    private static <T> Map<HistoryEntry, T> subjects(List<HistoryEntry> events, Function<HistoryEntry, String> idOf,
                                                     Function<Collection<String>, List<T>> load, Function<T, String> idOfLoaded) {
        List<String> ids = events.stream().map(idOf).filter(Objects::nonNull).distinct().toList();
        Map<String, T> byId = ids.isEmpty() ? Map.of()
                : load.apply(ids).stream().collect(Collectors.toMap(idOfLoaded, Function.identity(), (a, b) -> a));
        Map<HistoryEntry, T> out = new HashMap<>();
        events.forEach(e -> {
            String id = idOf.apply(e);
            out.put(e, id == null ? null : byId.get(id));
        });
        return out;
    }
}
