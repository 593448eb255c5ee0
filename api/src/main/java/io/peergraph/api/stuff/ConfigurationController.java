package io.peergraph.api.stuff;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.Configuration;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Item;
import io.peergraph.graph.stuff.ItemStore;
import io.peergraph.graph.stuff.ItemValueSuggestions;
import io.peergraph.graph.stuff.Privacy;
import io.peergraph.ingest.normalise.NormalisedItem;
import io.peergraph.ingest.normalise.SystemNormaliser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Customers' configurations: a named set of normalised items. */
@Controller
public class ConfigurationController {

    static final int MAX_ITEMS = 50;

    public record ConfigItemInput(String kind, String value) {}

    public record CreateConfigurationInput(String name, List<ConfigItemInput> items, String item, Privacy privacy,
                                           Boolean listedInPeers, Boolean inStatistics, String owner) {}

    public record UpdateConfigurationInput(String name, List<ConfigItemInput> items, Privacy privacy,
                                           Boolean listedInPeers, Boolean inStatistics) {}

    private final CallerResolver callers;
    private final ManagingConfigurations managing;
    private final ItemStore items;
    private final SystemNormaliser normaliser;
    private final ItemValueSuggestions suggestions;

    public ConfigurationController(CallerResolver callers, ManagingConfigurations managing, ItemStore items,
                                   SystemNormaliser normaliser,
                                   ItemValueSuggestions suggestions) {
        this.normaliser = normaliser;
        this.suggestions = suggestions;
        this.callers = callers;
        this.managing = managing;
        this.items = items;
    }

    @QueryMapping
    public Configuration configuration(@Argument String id) {
        Caller caller = callers.current();
        return managing.read(caller, Inputs.id("id", id, PublicId.CONFIGURATION));
    }

    /** Most suggestions {@code itemValues} returns (and its default). */
    static final int MAX_SUGGESTIONS = 20;

    /**
     * Canonical values of a kind for what a person starts typing: the typed text as it is (folded) and as the
     * importer's normaliser reads it ("Radeon RX 580" → "AMD Radeon RX 580"), most held first.
     */
    @QueryMapping
    public List<ItemValueSuggestions.ItemValueCount> itemValues(@Argument String kind, @Argument String prefix, @Argument Integer first) {
        callers.current();
        String cleanKind = ConfigItemValue.parse(kind, "x").accepted().map(ConfigItemValue::kind)
                .orElseThrow(() -> new ApiException.BadUserInput("kind", "kind must be 1–32 letters, digits or underscores starting with a letter, e.g. gpu"));
        if (first != null && first < 1) {
            throw new ApiException.BadUserInput("first", "first must be at least 1");
        }
        int limit = first == null ? MAX_SUGGESTIONS : Math.min(first, MAX_SUGGESTIONS);
        String typed = Inputs.optionalLine("prefix", prefix, ConfigItemValue.MAX_VALUE_LENGTH);
        List<String> prefixes = new ArrayList<>();
        prefixes.add(typed == null ? "" : typed);
        if (typed != null) {
            normaliser.normalise(cleanKind, typed).stream().filter(n -> n.kind().equals(cleanKind)).map(NormalisedItem::value)
                    .forEach(prefixes::add);
        }
        return suggestions.suggest(cleanKind, prefixes, limit);
    }

    @MutationMapping
    public Configuration createConfiguration(@Argument CreateConfigurationInput input) {
        Caller caller = callers.current();
        String name = Inputs.requiredLine("input.name", input.name(), Inputs.NAME_MAX);
        Typed values = items("input.items", input.items(), normaliser);
        String owner = input.owner() == null ? null : Inputs.id("input.owner", input.owner(), PublicId.CUSTOMER);
        String item = input.item() == null ? null : Inputs.id("input.item", input.item(), PublicId.ITEM);
        return managing.create(caller, new ConfigurationStore.NewConfiguration(owner, name,
                input.privacy() == null ? Privacy.COMMUNITY : input.privacy(),
                input.listedInPeers() == null || input.listedInPeers(), input.inStatistics() == null || input.inStatistics(),
                item, values.items(), values.rawByKey()));
    }

    @MutationMapping
    public Configuration updateConfiguration(@Argument String id, @Argument UpdateConfigurationInput input) {
        Caller caller = callers.current();
        Inputs.id("id", id, PublicId.CONFIGURATION);
        String name = input.name() == null ? null : Inputs.requiredLine("input.name", input.name(), Inputs.NAME_MAX);
        Typed values = input.items() == null ? null : items("input.items", input.items(), normaliser);
        return managing.update(caller, id, new ConfigurationStore.ConfigurationChange(name, input.privacy(), input.listedInPeers(),
                input.inStatistics(), values == null ? null : values.items(), values == null ? Map.of() : values.rawByKey()));
    }

    @MutationMapping
    public String deleteConfiguration(@Argument String id) {
        Caller caller = callers.current();
        return managing.delete(caller, Inputs.id("id", id, PublicId.CONFIGURATION));
    }

    @BatchMapping(typeName = "Configuration", field = "item")
    public Map<Configuration, Item> item(List<Configuration> configs) {
        List<String> ids = configs.stream().map(Configuration::itemId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, Item> byId = items.byIds(ids).stream().collect(Collectors.toMap(Item::id, Function.identity()));
        Map<Configuration, Item> out = new java.util.HashMap<>();
        configs.forEach(c -> out.put(c, c.itemId() == null ? null : byId.get(c.itemId())));
        return out;
    }

    /** The canonical items and, by item key, the string typed for each. */
    record Typed(List<ConfigItemValue> items, Map<String, String> rawByKey) {}

    /**
     * Validates the items and normalises them as an import does ({@link SystemNormaliser#normalise(String, String)}:
     * {@code gpu: Radeon RX 580} becomes {@code gpu: AMD Radeon RX 580} with its vendor and family); a kind without a
     * normaliser, or a value it does not recognise, is kept as typed. The first bad item is reported with its index.
     */
    static Typed items(String field, Collection<ConfigItemInput> inputs, SystemNormaliser normaliser) {
        if (inputs == null || inputs.isEmpty()) {
            throw new ApiException.BadUserInput(field, "a configuration needs at least one item");
        }
        if (inputs.size() > MAX_ITEMS) {
            throw new ApiException.BadUserInput(field, "at most " + MAX_ITEMS + " items");
        }
        List<ConfigItemValue> out = new ArrayList<>();
        Map<String, String> raws = new java.util.LinkedHashMap<>();
        int i = 0;
        for (ConfigItemInput in : inputs) {
            switch (ConfigItemValue.parse(in.kind(), in.value())) {
                case ConfigItemValue.Result.Accepted a -> {
                    List<NormalisedItem> normalised = normaliser.normalise(a.item().kind(), a.item().value());
                    if (normalised.isEmpty()) {
                        add(out, raws, a.item(), a.item().value());
                    }
                    for (NormalisedItem n : normalised) {
                        ConfigItemValue.parse(n.kind(), n.value()).accepted().ifPresent(v -> add(out, raws, v, a.item().value()));
                    }
                }
                case ConfigItemValue.Result.Rejected r -> throw new ApiException.BadUserInput(field + "[" + i + "]." + r.field(), r.reason());
            }
            i++;
        }
        return new Typed(out, raws);
    }

    /** One item per key: the first typed string wins, as in an import. */
    private static void add(List<ConfigItemValue> out, Map<String, String> raws, ConfigItemValue value, String raw) {
        if (raws.putIfAbsent(value.key(), raw) == null) {
            out.add(value);
        }
    }
}
