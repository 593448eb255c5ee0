package io.peergraph.seeds.debtags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.TagLabel;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The debtags experiment on the whole of Debian's data in {@code ../shared/data/taxonomies} (642 tags, 46,646
 * packages): every tenth tag is held out of the vocabulary. Tagged {@code full-data} and left out of the
 * default run (it replays ~150k applications); run it with
 * {@code mvn -pl ontology-seeds test -Dseeds.excludedGroups= -Dtest=DebtagsFullDataTest}.
 */
@Tag("full-data")
class DebtagsFullDataTest {

    @Test
    void everyHeldOutTagInUseIsProposedUnderItsFacet() throws IOException {
        String shared = System.getProperty("peergraph.shared.data");
        Path dir = shared == null ? null : Path.of(shared, "taxonomies");
        assumeTrue(dir != null && Files.isReadable(dir.resolve("debtags-vocabulary")),
                "Skipped: peergraph.shared.data does not point at the shared data (needs taxonomies/debtags-vocabulary)");

        DebtagsScenario scenario;
        try (BufferedReader vocabulary = Files.newBufferedReader(dir.resolve("debtags-vocabulary"));
             BufferedReader tags = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(Files.newInputStream(dir.resolve("debtags-tags-current.gz"))), StandardCharsets.UTF_8))) {
            scenario = new DebtagsScenario(TaxonomyStore.empty(), vocabulary, tags, 10, 500);
        }
        System.out.print(scenario.report());

        assertThat(scenario.replay.packages()).isEqualTo(46_646);
        Map<String, String> proposed = scenario.broader.items().stream()
                .filter(b -> b.basis() == BroaderCandidate.Basis.LABEL_NAMESPACE)
                .collect(Collectors.toMap(b -> b.narrower().normalized(), b -> b.broaderConcept().iri(), (a, b) -> a));
        scenario.heldOut.stream()
                .filter(tag -> tag.indexOf(':', tag.indexOf("::") + 2) < 0)
                .filter(tag -> scenario.emerging.items().stream().anyMatch(e -> e.tag().normalized().equals(TagLabel.normalize(tag))))
                .forEach(tag -> assertThat(proposed.get(TagLabel.normalize(tag))).as(tag).isEqualTo(DebtagsScenario.facetIri(tag)));
        assertThat(scenario.broader.items()).anySatisfy(b -> {
            assertThat(b.narrower().label()).isEqualTo("works-with::image:vector");
            assertThat(b.broaderTag().label()).isEqualTo("works-with::image");
        });
    }
}
