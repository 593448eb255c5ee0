package io.peergraph.api.stuff;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
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

/** Customers' items: their own instances of catalog products. */
@Controller
public class ItemController {

    public record CreateItemInput(String product, String productName, String nickname, String location, LocalDate acquiredOn,
                                  Item.Status status, Privacy privacy, String owner) {}

    public record UpdateItemInput(String nickname, String location, LocalDate acquiredOn, Item.Status status, Privacy privacy) {}

    private final CallerResolver callers;
    private final ManagingItems managing;
    private final ProductStore products;

    public ItemController(CallerResolver callers, ManagingItems managing, ProductStore products) {
        this.callers = callers;
        this.managing = managing;
        this.products = products;
    }

    @QueryMapping
    public Item item(@Argument String id) {
        Caller caller = callers.current();
        return managing.read(caller, Inputs.id("id", id, PublicId.ITEM));
    }

    @MutationMapping
    public Item createItem(@Argument CreateItemInput input) {
        Caller caller = callers.current();
        String nickname = Inputs.optionalLine("input.nickname", input.nickname(), Inputs.NAME_MAX);
        String location = Inputs.optionalLine("input.location", input.location(), Inputs.NAME_MAX);
        if (input.acquiredOn() != null && input.acquiredOn().isAfter(LocalDate.now().plusDays(1))) {
            throw new ApiException.BadUserInput("input.acquiredOn", "must not be in the future");
        }
        String owner = input.owner() == null ? null : Inputs.id("input.owner", input.owner(), PublicId.CUSTOMER);
        return managing.create(caller, productChoice(input), new ItemStore.NewItem(owner, null, nickname, location, input.acquiredOn(),
                input.status() == null ? Item.Status.ACTIVE : input.status(), input.privacy() == null ? Privacy.PRIVATE : input.privacy()));
    }

    @MutationMapping
    public Item updateItem(@Argument String id, @Argument UpdateItemInput input) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.ITEM);
        String nickname = Inputs.optionalLine("input.nickname", input.nickname(), Inputs.NAME_MAX);
        String location = Inputs.optionalLine("input.location", input.location(), Inputs.NAME_MAX);
        return managing.update(caller, id, new ItemStore.ItemChange(nickname, location, input.acquiredOn(), input.status(), input.privacy()));
    }

    @MutationMapping
    public String deleteItem(@Argument String id) {
        Caller caller = callers.current();
        return managing.delete(caller, Inputs.id("id", id, PublicId.ITEM));
    }

    @BatchMapping(typeName = "Item", field = "product")
    public Map<Item, Product> product(List<Item> list) {
        Map<String, Product> byId = products.byIds(list.stream().map(Item::productId).distinct().toList()).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        return list.stream().collect(Collectors.toMap(Function.identity(), i -> byId.get(i.productId()), (a, b) -> a));
    }

    private static ManagingItems.ProductChoice productChoice(CreateItemInput input) {
        if ((input.product() == null) == (input.productName() == null)) {
            throw new ApiException.BadUserInput("input.product", "give either product (an id) or productName, not both");
        }
        return input.product() != null ? new ManagingItems.ProductChoice.ById(Inputs.id("input.product", input.product(), PublicId.PRODUCT))
                : new ManagingItems.ProductChoice.ByName(Inputs.requiredLine("input.productName", input.productName(), Inputs.NAME_MAX));
    }
}
