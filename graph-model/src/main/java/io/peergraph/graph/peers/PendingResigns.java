package io.peergraph.graph.peers;

import org.neo4j.driver.Driver;

/**
 * The re-sign requests that taxonomy changes too wide for their own transaction left behind, worked off by
 * {@link SignatureResign#drain(Driver)} batch by batch; a scheduler in the service calls {@link #drain()}.
 */
public class PendingResigns {

    private final Driver driver;

    public PendingResigns(Driver driver) {
        this.driver = driver;
    }

    /** Works off what is pending now; the number of reports re-signed. */
    public long drain() {
        return SignatureResign.drain(driver);
    }
}
