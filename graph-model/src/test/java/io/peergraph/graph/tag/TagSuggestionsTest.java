package io.peergraph.graph.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.stuff.VerifiedProducts;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

/** Suggestions moderators get from how customers spell and use tags (issue 19, "Better suggestions"). */
class TagSuggestionsTest {

    private Driver driver;
    private Tags tags;
    private TagSuggestions suggestions;
    private List<String> products;

    @BeforeEach
    void twelveProducts() {
        driver = SharedNeo4j.driver();
        SharedNeo4j.wipe();
        tags = new Tags(GraphConnection.over(driver));
        suggestions = new TagSuggestions(driver);
        List<VerifiedProducts.Entry> entries = IntStream.range(0, 12).mapToObj(i -> new VerifiedProducts.Entry("test:p" + i, "Product " + i)).toList();
        VerifiedProducts.ensure(GraphConnection.over(driver), entries);
        products = entries.stream().map(VerifiedProducts.Entry::id).toList();
    }

    /** Applies the label to the first {@code things} products, each by one of {@code customers} customers in turn. */
    private void tag(String label, int things, int customers) {
        tag(label, 0, things, customers);
    }

    /** Applies the label to products {@code from} … {@code to - 1}, each by one of {@code customers} customers in turn. */
    private void tag(String label, int from, int to, int customers) {
        List<TagRequest> requests = new ArrayList<>();
        for (int i = from; i < to; i++) {
            requests.add(new TagRequest(PublicId.CUSTOMER.fromKey("customer-" + (i % customers)), products.get(i), label));
        }
        tags.tagAll(requests);
    }

    private List<List<String>> synonymPairs() {
        return suggestions.synonymCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 100).items().stream()
                .map(c -> List.of(c.first().normalized(), c.second().normalized()).stream().sorted().toList()).toList();
    }

    @Test
    void spellingsWithOtherSeparatorsAreProposedAsSynonymsHoweverRarelyUsed() {
        tag("PipeWire", 12, 4);
        tag("pipe-wire", 5, 3);
        tag("proton-ge", 3, 3);
        tag("protonge", 1, 1);
        tag("Café", 2, 2);
        tag("cafe", 1, 1);

        assertThat(synonymPairs()).contains(List.of("pipe wire", "pipewire"), List.of("proton ge", "protonge"), List.of("cafe", "café"));
    }

    @Test
    void aSpellingVariantIsNeverProposedAsNarrowerThanTheOtherSpelling() {
        twentyFourProducts();
        tag("pipewire", 12, 4);
        tag("pipe-wire", 5, 3);
        tag("audio", 12, 24, 3);
        tag("crackling", 12, 17, 3);

        List<BroaderCandidate> broader = suggestions.broaderCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 100).items();

        assertThat(broader).noneMatch(c -> c.broaderTag() != null
                && (c.narrower().normalized().equals("pipe wire") && c.broaderTag().normalized().equals("pipewire")
                || c.narrower().normalized().equals("pipewire") && c.broaderTag().normalized().equals("pipe wire")));
        assertThat(broader).as("co-occurrence still proposes a real hierarchy")
                .anyMatch(c -> c.narrower().normalized().equals("crackling") && c.broaderTag() != null && c.broaderTag().normalized().equals("audio"));
    }


    private void twentyFourProducts() {
        products(24);
    }

    private void products(int count) {
        List<VerifiedProducts.Entry> entries = IntStream.range(0, count).mapToObj(i -> new VerifiedProducts.Entry("test:p" + i, "Product " + i)).toList();
        VerifiedProducts.ensure(GraphConnection.over(driver), entries);
        products = entries.stream().map(VerifiedProducts.Entry::id).toList();
    }

    /**
     * gamepad and controller, each on {@code n} things of its own, next to the same tags (input, xbox: always together);
     * audio and speakers on the other half.
     */
    private void twoNamesOfOneThingOn(int n) {
        products(4 * n);
        tag("gamepad", 0, n, 3);
        tag("controller", n, 2 * n, 3);
        tag("input", 0, 2 * n, 3);
        tag("xbox", 0, 2 * n, 3);
        tag("audio", 2 * n, 4 * n, 3);
        tag("speakers", 2 * n, 4 * n, 3);
    }

    @Test
    void tagsUsedAlikeButNeverTogetherAreProposedAsSynonymsByUsage() {
        twoNamesOfOneThingOn(12); // usage is evidence on 10 or more things (TagSuggestions.USAGE_MIN_THINGS)
        tag("crackling", 24, 36, 3);

        List<SynonymCandidate> candidates = suggestions.synonymCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 100).items();
        List<List<String>> byUsage = candidates.stream().filter(c -> c.basis() == SynonymCandidate.Basis.USAGE)
                .map(c -> List.of(c.first().normalized(), c.second().normalized()).stream().sorted().toList()).toList();

        assertThat(byUsage).as("two names customers use for one thing, next to the same other tags").contains(List.of("controller", "gamepad"));
        assertThat(byUsage).as("tags always applied together are not two names of one thing").doesNotContain(List.of("input", "xbox"));
        assertThat(byUsage).as("tags of other things").doesNotContain(List.of("crackling", "gamepad"), List.of("controller", "crackling"));
        assertThat(candidates).filteredOn(c -> c.basis() == SynonymCandidate.Basis.USAGE && c.first().normalized().equals("controller"))
                .allSatisfy(c -> {
                    assertThat(c.usageSimilarity()).isGreaterThanOrEqualTo(TagSuggestions.Thresholds.DEFAULT.minUsageSimilarity());
                    assertThat(c.sharedThings()).isZero();
                });
    }

    /** The same pattern on six things a name: a handful of co-occurrences, so usage proposes nothing (spelling still would). */
    @Test
    void tagsOnFewThingsAreNoEvidenceOfUsage() {
        twoNamesOfOneThingOn(6);

        assertThat(suggestions.synonymCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 100).items())
                .noneMatch(c -> c.basis() == SynonymCandidate.Basis.USAGE);
    }

    @Test
    void aTagOnNearlyEveryThingIsNotProposedAsEveryonesBroaderTag() {
        twentyFourProducts();
        tag("program", 0, 24, 3);
        tag("audio", 12, 24, 3);
        tag("crackling", 12, 18, 3);
        tag("gamepad", 0, 6, 3);

        List<List<String>> broader = suggestions.broaderCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 100).items().stream()
                .filter(c -> c.broaderTag() != null).map(c -> List.of(c.narrower().normalized(), c.broaderTag().normalized())).toList();

        assertThat(broader).as("the data supports the direction: crackling is twice as likely to come with audio")
                .contains(List.of("crackling", "audio"));
        assertThat(broader).as("a tag on everything says nothing about what is under it")
                .doesNotContain(List.of("gamepad", "program"), List.of("crackling", "program"));
    }

    @Test
    void spellingRulesSetSeparatorsCaseAndAccentsAsideButNotOtherLetters() {
        assertThat(Spelling.variantRule("pipe wire", "pipewire")).hasValueSatisfying(r -> assertThat(r).contains("separators"));
        assertThat(Spelling.variantRule("straße", "strasse")).hasValueSatisfying(r -> assertThat(r).contains("accents"));
        assertThat(Spelling.variantRule("format jpg", "format png")).isEmpty();
        assertThat(Spelling.compact("ærø file")).isEqualTo("aerofile");
    }
}
