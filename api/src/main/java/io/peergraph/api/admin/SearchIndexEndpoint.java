package io.peergraph.api.admin;

import io.peergraph.graph.audit.AuditTrail;
import io.peergraph.search.index.SearchIndex;
import io.peergraph.search.sync.Drift;
import io.peergraph.search.sync.IndexVerifier;
import io.peergraph.search.sync.ReindexResult;
import io.peergraph.search.sync.Reindexer;
import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search index maintenance for operators (ADMIN, see the security configuration), used by {@code ./peergraph
 * reindex} and {@code ./peergraph verify}: rebuild every index with no downtime (new index, outbox replay, alias
 * swap), and compare graph and index. 503 when no search backend is configured or reachable.
 */
@RestController
public class SearchIndexEndpoint {

    private final ObjectProvider<Reindexer> reindexer;
    private final ObjectProvider<IndexVerifier> verifier;
    private final AuditTrail audit;

    public SearchIndexEndpoint(ObjectProvider<Reindexer> reindexer, ObjectProvider<IndexVerifier> verifier, AuditTrail audit) {
        this.reindexer = reindexer;
        this.verifier = verifier;
        this.audit = audit;
    }

    @PostMapping("/admin/reindex")
    public ResponseEntity<List<ReindexResult>> reindex(Principal principal) throws IOException {
        Reindexer r = reindexer.getIfAvailable();
        if (r == null) {
            return ResponseEntity.status(503).build();
        }
        List<ReindexResult> results = new ArrayList<>();
        for (SearchIndex index : SearchIndex.values()) {
            results.add(r.rebuild(index));
        }
        audit.record("subject:" + principal.getName(), "REINDEX", null, results.toString());
        return ResponseEntity.ok(results);
    }

    @GetMapping("/admin/verify")
    public ResponseEntity<List<Drift>> verify(@RequestParam(defaultValue = "100") int sample) throws IOException {
        IndexVerifier v = verifier.getIfAvailable();
        if (v == null) {
            return ResponseEntity.status(503).build();
        }
        List<Drift> drifts = new ArrayList<>();
        for (SearchIndex index : SearchIndex.values()) {
            drifts.add(v.verify(index, Math.max(0, Math.min(sample, 10_000))));
        }
        return ResponseEntity.status(drifts.stream().allMatch(Drift::none) ? 200 : 409).body(drifts);
    }
}
