package io.peergraph.search.sync;

import java.util.List;

/**
 * How far an index is from the graph. {@code missing}: sampled things the index lacks; {@code stale}: sampled
 * documents whose content differs from the graph's. A backlog explains drift that the relay has yet to fix.
 */
public record Drift(String alias, long graphCount, long indexCount, int sampled, List<String> missing, List<String> stale,
                    long backlog) {

    public boolean none() {
        return graphCount == indexCount && missing.isEmpty() && stale.isEmpty();
    }
}
