package io.peergraph.seeds.debtags;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.tag.BroaderCandidate;
import io.peergraph.graph.tag.EmergingTag;
import io.peergraph.graph.tag.SuggestionPage;
import io.peergraph.graph.tag.SynonymCandidate;
import io.peergraph.graph.tag.TagSuggestions;
import io.peergraph.seeds.skos.SkosLoader;
import java.io.BufferedReader;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.SKOS;
import org.neo4j.driver.Driver;

/**
 * The debtags experiment: load the vocabulary without every {@code holdOutEvery}-th tag, replay the
 * assignments, and compute suggestions. The held-out tags are what customers use but moderators have not
 * mapped yet; the suggestions should find them and put them under their facet.
 */
final class DebtagsScenario {

    final Set<String> heldOut = new TreeSet<>();
    DebtagsReplay.Result replay;
    SuggestionPage<EmergingTag> emerging;
    SuggestionPage<SynonymCandidate> synonyms;
    SuggestionPage<BroaderCandidate> broader;
    long emergingMillis;
    long synonymMillis;
    long broaderMillis;

    DebtagsScenario(Driver driver, BufferedReader vocabulary, BufferedReader assignments, int holdOutEvery, int customers) {
        Model model = DebtagsVocabulary.read(vocabulary);
        List<Resource> tags = model.listSubjectsWithProperty(SKOS.broader).toList().stream()
                .sorted(java.util.Comparator.comparing(Resource::getURI)).toList();
        for (int i = 0; i < tags.size(); i += holdOutEvery) {
            Resource tag = tags.get(i);
            heldOut.add(tag.getProperty(SKOS.notation).getString());
            model.removeAll(tag, null, null);
            model.removeAll(null, null, tag);
        }
        new SkosLoader(GraphConnection.over(driver)).load(model);
        replay = new DebtagsReplay(GraphConnection.over(driver), customers).replay(assignments);

        TagSuggestions suggestions = new TagSuggestions(driver);
        long t0 = System.nanoTime();
        emerging = suggestions.emergingTags(TagSuggestions.Thresholds.DEFAULT, 0, 1000);
        long t1 = System.nanoTime();
        synonyms = suggestions.synonymCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 1000);
        long t2 = System.nanoTime();
        broader = suggestions.broaderCandidates(TagSuggestions.Thresholds.DEFAULT, 0, 5000);
        long t3 = System.nanoTime();
        emergingMillis = (t1 - t0) / 1_000_000;
        synonymMillis = (t2 - t1) / 1_000_000;
        broaderMillis = (t3 - t2) / 1_000_000;
    }

    /** The facet a held-out tag ("game::strategy") belongs to, as its concept IRI. */
    static String facetIri(String tag) {
        return DebtagsVocabulary.iri(tag.substring(0, tag.indexOf("::")));
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append("Replayed %d packages, %d tag applications in %d ms (%.0f applications/s)%n".formatted(replay.packages(),
                replay.applications(), replay.millis(), replay.applicationsPerSecond()));
        out.append("Suggestions: emerging %d ms, synonyms %d ms, broader %d ms%n".formatted(emergingMillis, synonymMillis, broaderMillis));
        out.append("Top emerging tags (%d):%n".formatted(emerging.total()));
        emerging.items().stream().limit(10).forEach(e -> out.append("  %-40s uses=%d customers=%d e.g. %s%n".formatted(
                e.tag().label(), e.tag().usageCount(), e.customers(), e.exampleThingIds())));
        out.append("Synonym candidates (%d):%n".formatted(synonyms.total()));
        synonyms.items().stream().limit(10).forEach(s -> out.append("  %s ~ %s  similarity=%.2f shared=%d (%s)%n".formatted(
                s.first().label(), s.second().label(), s.similarity(), s.sharedThings(), s.reason())));
        out.append("Broader candidates (%d):%n".formatted(broader.total()));
        broader.items().stream().filter(b -> b.basis() == BroaderCandidate.Basis.LABEL_NAMESPACE).limit(10)
                .forEach(b -> out.append("  %-40s under %s (label namespace)%n".formatted(b.narrower().label(), b.broaderConcept().iri())));
        broader.items().stream().filter(b -> b.basis() == BroaderCandidate.Basis.CO_OCCURRENCE).limit(15)
                .forEach(b -> out.append("  %-40s under %-32s %d/%d things (%.0f%%), reverse %d/%d%n".formatted(b.narrower().label(),
                        b.broaderTag().label(), b.sharedThings(), b.narrowerThings(), 100 * b.confidence(), b.sharedThings(), b.broaderThings())));
        return out.toString();
    }
}
