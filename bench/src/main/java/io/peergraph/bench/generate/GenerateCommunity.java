package io.peergraph.bench.generate;

import io.peergraph.bench.Options;
import java.nio.file.Path;
import java.util.Set;

/** Generates and loads a synthetic community (or finds it loaded already) and prints its size and load rate. */
public final class GenerateCommunity {

    public static final Set<String> OPTIONS = Set.of("customers", "seed", "data-dir", "page-cache", "batch");

    public static void main(String[] args) {
        Options options = new Options(args, OPTIONS);
        try (GeneratedStore store = open(options, community(options))) {
            System.out.println("Dataset: " + store.size());
            System.out.println("Load: " + store.loadFacts());
        }
    }

    /** The community the options describe (shared by every benchmark main). */
    public static SyntheticCommunity community(Options options) {
        return new SyntheticCommunity(CommunityShape.of(options.integer("customers", 100_000), options.integer("seed", 42)));
    }

    /** The store holding {@code community}, loaded now unless an earlier run completed it. */
    public static GeneratedStore open(Options options, SyntheticCommunity community) {
        return GeneratedStore.open(community, Path.of(options.string("data-dir", "bench/target/stores")),
                options.bytes("page-cache", "2g"), options.integer("batch", 1000));
    }
}
