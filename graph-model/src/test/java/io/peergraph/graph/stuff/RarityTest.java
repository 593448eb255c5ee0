package io.peergraph.graph.stuff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.peergraph.graph.testing.SharedNeo4j;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;

class RarityTest {

    @Test
    void aRareItemWeighsMoreThanACommonOne() {
        assertThat(Rarity.weight(1_000_000, 1_000)).isGreaterThan(Rarity.weight(1_000_000, 500_000));
        assertThat(Rarity.weight(1_000, 1_000)).isCloseTo(Math.log(2), within(1e-12));
        assertThat(Rarity.weight(1_000, 0)).as("an item no configuration includes counts as one").isEqualTo(Rarity.weight(1_000, 1));
    }

    @Test
    void theCypherFormIsTheSameNumber() {
        try (Session session = SharedNeo4j.driver().session()) {
            for (long[] c : new long[][] {{1_000_000, 1_000}, {1_000, 1_000}, {1_000, 0}, {7, 3}}) {
                double inCypher = session.run("RETURN " + Rarity.cypher("$n", "$count") + " AS w", Map.of("n", c[0], "count", c[1]))
                        .single().get("w").asDouble();
                assertThat(inCypher).as("n=%d count=%d", c[0], c[1]).isEqualTo(Rarity.weight(c[0], c[1]));
            }
        }
    }
}
