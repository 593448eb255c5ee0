package io.peergraph.api.customer;

import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.api.security.Role;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.report.Report;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Report.customer}: who filed a case, for those who see the case whole (its owner, the owning organisation's
 * members, support staff), so that support can open the customer's 360° view from a case. Everyone else gets null:
 * another customer knows the author only by a pseudonym.
 */
@Controller
public class ReportCustomerController {

    private final CallerResolver callers;
    private final Ownership ownership;
    private final CustomerStore customers;

    public ReportCustomerController(CallerResolver callers, Ownership ownership, CustomerStore customers) {
        this.callers = callers;
        this.ownership = ownership;
        this.customers = customers;
    }

    @BatchMapping(typeName = "Report", field = "customer")
    public Map<Report, Customer> customer(List<Report> reports) {
        Caller caller = callers.current();
        Set<String> whole = new HashSet<>();
        if (caller.has(Role.SUPPORT)) {
            reports.forEach(r -> whole.add(r.id()));
        } else {
            reports.stream().filter(r -> r.ownerId().equals(caller.customerId())).forEach(r -> whole.add(r.id()));
            whole.addAll(ownership.readable(caller, reports.stream().map(Report::id).filter(id -> !whole.contains(id)).toList()));
        }
        // A page of cases has few distinct authors: one lookup each.
        Map<String, Optional<Customer>> byId = new HashMap<>();
        Map<Report, Customer> out = new HashMap<>();
        for (Report r : reports) {
            out.put(r, whole.contains(r.id()) ? byId.computeIfAbsent(r.ownerId(), customers::byId).orElse(null) : null);
        }
        return out;
    }
}
