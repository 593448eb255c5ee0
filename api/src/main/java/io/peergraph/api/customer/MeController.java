package io.peergraph.api.customer;

import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Role;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.customer.Invitation;
import io.peergraph.graph.customer.Membership;
import io.peergraph.graph.paging.PageRequest;
import io.peergraph.graph.report.Report;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Confirmation;
import io.peergraph.graph.solution.SolutionStore;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.tag.Tag;
import io.peergraph.graph.tag.TagStore;
import java.util.List;
import java.util.Set;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code me}: the caller, everything they own, their organisations and the invitations waiting for them. */
@Controller
public class MeController {

    /** The GraphQL {@code Me} type: the caller, resolved once per request. */
    public record Me(Caller caller) {}

    private final CallerResolver callers;
    private final CustomerStore customers;
    private final ItemStore items;
    private final ConfigurationStore configurations;
    private final ReportStore reports;
    private final SolutionStore solutions;
    private final TagStore tags;
    private final Paging paging;
    private final Organisations organisations;

    public MeController(CallerResolver callers, CustomerStore customers, ItemStore items, ConfigurationStore configurations,
                        ReportStore reports, SolutionStore solutions, TagStore tags, Paging paging, Organisations organisations) {
        this.callers = callers;
        this.customers = customers;
        this.items = items;
        this.configurations = configurations;
        this.reports = reports;
        this.solutions = solutions;
        this.tags = tags;
        this.paging = paging;
        this.organisations = organisations;
    }

    @QueryMapping
    public Me me() {
        return new Me(callers.current());
    }

    @SchemaMapping(typeName = "Me")
    public Customer customer(Me me) {
        return customers.byId(me.caller().customerId()).orElseThrow();
    }

    @SchemaMapping(typeName = "Me")
    public Set<Role> roles(Me me) {
        return me.caller().roles();
    }

    @SchemaMapping(typeName = "Me")
    public List<Membership> organisations(Me me) {
        return customers.memberships(List.of(me.caller().customerId())).get(me.caller().customerId());
    }

    @SchemaMapping(typeName = "Me")
    public Window<Item> items(Me me, @Argument Integer first, @Argument String after) {
        PageRequest page = paging.keyset(first, after);
        return paging.keysetWindow(items.byOwner(me.caller().customerId(), page), page.size() - 1, Item::createdAt, Item::id);
    }

    @SchemaMapping(typeName = "Me")
    public Window<Configuration> configurations(Me me, @Argument Integer first, @Argument String after) {
        PageRequest page = paging.keyset(first, after);
        return paging.keysetWindow(configurations.byOwner(me.caller().customerId(), page), page.size() - 1,
                Configuration::createdAt, Configuration::id);
    }

    @SchemaMapping(typeName = "Me")
    public Window<Report> reports(Me me, @Argument Integer first, @Argument String after) {
        PageRequest page = paging.keyset(first, after);
        return paging.keysetWindow(reports.byOwner(me.caller().customerId(), page), page.size() - 1, Report::createdAt, Report::id);
    }

    @SchemaMapping(typeName = "Me")
    public List<Confirmation> confirmations(Me me, @Argument Integer first) {
        return solutions.confirmationsBy(me.caller().customerId(), paging.size(first));
    }

    @SchemaMapping(typeName = "Me")
    public List<Tag> tags(Me me, @Argument Integer first) {
        return tags.appliedBy(me.caller().customerId(), paging.size(first));
    }

    @SchemaMapping(typeName = "Me")
    public List<Invitation> invitations(Me me) {
        return organisations.invitationsFor(me.caller());
    }
}
