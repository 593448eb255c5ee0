package io.peergraph.api.similarpeers;

import io.peergraph.graph.similarpeers.SimilarPeersQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this instance's in-memory similarity index built and following the outbox between questions: the
 * first question after start does not pay for the build, and an idle instance never falls so far behind
 * that the outbox has pruned what it needs (it would rebuild then, which is correct but slow). Each question
 * still catches up itself, so answers never wait for this schedule.
 */
@Component
class SimilarityIndexFollower {

    private static final Logger log = LoggerFactory.getLogger(SimilarityIndexFollower.class);

    private final SimilarPeersQuery query;

    SimilarityIndexFollower(SimilarPeersQuery query) {
        this.query = query;
    }

    @Scheduled(fixedDelayString = "${peergraph.similarity.follow-delay:5s}", initialDelayString = "1s")
    void follow() {
        try {
            query.index().catchUp();
        } catch (RuntimeException e) {
            log.warn("similarity index: catching up failed, next try in a moment", e);
        }
    }
}
