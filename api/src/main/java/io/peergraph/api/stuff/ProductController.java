package io.peergraph.api.stuff;

import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import java.util.Map;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The product catalog. */
@Controller
public class ProductController {

    private final ProductStore products;
    private final Paging paging;

    public ProductController(ProductStore products, Paging paging) {
        this.products = products;
        this.paging = paging;
    }

    @QueryMapping
    public Product product(@Argument String id) {
        return products.byId(Inputs.id("id", id, PublicId.PRODUCT)).orElse(null);
    }

    @QueryMapping
    public Window<Product> products(@Argument String search, @Argument Integer first, @Argument String after) {
        int size = paging.size(first);
        Map<String, Object> keys = paging.keysAfter(after);
        String text = Inputs.optionalLine("search", search, Inputs.NAME_MAX);
        return paging.window(products.page(text, (String) keys.get("name"), (String) keys.get("id"), size + 1), size,
                p -> Map.of("name", p.name(), "id", p.id()));
    }
}
