package io.peergraph.api.audit;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.graph.audit.AuditEvent;
import io.peergraph.graph.audit.AuditTrail;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The audit trail for operators (ADMIN, enforced by the schema's @access rule). */
@Controller
public class AuditController {

    private final AuditTrail trail;
    private final Paging paging;

    public AuditController(AuditTrail trail, Paging paging) {
        this.trail = trail;
        this.paging = paging;
    }

    @QueryMapping
    public Window<AuditEvent> auditEvents(@Argument String action, @Argument Integer first, @Argument String after) {
        var page = paging.keyset(first, after);
        String cleanAction = Inputs.optionalLine("action", action, 64);
        return paging.keysetWindow(trail.page(cleanAction, page.afterTime(), page.afterId(), page.size()), page.size() - 1,
                AuditEvent::at, AuditEvent::id);
    }
}
