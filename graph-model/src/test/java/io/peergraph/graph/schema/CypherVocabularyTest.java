package io.peergraph.graph.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every label and relationship type written in Cypher anywhere in the project is declared in {@link Graph}. */
class CypherVocabularyTest {

    /** The project's root: the parent of this module (surefire runs in the module's directory). */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyLabelAndRelationshipTypeInMainCodeIsDeclared() {
        Set<String> labels = Set.copyOf(Graph.names(Graph.Label.class));
        Set<String> types = Set.copyOf(Graph.names(Graph.Rel.class));
        List<Path> sources = CypherNames.mainSources(ROOT);
        assertThat(sources).as("main sources under " + ROOT)
                .anyMatch(p -> p.endsWith(Path.of("graph-model/src/main/java/io/peergraph/graph/schema/Graph.java")));

        List<CypherNames.Use> uses = sources.stream().flatMap(f -> CypherNames.in(f).stream()).toList();
        assertThat(uses).as("the scanner reads the project's Cypher").hasSizeGreaterThan(500);
        List<String> undeclared = uses.stream()
                .filter(u -> u.kind() == CypherNames.Kind.LABEL ? !labels.contains(u.name()) : !types.contains(u.name()))
                .map(u -> ROOT.relativize(u.file()) + ":" + u.line() + ": " + (u.kind() == CypherNames.Kind.LABEL ? "label " : "type ") + u.name())
                .toList();
        assertThat(undeclared).as("labels and relationship types written in Cypher but not declared in Graph.Label / Graph.Rel")
                .isEmpty();
    }

    @Test
    void vocabularyNamesAreDistinct() {
        for (Class<?> part : List.of(Graph.Label.class, Graph.Rel.class, Graph.Index.class)) {
            List<String> names = Graph.names(part);
            assertThat(names).as(part.getSimpleName()).doesNotHaveDuplicates().isNotEmpty();
        }
    }

    @Test
    void scannerReadsNodeAndRelationshipPatternsNotMapsParametersOrStrings() {
        String java = """
                class Q {
                    // MATCH (:InAComment)
                    static final String A = \"""
                            MATCH (a:Alpha {id: $id})-[:ONE|TWO*1..3]->(:Beta:Gamma)
                            WHERE b:Delta OR (c:Epsilon|Zeta) AND a.name = 'not (:Eta) nor [:NOPE]'
                            // and not (:Theta) here
                            RETURN a {.id, score: score, items: [x IN $list WHERE x > 0 | x]}, {limit: $pool} AS m,
                                   [(a)<-[r:THREE {at: 1}]-(n:%s) | r] AS rs, hits[$offset..$offset + 1]
                            \""";
                    static final String B = "MATCH (x)-[`FOUR`]->(y:Iota) RETURN x";
                    static final String C = "configurationId: head([(n)-[:FIVE]->(cfg:Kappa) | cfg.id])}";
                    static final String NOT_CYPHER = "error: Something (x:Lambda)";
                    static final char QUOTE = '"';
                }
                """;
        List<CypherNames.Use> uses = CypherNames.in(Path.of("Q.java"), java);
        assertThat(uses).extracting(u -> u.kind() + " " + u.name() + " @" + u.line()).containsExactlyInAnyOrder(
                "LABEL Alpha @4", "TYPE ONE @4", "TYPE TWO @4", "LABEL Beta @4", "LABEL Gamma @4",
                "LABEL Delta @5", "LABEL Epsilon @5", "LABEL Zeta @5",
                "TYPE THREE @8", "LABEL Iota @10",
                "TYPE FIVE @11", "LABEL Kappa @11");
    }
}
