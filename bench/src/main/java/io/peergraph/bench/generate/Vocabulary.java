package io.peergraph.bench.generate;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.ConfigItemValue;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * What a synthetic community talks about: configuration items per kind, symptoms and products, each list in
 * order of popularity (index 0 is the most common) and drawn with Zipf-skewed popularity.
 */
final class Vocabulary {

    /** A kind of configuration item and how many distinct values it has, as in BENCHMARKS.md. */
    record Kind(String name, int values) {}

    static final List<Kind> KINDS = List.of(
            new Kind("gpu", 300), new Kind("driver", 100), new Kind("kernel", 50),
            new Kind("os", 40), new Kind("cpu", 200), new Kind("ram", 10));
    static final int SYMPTOMS = 500;
    static final int PRODUCTS = 1000;

    record Named(String id, String key, String name) {}

    record Item(String id, String key, String kind, String value) {}

    final List<List<Item>> itemsByKind;
    final List<Named> symptoms;
    final List<Named> products;
    private final List<Zipf> itemPopularity;
    private final Zipf symptomPopularity = new Zipf(SYMPTOMS, Zipf.COMMUNITY_EXPONENT);
    private final Zipf productPopularity = new Zipf(PRODUCTS, Zipf.COMMUNITY_EXPONENT);

    Vocabulary() {
        itemsByKind = KINDS.stream().map(kind -> IntStream.range(0, kind.values()).mapToObj(rank -> {
            ConfigItemValue item = new ConfigItemValue(kind.name(), "%s %03d".formatted(kind.name().toUpperCase(), rank));
            return new Item(PublicId.CONFIG_ITEM.fromKey(item.key()), item.key(), item.kind(), item.value());
        }).toList()).toList();
        itemPopularity = KINDS.stream().map(kind -> new Zipf(kind.values(), Zipf.COMMUNITY_EXPONENT)).toList();
        symptoms = IntStream.range(0, SYMPTOMS).mapToObj(rank -> {
            String key = "bench/symptom-%03d".formatted(rank);
            return new Named(PublicId.SYMPTOM.fromKey(key), key, "Synthetic symptom %03d".formatted(rank));
        }).toList();
        products = IntStream.range(0, PRODUCTS).mapToObj(rank -> {
            String key = "name:bench game %04d".formatted(rank);
            return new Named(PublicId.PRODUCT.fromKey(key), key, "Bench Game %04d".formatted(rank));
        }).toList();
    }

    List<Item> allItems() {
        return itemsByKind.stream().flatMap(List::stream).toList();
    }

    /** One item of every kind, each drawn by its popularity. */
    List<Item> configuration(SplittableRandom random) {
        return IntStream.range(0, KINDS.size()).mapToObj(k -> itemsByKind.get(k).get(itemPopularity.get(k).sample(random))).toList();
    }

    int symptomRank(SplittableRandom random) {
        return symptomPopularity.sample(random);
    }

    Named product(SplittableRandom random) {
        return products.get(productPopularity.sample(random));
    }
}
