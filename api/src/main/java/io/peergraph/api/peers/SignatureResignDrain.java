package io.peergraph.api.peers;

import io.peergraph.graph.peers.PendingResigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works off the re-sign requests that taxonomy changes too wide for their own transaction left behind (a top concept
 * moved, a seed release, a popular symptom classified): batch by batch, each with its cursor, so a restart resumes
 * where the last committed batch ended. Several instances may drain at once; they take turns on a request.
 */
@Component
class SignatureResignDrain {

    private static final Logger log = LoggerFactory.getLogger(SignatureResignDrain.class);

    private final PendingResigns pending;

    SignatureResignDrain(PendingResigns pending) {
        this.pending = pending;
    }

    @Scheduled(fixedDelayString = "${peergraph.peers.resign-delay:1s}", initialDelayString = "1s")
    void drain() {
        try {
            long resigned = pending.drain();
            if (resigned > 0) {
                log.info("peer signatures: re-signed {} reports after taxonomy changes", resigned);
            }
        } catch (RuntimeException e) {
            log.warn("peer signatures: re-signing failed, next try in a moment", e);
        }
    }
}
