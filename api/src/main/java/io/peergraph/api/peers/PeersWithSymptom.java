package io.peergraph.api.peers;

import io.peergraph.api.config.PeergraphProperties;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.peers.PeerAnswer;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import io.peergraph.graph.peers.SolutionRanking;
import io.peergraph.graph.symptom.SymptomStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The use case "others with my configuration who saw this symptom — and what worked for them": who may ask
 * (the configuration's readers, about a symptom they may see), the retry through the whole access rule when the
 * one-round-trip answer (which checks both for the usual asker) is only for owners, and what an empty answer means.
 * The question itself is graph-model's {@link PeersWithSymptomQuery}.
 */
@Component
public class PeersWithSymptom {

    /** The answer for one viewer: the page of peer reports and ranked solutions (empty when only the count was asked). */
    public record Answer(String configurationId, String symptomId, PeerAnswer page) {}

    private final Ownership ownership;
    private final PeersWithSymptomQuery query;
    private final SymptomStore symptoms;
    private final int solutionsPerAnswer;

    public PeersWithSymptom(Ownership ownership, PeersWithSymptomQuery query, SymptomStore symptoms, PeergraphProperties properties) {
        this.ownership = ownership;
        this.query = query;
        this.symptoms = symptoms;
        this.solutionsPerAnswer = properties.api().solutionsPerAnswer();
    }

    /**
     * Asks the question for {@code viewer} about a configuration they may read. {@code pageWanted} false: only the
     * peer count will be read, so the page query is skipped ({@link #peerCount} runs its own).
     */
    public Answer ask(Caller viewer, String configuration, String symptom, String product, int offset, int size, boolean pageWanted) {
        // The page query answers only the configuration's owner about a symptom they may see (the usual question) in
        // its one round trip; anything else goes through the whole rule: another's candidate symptom is no symptom to
        // them (NOT_FOUND), and organisation roles decide about a configuration they do not own (or NOT_FOUND, FORBIDDEN).
        PeerAnswer answer = pageWanted ? run(viewer.customerId(), configuration, symptom, product, offset, size) : null;
        if (answer == null) {
            if (symptoms.visible(symptom, viewer.customerId()).isEmpty()) {
                throw new ApiException.NotFound("symptom", symptom);
            }
            if (!ownership.of(viewer, configuration, "configuration").canRead()) {
                throw new ApiException.Forbidden("Ask about your own configurations.");
            }
            answer = pageWanted ? run(null, configuration, symptom, product, offset, size) : null;
        }
        if (answer == null) { // no answer row: the configuration has no items (no peers)
            answer = new PeerAnswer(List.of(), offset, false, List.of());
        }
        return new Answer(configuration, symptom, answer);
    }

    /** How many peers saw the symptom (a second, costlier query: only when asked). */
    public long peerCount(Answer answer) {
        return query.peerCount(answer.configurationId(), answer.symptomId());
    }

    private PeerAnswer run(String askerId, String configuration, String symptom, String product, int offset, int size) {
        return query.run(askerId, configuration, symptom, product, Instant.now(), offset, size, solutionsPerAnswer, SolutionRanking.DEFAULT)
                .orElse(null);
    }
}
