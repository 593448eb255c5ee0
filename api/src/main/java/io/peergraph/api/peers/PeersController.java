package io.peergraph.api.peers;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.peergraph.api.graphql.InMemory;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.symptom.ShownSymptoms;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerMatch;
import io.peergraph.graph.peers.PeerReport;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.symptom.Symptom;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * "Others with my configuration who saw this symptom — and what worked for them." One graph round trip for
 * the page of peer reports and the ranked solutions; the peer count (a second, costlier query) only when asked.
 * Peers appear only as per-viewer pseudonyms: the owner id in {@link PeerReport} and {@link PeerMatch} never leaves this class.
 */
@Controller
public class PeersController {

    private final CallerResolver callers;
    private final PeersWithSymptom peersWithSymptom;
    private final ShownSymptoms shownSymptoms;
    private final Pseudonyms pseudonyms;
    private final Paging paging;

    public PeersController(CallerResolver callers, PeersWithSymptom peersWithSymptom, Pseudonyms pseudonyms, Paging paging,
                           ShownSymptoms shownSymptoms) {
        this.shownSymptoms = shownSymptoms;
        this.callers = callers;
        this.peersWithSymptom = peersWithSymptom;
        this.pseudonyms = pseudonyms;
        this.paging = paging;
    }

    @QueryMapping
    public PeersWithSymptom.Answer peersWithSymptom(@Argument String configuration, @Argument String symptom, @Argument String product,
                                                    @Argument Integer first, @Argument String after,
                                                    DataFetchingFieldSelectionSet selection) {
        Caller caller = callers.current();
        Inputs.id("configuration", configuration, PublicId.CONFIGURATION);
        Inputs.id("symptom", symptom, PublicId.SYMPTOM);
        if (product != null) {
            Inputs.id("product", product, PublicId.PRODUCT);
        }
        int size = paging.size(first);
        int offset = paging.offset(after);
        // Asked only for peerCount: the page query is skipped.
        boolean pageWanted = selection.contains("reports") || selection.contains("peers") || selection.contains("solutions");
        return peersWithSymptom.ask(caller, configuration, symptom, product, offset, size, pageWanted);
    }

    @SchemaMapping(typeName = "PeersWithSymptom")
    public long peerCount(PeersWithSymptom.Answer p) {
        return peersWithSymptom.peerCount(p);
    }

    @InMemory
    @SchemaMapping(typeName = "PeersWithSymptom")
    public Window<PeerReport> reports(PeersWithSymptom.Answer p) {
        return paging.offsetWindow(p.page().reports(), p.page().offset(), p.page().hasNextPage());
    }

    @InMemory
    @SchemaMapping(typeName = "PeersWithSymptom")
    public Window<PeerMatch> peers(PeersWithSymptom.Answer p) {
        return paging.offsetWindow(p.page().peers(), p.page().offset(), p.page().peersHaveNextPage());
    }

    @InMemory
    @SchemaMapping(typeName = "PeerMatch")
    public Peer peer(PeerMatch match) {
        return new Peer(pseudonyms.of(callers.current().customerId(), match.ownerId()));
    }

    @InMemory
    @SchemaMapping(typeName = "PeersWithSymptom")
    public List<RankedSolution> solutions(PeersWithSymptom.Answer p) {
        return p.page().solutions();
    }

    @InMemory
    @SchemaMapping(typeName = "PeerReport")
    public Peer peer(PeerReport report) {
        return new Peer(pseudonyms.of(callers.current().customerId(), report.ownerId()));
    }

    @InMemory
    @SchemaMapping(typeName = "PeerReport")
    public double similarity(PeerReport report) {
        return report.score();
    }

    /** A peer's report without the symptoms the caller may not see (a peer's own symptom not yet approved). */
    @BatchMapping(typeName = "PeerReport", field = "symptoms")
    public Map<PeerReport, List<Symptom>> symptoms(List<PeerReport> reports) {
        return shownSymptoms.of(reports, r -> r.symptoms().stream().map(Symptom::id).toList());
    }

    @InMemory
    @SchemaMapping(typeName = "RankedSolution")
    public int confirmations(RankedSolution s) {
        return s.total();
    }

    @InMemory
    @SchemaMapping(typeName = "RankedSolution")
    public double confidence(RankedSolution s) {
        return s.rank();
    }
}
