package io.peergraph.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Migration 11: a report's sourceKey has no constraint of its own; it stays unique because writers derive the
 * report's id from it and report_id is unique. The shared store ran migration 2 (the constraint) before 11, as an
 * existing store does.
 */
class ReportNaturalKeyTest {

    private static final String CREATE = """
            CREATE (:Report {sourceKey: $sourceKey, id: $id, title: 'Crackling', status: 'OPEN', privacy: 'COMMUNITY'})
            """;

    @Test
    void aSecondReportWithTheSameSourceKeyIsRefusedByItsDerivedId() {
        String sourceKey = "test:report:" + UUID.randomUUID();
        Map<String, Object> row = Map.of("sourceKey", sourceKey, "id", PublicId.REPORT.fromKey(sourceKey));
        try (Session session = SharedNeo4j.driver().session()) {
            session.executeWrite(tx -> tx.run(CREATE, row).consume());

            assertThatThrownBy(() -> session.executeWrite(tx -> tx.run(CREATE, row).consume()))
                    .isInstanceOf(ClientException.class).hasMessageContaining("property `id`");
            assertThat(session.run("MATCH (r:Report {sourceKey: $sourceKey}) RETURN count(r) AS n", row).single().get("n").asLong())
                    .isEqualTo(1);
        }
    }

    @Test
    void reportsAreFoundByTheirSourceKeyThroughAPlainIndexNotAConstraint() {
        try (Session session = SharedNeo4j.driver().session()) {
            assertThat(session.run("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names").single().get("names")
                    .asList(v -> v.asString())).contains("report_id", "configuration_source_key").doesNotContain("report_source_key");
            var index = session.run("""
                    SHOW INDEXES YIELD name, type, labelsOrTypes, properties, owningConstraint
                    WHERE name = 'report_source_key_lookup' RETURN type, labelsOrTypes, properties, owningConstraint
                    """).single();
            assertThat(index.get("type").asString()).isEqualTo("RANGE");
            assertThat(index.get("labelsOrTypes").asList(v -> v.asString())).containsExactly("Report");
            assertThat(index.get("properties").asList(v -> v.asString())).containsExactly("sourceKey");
            assertThat(index.get("owningConstraint").isNull()).isTrue();
        }
    }
}
