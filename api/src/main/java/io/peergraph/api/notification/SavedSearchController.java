package io.peergraph.api.notification;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.search.SearchController.CaseFilterInput;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.notification.SavedSearches;
import io.peergraph.graph.notification.SavedSearches.SavedSearch;
import io.peergraph.graph.tag.TagLabel;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Support staff's saved case searches (the SUPPORT role is the schema's @access rule); each caller's own. */
@Controller
public class SavedSearchController {

    private static final int MAX_VALUES = 100;

    private final CallerResolver callers;
    private final SavedSearches saved;
    private final SavingSearches saving;

    public SavedSearchController(CallerResolver callers, SavedSearches saved, SavingSearches saving) {
        this.callers = callers;
        this.saved = saved;
        this.saving = saving;
    }

    @QueryMapping
    public List<SavedSearch> savedSearches() {
        return saved.of(callers.current().customerId());
    }

    @MutationMapping
    public SavedSearch saveSearch(@Argument String name, @Argument CaseFilterInput filter) {
        Caller caller = callers.current();
        String label = Inputs.requiredLine("name", name, Inputs.NAME_MAX);
        return saving.save(caller, label, filter(filter));
    }

    @MutationMapping
    public boolean deleteSavedSearch(@Argument String id) {
        Caller caller = callers.current();
        return saving.delete(caller, Inputs.id("id", id, PublicId.SAVED_SEARCH));
    }

    @SchemaMapping(typeName = "SavedSearch")
    public String product(SavedSearch s) {
        return s.filter().productId();
    }

    @SchemaMapping(typeName = "SavedSearch")
    public String symptom(SavedSearch s) {
        return s.filter().symptomId();
    }

    @SchemaMapping(typeName = "SavedSearch")
    public List<String> configurationItems(SavedSearch s) {
        return s.filter().configItemIds();
    }

    @SchemaMapping(typeName = "SavedSearch")
    public List<String> status(SavedSearch s) {
        return s.filter().statuses();
    }

    @SchemaMapping(typeName = "SavedSearch")
    public List<String> channels(SavedSearch s) {
        return s.filter().channels();
    }

    @SchemaMapping(typeName = "SavedSearch")
    public List<String> tags(SavedSearch s) {
        return s.filter().tags();
    }

    /** searchCases' filter, minus the time window (a standing search is about what happens from now on). */
    private static SavedSearches.Filter filter(CaseFilterInput in) {
        if (in.from() != null || in.to() != null) {
            throw new ApiException.BadUserInput(in.from() != null ? "filter.from" : "filter.to",
                    "a saved search watches what happens from now on; leave out from/to");
        }
        SavedSearches.Filter f = new SavedSearches.Filter(
                in.product() == null ? null : Inputs.id("filter.product", in.product(), PublicId.PRODUCT),
                in.symptom() == null ? null : Inputs.id("filter.symptom", in.symptom(), PublicId.SYMPTOM),
                values("filter.configurationItems", in.configurationItems()).stream()
                        .map(v -> Inputs.id("filter.configurationItems", v, PublicId.CONFIG_ITEM)).distinct().toList(),
                values("filter.status", in.status()).stream().map(Enum::name).distinct().toList(),
                values("filter.channels", in.channels()).stream().map(Enum::name).distinct().toList(),
                values("filter.tags", in.tags()).stream().map(t -> TagLabel.normalize(Inputs.requiredLine("filter.tags", t, Inputs.NAME_MAX)))
                        .distinct().toList());
        if (f.isEmpty()) {
            throw new ApiException.BadUserInput("filter", "needs at least one part: a search without any would match every case");
        }
        return f;
    }

    private static <T> List<T> values(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_VALUES) {
            throw new ApiException.BadUserInput(field, "at most " + MAX_VALUES);
        }
        return values;
    }
}
