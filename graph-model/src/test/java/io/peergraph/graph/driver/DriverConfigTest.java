package io.peergraph.graph.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import org.neo4j.driver.summary.GqlNotification;

/** What the server tells a query about itself: the expected noise of a growing graph is off, real warnings stay. */
class DriverConfigTest {

    @Test
    void aLabelNotInTheGraphYetIsNotReported() {
        assertThat(notificationsOf("MATCH (c:NoCustomerHasThisLabelYet)-[:NOR_THIS_TYPE]->() RETURN count(c)")).isEmpty();
    }

    @Test
    void anInformationNoticeIsNotReported() {
        assertThat(notificationsOf("MATCH (a:Customer {id: 'no-such-a'}), (b:Product {id: 'no-such-b'}) RETURN a, b")).isEmpty();
    }

    @Test
    void aDeprecationIsStillReported() {
        assertThat(notificationsOf("MATCH (n) WHERE id(n) = -1 RETURN n"))
                .extracting(notification -> notification.classification().map(Object::toString).orElse(""))
                .contains("DEPRECATION");
    }

    private static List<GqlNotification> notificationsOf(String cypher) {
        try (Session session = SharedNeo4j.driver().session()) {
            return session.run(cypher).consume().gqlStatusObjects().stream()
                    .filter(GqlNotification.class::isInstance)
                    .map(GqlNotification.class::cast)
                    .toList();
        }
    }
}
