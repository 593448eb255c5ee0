package io.peergraph.bench.generate;

import io.peergraph.bench.Options;
import java.nio.file.Path;
import java.util.Set;

/**
 * Generates and loads a synthetic community (or finds it loaded already) and prints its size and load rate; with
 * {@code --emit DIR} writes it in the generic import format instead (see {@link GenericFiles}), for
 * {@code ./peergraph import} and bench/run-import.sh.
 */
public final class GenerateCommunity {

    public static final Set<String> OPTIONS = Set.of("customers", "seed", "data-dir", "page-cache", "batch", "emit", "bolt-port");

    public static void main(String[] args) {
        Options options = new Options(args, OPTIONS);
        String emit = options.string("emit", null);
        if (emit != null) {
            SyntheticCommunity community = community(options);
            long started = System.nanoTime();
            GenericFiles.Written written = GenericFiles.write(community, Path.of(emit));
            System.out.printf("Wrote %s in %.1f s to %s (import in this order: %s)%n", written.records(), (System.nanoTime() - started) / 1e9,
                    emit, GenericFiles.FILES.stream().map(f -> f[1]).toList());
            return;
        }
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
                options.bytes("page-cache", "2g"), options.integer("batch", 1000), options.integer("bolt-port", 0));
    }
}
