package io.peergraph.api.stuff;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.Product;
import io.peergraph.graph.stuff.ProductStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of items (the things a customer owns): reading one, adding (of a catalogue product, or of a product
 * named for the first time, added unverified), changing (privacy changes audited) and removing, each after the
 * ownership check and in one transaction.
 */
@Component
@RetriedWhenGraphBusy
public class ManagingItems {

    /** The product of a new item: a catalogue product's id, or the name of one the catalogue may not hold yet. */
    public sealed interface ProductChoice {
        record ById(String id) implements ProductChoice {}

        record ByName(String name) implements ProductChoice {}
    }

    private final Ownership ownership;
    private final ItemStore items;
    private final ProductStore products;
    private final AuditTrail audit;

    public ManagingItems(Ownership ownership, ItemStore items, ProductStore products, AuditTrail audit) {
        this.ownership = ownership;
        this.items = items;
        this.products = products;
        this.audit = audit;
    }

    /** The item, if the caller may read it (support reads are audited). */
    public Item read(Caller caller, String id) {
        ownership.requireRead(caller, id, "item");
        return items.byId(id).orElseThrow();
    }

    /** A new item as drafted, for the draft's owner (null: the caller; else an organisation the caller manages stuff of). */
    @Transactional
    public Item create(Caller caller, ProductChoice choice, ItemStore.NewItem draft) {
        String owner = draft.ownerId() == null ? caller.customerId() : ownership.ownerFor(caller, draft.ownerId());
        Product product = switch (choice) {
            case ProductChoice.ById byId -> products.byId(byId.id())
                    .orElseThrow(() -> new ApiException.BadUserInput("input.product", "no product has this id"));
            case ProductChoice.ByName byName -> products.findOrAddUnverified(byName.name());
        };
        return items.create(new ItemStore.NewItem(owner, product.id(), draft.nickname(), draft.location(), draft.acquiredOn(),
                draft.status(), draft.privacy()));
    }

    @Transactional
    public Item update(Caller caller, String id, ItemStore.ItemChange change) {
        ownership.requireWrite(caller, id, "item");
        if (change.privacy() != null) {
            audit.record(caller.customerId(), "PRIVACY_CHANGED", id, "item privacy set to " + change.privacy());
        }
        return items.update(id, change);
    }

    @Transactional
    public String delete(Caller caller, String id) {
        ownership.requireWrite(caller, id, "item");
        items.delete(id);
        return id;
    }
}
