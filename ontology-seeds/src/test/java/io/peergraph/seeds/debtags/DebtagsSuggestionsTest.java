package io.peergraph.seeds.debtags;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.EmergingTag;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The debtags experiment on the committed fixture (a slice of Debian's data, see test resources). */
class DebtagsSuggestionsTest {

    @Test
    void heldOutTagsEmergeAndAreProposedUnderTheirFacet() {
        var driver = TaxonomyStore.empty();
        DebtagsScenario scenario = new DebtagsScenario(driver, fixture("vocabulary-sample"), fixture("tags-sample"), 5, 50);
        System.out.print(scenario.report());

        assertThat(scenario.replay.applications()).isEqualTo(7816);
        List<String> emerging = scenario.emerging.items().stream().map(e -> e.tag().normalized()).toList();
        assertThat(emerging).isNotEmpty();
        assertThat(scenario.emerging.items()).allSatisfy(e -> assertThat(isHeldOut(scenario, e)).isTrue());

        Map<String, String> proposedFacet = scenario.broader.items().stream()
                .filter(b -> b.basis() == BroaderCandidate.Basis.LABEL_NAMESPACE)
                .collect(Collectors.toMap(b -> b.narrower().label(), b -> b.broaderConcept().iri(), (a, b) -> a));
        scenario.emerging.items().stream().map(e -> e.tag().label()).filter(l -> l.indexOf(':', l.indexOf("::") + 2) < 0)
                .forEach(tag -> assertThat(proposedFacet.get(tag)).as(tag).isEqualTo(DebtagsScenario.facetIri(tag)));

        assertThat(scenario.broader.items()).anySatisfy(b -> {
            assertThat(b.basis()).isEqualTo(BroaderCandidate.Basis.CO_OCCURRENCE);
            assertThat(b.narrower().label()).isEqualTo("game::arcade");
            assertThat(b.broaderTag().label()).isEqualTo("use::gameplaying");
        });
    }

    private static boolean isHeldOut(DebtagsScenario scenario, EmergingTag e) {
        return scenario.heldOut.stream().anyMatch(t -> Objects.equals(io.peergraph.graph.tag.TagLabel.normalize(t), e.tag().normalized()));
    }

    private static BufferedReader fixture(String name) {
        return new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(DebtagsSuggestionsTest.class.getResourceAsStream("/debtags/" + name)), StandardCharsets.UTF_8));
    }
}
