package io.peergraph.api.peers;

import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeerAnswer;
import io.peergraph.graph.peers.PeerMatch;
import io.peergraph.graph.peers.PeerReport;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.RankedSolution;
import io.peergraph.graph.peers.SolutionRanking;
import io.peergraph.graph.symptom.SymptomStore;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
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

    /** The answer for one viewer; {@code peerCount} is resolved lazily from the question. */
    public record PeersWithSymptom(String configurationId, String symptomId, PeerAnswer answer) {}

    private final CallerResolver callers;
    private final Ownership ownership;
    private final PeersWithSymptomQuery query;
    private final SymptomStore symptoms;
    private final Pseudonyms pseudonyms;
    private final Paging paging;
    private final int solutionsPerAnswer;

    public PeersController(CallerResolver callers, Ownership ownership, PeersWithSymptomQuery query, SymptomStore symptoms,
                           Pseudonyms pseudonyms, Paging paging, PeergraphProperties properties) {
        this.callers = callers;
        this.ownership = ownership;
        this.query = query;
        this.symptoms = symptoms;
        this.pseudonyms = pseudonyms;
        this.paging = paging;
        this.solutionsPerAnswer = properties.api().solutionsPerAnswer();
    }

    @QueryMapping
    public PeersWithSymptom peersWithSymptom(@Argument String configuration, @Argument String symptom, @Argument String product,
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
        // Asked only for peerCount: skip the page query, peerCount runs its own. The page query answers only the
        // configuration's owner (the usual asker) in its one round trip; anyone else goes through the whole rule
        // (organisation roles), which also says NOT_FOUND or FORBIDDEN.
        boolean pageWanted = selection.contains("reports") || selection.contains("peers") || selection.contains("solutions");
        PeerAnswer answer = pageWanted ? query.run(caller.customerId(), configuration, symptom, product, Instant.now(), offset, size, solutionsPerAnswer, SolutionRanking.DEFAULT).orElse(null) : null;
        if (answer == null) {
            if (!ownership.of(caller, configuration, "configuration").canRead()) {
                throw new ApiException.Forbidden("Ask about your own configurations.");
            }
            answer = pageWanted ? query.run(null, configuration, symptom, product, Instant.now(), offset, size, solutionsPerAnswer, SolutionRanking.DEFAULT).orElse(null) : null;
        }
        if (answer == null) { // no answer row: the symptom is unknown, or the configuration has no items (no peers)
            if (symptoms.byId(symptom).isEmpty()) {
                throw new ApiException.NotFound("symptom", symptom);
            }
            answer = new PeerAnswer(List.of(), offset, false, List.of());
        }
        return new PeersWithSymptom(configuration, symptom, answer);
    }

    @SchemaMapping(typeName = "PeersWithSymptom")
    public long peerCount(PeersWithSymptom p) {
        return query.peerCount(p.configurationId(), p.symptomId());
    }

    @SchemaMapping(typeName = "PeersWithSymptom")
    public Window<PeerReport> reports(PeersWithSymptom p) {
        return paging.offsetWindow(p.answer().reports(), p.answer().offset(), p.answer().hasNextPage());
    }

    @SchemaMapping(typeName = "PeersWithSymptom")
    public Window<PeerMatch> peers(PeersWithSymptom p) {
        return paging.offsetWindow(p.answer().peers(), p.answer().offset(), p.answer().peersHaveNextPage());
    }

    @SchemaMapping(typeName = "PeerMatch")
    public Peer peer(PeerMatch match) {
        return new Peer(pseudonyms.of(callers.current().customerId(), match.ownerId()));
    }

    @SchemaMapping(typeName = "PeersWithSymptom")
    public List<RankedSolution> solutions(PeersWithSymptom p) {
        return p.answer().solutions();
    }

    @SchemaMapping(typeName = "PeerReport")
    public Peer peer(PeerReport report) {
        return new Peer(pseudonyms.of(callers.current().customerId(), report.ownerId()));
    }

    @SchemaMapping(typeName = "PeerReport")
    public double similarity(PeerReport report) {
        return report.score();
    }

    @SchemaMapping(typeName = "RankedSolution")
    public int confirmations(RankedSolution s) {
        return s.total();
    }

    @SchemaMapping(typeName = "RankedSolution")
    public double confidence(RankedSolution s) {
        return s.rank();
    }
}
