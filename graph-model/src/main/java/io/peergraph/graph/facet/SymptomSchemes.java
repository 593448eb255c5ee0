package io.peergraph.graph.facet;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.SimpleQueryRunner;

/**
 * The schemes whose concepts classify reported symptoms (by notation = symptom key), beyond the bundled PC one: a
 * domain's Turtle declares its own ({@code a pg:SymptomScheme}), stored as the label {@code :SymptomScheme} on the
 * {@code :ConceptScheme} node.
 */
public final class SymptomSchemes {

    private static final String MARK = """
            UNWIND $iris AS iri
            MATCH (s:ConceptScheme {iri: iri})
            SET s:SymptomScheme
            """;

    private SymptomSchemes() {}

    public static void mark(SimpleQueryRunner tx, Collection<String> schemeIris) {
        if (!schemeIris.isEmpty()) {
            tx.run(MARK, Map.of("iris", List.copyOf(schemeIris))).consume();
        }
    }
}
