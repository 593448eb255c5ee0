package io.peergraph.api.taxonomy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.facet.ItemClassification;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** What moderators could classify: item values of kinds with a value scheme that no concept carries. */
@Controller
public class ItemClassificationController {

    static final int MAX = 100;

    private final GraphConnection graph;

    public ItemClassificationController(GraphConnection graph) {
        this.graph = graph;
    }

    @QueryMapping
    public List<ItemClassification.Unclassified> unclassifiedItemValues(@Argument Integer first) {
        int n = first == null ? 20 : first;
        if (n < 1 || n > MAX) {
            throw new ApiException.BadUserInput("first", "give 1–" + MAX);
        }
        return ItemClassification.unclassified(graph, n);
    }
}
