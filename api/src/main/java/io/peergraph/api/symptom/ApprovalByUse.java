package io.peergraph.api.symptom;

import io.peergraph.graph.symptom.SymptomProposals;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A symptom a customer described becomes everyone's once {@code peergraph.taxonomy.symptom-approval-users} (default
 * 3) distinct customers reported it, its author included, without waiting for a moderator: the community has spoken.
 * It is the moderators' own approval, recorded as a curation event by {@value #BY} ("approved … (used by 3
 * customers)"), so it shows in the history and a moderator may undo it. Checked after each report commits; two
 * reports at once may both try, and the second is refused as already approved, which is fine.
 */
@Component
public class ApprovalByUse {

    /** Who the curation event names for an approval by use. */
    static final String BY = "usage";

    private static final Logger log = LoggerFactory.getLogger(ApprovalByUse.class);

    private final SymptomProposals proposals;
    private final Curation curation;
    private final int minCustomers;

    public ApprovalByUse(SymptomProposals proposals, Curation curation, @Value("${peergraph.taxonomy.symptom-approval-users:3}") int minCustomers) {
        if (minCustomers < 1) {
            throw new IllegalArgumentException("peergraph.taxonomy.symptom-approval-users must be at least 1, not " + minCustomers);
        }
        this.proposals = proposals;
        this.curation = curation;
        this.minCustomers = minCustomers;
    }

    /**
     * After a report showing these symptoms committed. Never fails the report: it is stored, and a client told
     * otherwise would send it again. An approval missed here happens with the next report of the symptom.
     */
    public void afterReport(Collection<String> symptomIds) {
        try {
            proposals.dueForApproval(symptomIds, minCustomers).forEach((conceptIri, customers) ->
                    curation.apply(BY, new CurationCommand.Approve(conceptIri, "used by " + customers + " customers")));
        } catch (RuntimeException e) {
            log.warn("Approval by use of {} not checked; the next report of them will: {}", symptomIds, e.toString());
        }
    }
}
