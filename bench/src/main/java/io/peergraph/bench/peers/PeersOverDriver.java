package io.peergraph.bench.peers;

import io.peergraph.bench.generate.SyntheticCommunity.Question;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.peers.PeersWithSymptomQuery;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/** The service's own Cypher, with the parameters the service passes, straight through the Neo4j Java Driver. */
final class PeersOverDriver {

    private final Driver driver;
    private final int first;
    private final int solutions;

    PeersOverDriver(Driver driver, int first, int solutions) {
        this.driver = driver;
        this.first = first;
        this.solutions = solutions;
    }

    /** The number of peer reports on the first page. */
    int page(Question q) {
        Record answer = driver.executableQuery(PeersWithSymptomQuery.CYPHER)
                .withParameters(PeersWithSymptomQuery.parameters(asker(q), q.configurationId(), q.symptomId(), 0, first, solutions))
                .execute().records().getFirst();
        return Math.min(first, answer.get("page").size());
    }

    long peerCount(Question q) {
        return driver.executableQuery(PeersWithSymptomQuery.COUNT_CYPHER)
                .withParameters(PeersWithSymptomQuery.parameters(null, q.configurationId(), q.symptomId(), 0, 0, 0))
                .execute().records().getFirst().get("peers").asLong();
    }

    /** The asking customer's id, as the service passes it (the generator derives ids from handles). */
    private static String asker(Question q) {
        return PublicId.CUSTOMER.fromKey("handle:" + q.handle());
    }
}
