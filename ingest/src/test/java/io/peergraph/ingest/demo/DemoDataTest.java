package io.peergraph.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.graph.testing.SharedNeo4j;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoDataTest {

    @Test
    void aLoadStoppedAfterTheReportsGetsItsTagsOnTheNextStartExactlyOnce() {
        SharedNeo4j.wipe();
        GraphConnection graph = GraphConnection.over(SharedNeo4j.driver());
        assertThat(DemoData.loadReportsOnly(graph).imported()).isEqualTo(2_986); // then the process died
        assertThat(count("MATCH ()-[t:TAGGED]->() RETURN count(t) AS n")).isZero();

        Optional<DemoData.Loaded> next = DemoData.loadIfNeeded(graph);

        assertThat(next).hasValueSatisfying(run -> {
            assertThat(run.succeeded()).isTrue();
            assertThat(run.reports().imported()).isZero();
            assertThat(run.reports().unchanged()).isEqualTo(2_986);
            assertThat(run.tags().imported()).isGreaterThan(1_000);
            assertThat(count("MATCH ()-[t:TAGGED]->() RETURN count(t) AS n")).isEqualTo(run.tags().imported());
        });
        tagsAreAppliedOnce();
        assertThat(count("MATCH (r:Report) RETURN count(r) AS n")).isEqualTo(2_986);
        assertThat(DemoData.loadIfNeeded(graph)).isEmpty();
    }

    /** No report carries a tag twice, nor twice by one customer. */
    private static void tagsAreAppliedOnce() {
        assertThat(count("""
                MATCH (r:Report)-[t:TAGGED]->(tag:Tag) WITH r, tag, t.by AS by, count(t) AS n WHERE n > 1 RETURN count(*) AS n"""))
                .isZero();
    }

    private static long count(String cypher) {
        return SharedNeo4j.driver().executableQuery(cypher).execute().records().getFirst().get("n").asLong();
    }

    @Test
    void loadsIntoAnEmptyStoreOnlyWithWorkForEveryModeratorPage() {
        SharedNeo4j.wipe();
        Optional<DemoData.Loaded> first = DemoData.loadIfNeeded(GraphConnection.over(SharedNeo4j.driver()));
        assertThat(first).hasValueSatisfying(run -> {
            assertThat(run.succeeded()).isTrue();
            assertThat(run.reports().imported()).isEqualTo(2_986);
            assertThat(run.tags().rejected()).isZero();
            assertThat(run.tags().imported()).isGreaterThan(1_000);
        });
        assertThat(DemoData.loadIfNeeded(GraphConnection.over(SharedNeo4j.driver()))).isEmpty();
        tagsAreAppliedOnce();
        long gamesWithManyReports = SharedNeo4j.driver().executableQuery("""
                MATCH (p:Product)<-[:ABOUT]-(r:Report) WITH p, count(r) AS reports WHERE reports >= 20 RETURN count(p) AS n""")
                .execute().records().getFirst().get("n").asLong();
        assertThat(gamesWithManyReports).isGreaterThanOrEqualTo(20);

        // What each moderator page asks, with the defaults the API uses.
        TagSuggestions suggestions = new TagSuggestions(SharedNeo4j.driver());
        var th = TagSuggestions.Thresholds.DEFAULT;
        assertThat(suggestions.emergingTags(th, 0, 100).items()).as("emerging tags").isNotEmpty();
        List<List<String>> synonyms = suggestions.synonymCandidates(th, 0, 1000).items().stream()
                .map(c -> List.of(c.first().normalized(), c.second().normalized()).stream().sorted().toList()).toList();
        suggestions.synonymCandidates(th, 0, 1000).items().forEach(c -> System.out.printf("Demo synonym candidate: %s ~ %s (%s)%n",
                c.first().normalized(), c.second().normalized(), c.reason()));
        assertThat(synonyms).as("synonym candidates: real spelling variants of the reporters").contains(List.of("alt tab", "alttab"));
        var broader = suggestions.broaderCandidates(th, 0, 100).items();
        broader.forEach(b -> System.out.println("Demo broader candidate: " + b.narrower().normalized() + " under "
                + (b.broaderTag() == null ? b.broaderConcept().iri() : b.broaderTag().normalized())));
        assertThat(broader).as("broader candidates").isNotEmpty();
        var symptomTags = suggestions.symptomTagCandidates(th, 0, 100).items();
        symptomTags.forEach(c -> System.out.printf("Demo symptom tag: %s %s of %s (%d of %d reports, reverse %d of %d, lift %.1f)%n",
                c.tag().normalized(), c.relation(), c.symptom().key(), c.sharedReports(), c.tagReports(), c.sharedReports(), c.symptomReports(), c.lift()));
        assertThat(symptomTags).as("tags proposed as a symptom's synonyms or narrower symptoms")
                .anyMatch(c -> c.tag().normalized().equals("crackling") && c.symptom().key().equals("audio/crackling"));
        assertThat(symptomTags).as("the narrowest symptom a tag goes with, not also each broader one")
                .noneMatch(c -> c.tag().normalized().equals("crackling") && c.symptom().key().equals("audio"));
    }
}
