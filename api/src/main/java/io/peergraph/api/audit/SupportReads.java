package io.peergraph.api.audit;

import io.peergraph.graph.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The one writer of the {@code SUPPORT_READ} audit: support staff read customers' private things to help them,
 * and every such read leaves a trace the customer can be shown. Use cases call it at the moment the read is
 * granted, in the transaction of the read where there is one.
 */
@Component
public class SupportReads {

    public static final String ACTION = "SUPPORT_READ";

    private final AuditTrail audit;

    public SupportReads(AuditTrail audit) {
        this.audit = audit;
    }

    /** Support staff member {@code staffId} read {@code thingId}, "a customer's {@code what}". */
    public void record(String staffId, String thingId, String what) {
        audit.record(staffId, ACTION, thingId, "support read a customer's " + what);
    }
}
