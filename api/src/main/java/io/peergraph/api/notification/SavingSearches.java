package io.peergraph.api.notification;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.graph.notification.SavedSearches;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The use cases of saved searches (support staff's standing case searches): saving one and deleting one, each one transaction. */
@Component
@RetriedWhenGraphBusy
public class SavingSearches {

    private final SavedSearches saved;

    public SavingSearches(SavedSearches saved) {
        this.saved = saved;
    }

    /** Saves a search whose filter names only things that exist, up to {@link SavedSearches#MAX_PER_CUSTOMER}. */
    @Transactional
    public SavedSearches.SavedSearch save(Caller caller, String name, SavedSearches.Filter filter) {
        saved.unknownReference(filter).ifPresent(part -> {
            throw new ApiException.BadUserInput("filter." + part, "no such " + part + " exists");
        });
        return saved.save(caller.customerId(), name, filter).orElseThrow(() -> new ApiException.BadUserInput("name",
                "you have " + SavedSearches.MAX_PER_CUSTOMER + " saved searches already; delete some first"));
    }

    @Transactional
    public boolean delete(Caller caller, String id) {
        return saved.delete(caller.customerId(), id);
    }
}
