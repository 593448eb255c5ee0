package io.peergraph.api.stuff;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** Customers' items: their own instances of catalog products. */
@Controller
public class ItemController {

    public record CreateItemInput(String product, String productName, String nickname, String location, LocalDate acquiredOn,
                                  Item.Status status, Privacy privacy, String owner) {}

    public record UpdateItemInput(String nickname, String location, LocalDate acquiredOn, Item.Status status, Privacy privacy) {}

    private final CallerResolver callers;
    private final Ownership ownership;
    private final ItemStore items;
    private final ProductStore products;
    private final AuditTrail audit;

    public ItemController(CallerResolver callers, Ownership ownership, ItemStore items, ProductStore products, AuditTrail audit) {
        this.callers = callers;
        this.ownership = ownership;
        this.items = items;
        this.products = products;
        this.audit = audit;
    }

    @QueryMapping
    public Item item(@Argument String id) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.ITEM);
        ownership.requireRead(caller, id, "item");
        return items.byId(id).orElseThrow();
    }

    @MutationMapping
    @Transactional
    public Item createItem(@Argument CreateItemInput input) {
        Caller caller = callers.current();
        String nickname = Inputs.optionalLine("input.nickname", input.nickname(), Inputs.NAME_MAX);
        String location = Inputs.optionalLine("input.location", input.location(), Inputs.NAME_MAX);
        if (input.acquiredOn() != null && input.acquiredOn().isAfter(LocalDate.now().plusDays(1))) {
            throw new ApiException.BadUserInput("input.acquiredOn", "must not be in the future");
        }
        String owner = input.owner() == null ? caller.customerId() : ownership.ownerFor(caller, Inputs.id("input.owner", input.owner(), PublicId.CUSTOMER));
        Product product = product(input);
        return items.create(new ItemStore.NewItem(owner, product.id(), nickname, location, input.acquiredOn(),
                input.status() == null ? Item.Status.ACTIVE : input.status(), input.privacy() == null ? Privacy.PRIVATE : input.privacy()));
    }

    @MutationMapping
    @Transactional
    public Item updateItem(@Argument String id, @Argument UpdateItemInput input) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.ITEM);
        String nickname = Inputs.optionalLine("input.nickname", input.nickname(), Inputs.NAME_MAX);
        String location = Inputs.optionalLine("input.location", input.location(), Inputs.NAME_MAX);
        ownership.requireWrite(caller, id, "item");
        if (input.privacy() != null) {
            audit.record(caller.customerId(), "PRIVACY_CHANGED", id, "item privacy set to " + input.privacy());
        }
        return items.update(id, new ItemStore.ItemChange(nickname, location, input.acquiredOn(), input.status(), input.privacy()));
    }

    @MutationMapping
    @Transactional
    public String deleteItem(@Argument String id) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.ITEM);
        ownership.requireWrite(caller, id, "item");
        items.delete(id);
        return id;
    }

    @BatchMapping(typeName = "Item", field = "product")
    public Map<Item, Product> product(List<Item> list) {
        Map<String, Product> byId = products.byIds(list.stream().map(Item::productId).distinct().toList()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), i -> byId.get(i.productId()), (a, b) -> a));
    }

    private Product product(CreateItemInput input) {
        if ((input.product() == null) == (input.productName() == null)) {
            throw new ApiException.BadUserInput("input.product", "give either product (an id) or productName, not both");
        }
        if (input.product() != null) {
            String id = Inputs.id("input.product", input.product(), PublicId.PRODUCT);
            return products.byId(id).orElseThrow(() -> new ApiException.BadUserInput("input.product", "no product has this id"));
        }
        return products.findOrAddUnverified(Inputs.requiredLine("input.productName", input.productName(), Inputs.NAME_MAX));
    }
}
