package io.peergraph.api.customer;

import io.peergraph.api.audit.SupportReads;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Role;
import io.peergraph.graph.customer.Customer;
import io.peergraph.graph.customer.CustomerStore;
import org.springframework.stereotype.Component;

/**
 * The use case of the 360° view support staff open when a customer gets in touch: support staff read any
 * customer (audited); a customer reads only themself.
 */
@Component
public class OpeningCustomerOverview {

    private final CustomerStore customers;
    private final SupportReads supportReads;

    public OpeningCustomerOverview(CustomerStore customers, SupportReads supportReads) {
        this.customers = customers;
        this.supportReads = supportReads;
    }

    public Customer open(Caller caller, String id) {
        boolean self = id.equals(caller.customerId());
        // Refused before the lookup, so that a customer cannot learn which ids exist.
        if (!self && !caller.has(Role.SUPPORT)) {
            throw new ApiException.Forbidden("Only support staff read another customer's history.");
        }
        Customer customer = customers.byId(id).orElseThrow(() -> new ApiException.NotFound("customer", id));
        if (!self) {
            supportReads.record(caller.customerId(), id, "history");
        }
        return customer;
    }
}
