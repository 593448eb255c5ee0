package io.peergraph.api.stuff;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of configurations: reading one, creating, changing (privacy changes audited) and deleting, each
 * after the ownership check and in one transaction. Items arrive validated and normalised (the controller's job).
 */
@Component
@RetriedWhenGraphBusy
public class ManagingConfigurations {

    private final Ownership ownership;
    private final ConfigurationStore configurations;
    private final AuditTrail audit;

    public ManagingConfigurations(Ownership ownership, ConfigurationStore configurations, AuditTrail audit) {
        this.ownership = ownership;
        this.configurations = configurations;
        this.audit = audit;
    }

    /** The configuration, if the caller may read it (support reads are audited). */
    public Configuration read(Caller caller, String id) {
        ownership.requireRead(caller, id, "configuration");
        return configurations.byId(id).orElseThrow();
    }

    /**
     * A new configuration as drafted: for the draft's owner (null: the caller; else an organisation in which the
     * caller may manage stuff), of the draft's item if any (one the caller may change).
     */
    @Transactional
    public Configuration create(Caller caller, ConfigurationStore.NewConfiguration draft) {
        String owner = draft.ownerId() == null ? caller.customerId() : ownership.ownerFor(caller, draft.ownerId());
        if (draft.itemId() != null) {
            ownership.requireWrite(caller, draft.itemId(), "item");
        }
        return configurations.create(new ConfigurationStore.NewConfiguration(owner, draft.name(), draft.privacy(), draft.listedInPeers(),
                draft.inStatistics(), draft.itemId(), draft.items(), draft.rawByKey()));
    }

    @Transactional
    public Configuration update(Caller caller, String id, ConfigurationStore.ConfigurationChange change) {
        ownership.requireWrite(caller, id, "configuration");
        if (change.privacy() != null || change.listedInPeers() != null || change.inStatistics() != null) {
            audit.record(caller.customerId(), "PRIVACY_CHANGED", id, "configuration privacy=%s listedInPeers=%s inStatistics=%s"
                    .formatted(change.privacy(), change.listedInPeers(), change.inStatistics()));
        }
        return configurations.update(id, change);
    }

    @Transactional
    public String delete(Caller caller, String id) {
        ownership.requireWrite(caller, id, "configuration");
        configurations.delete(id);
        return id;
    }
}
