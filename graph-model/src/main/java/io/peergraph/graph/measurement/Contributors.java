package io.peergraph.graph.measurement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who counts once in a benchmark: customers joined by membership (an organisation and every member of it, and
 * so every organisation a person belongs to) are one contributor, found as connected components by union-find
 * over the {@code MEMBER_OF} links of the counted configurations' owners. An account that makes organisations to
 * hold more configurations therefore still counts once, and its organisations count as itself when it asks.
 */
final class Contributors {

    private final Map<String, String> parent = new HashMap<>();

    void add(String id) {
        parent.putIfAbsent(id, id);
    }

    void link(String owner, List<String> linked) {
        add(owner);
        for (String other : linked) {
            add(other);
            union(owner, other);
        }
    }

    /** The contributor {@code id} counts as: the smallest id of its component, the same whoever asks. */
    String of(String id) {
        add(id);
        String root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        for (String at = id; !at.equals(root); ) { // path compression
            String next = parent.get(at);
            parent.put(at, root);
            at = next;
        }
        return root;
    }

    boolean same(String a, String b) {
        return of(a).equals(of(b));
    }

    private void union(String a, String b) {
        String ra = of(a);
        String rb = of(b);
        if (ra.compareTo(rb) < 0) {
            parent.put(rb, ra);
        } else if (rb.compareTo(ra) < 0) {
            parent.put(ra, rb);
        }
    }
}
