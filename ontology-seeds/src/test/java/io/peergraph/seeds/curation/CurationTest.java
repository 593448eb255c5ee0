package io.peergraph.seeds.curation;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.tag.Tags;
import io.peergraph.graph.taxonomy.ConceptRef;
import io.peergraph.graph.taxonomy.curation.AuditEntry;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand.AddAltLabel;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Deprecate;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MarkRelated;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeConcepts;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeTags;
import io.peergraph.graph.taxonomy.curation.CurationCommand.PromoteTag;
import io.peergraph.graph.taxonomy.curation.CurationCommand.Rename;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetBroader;
import io.peergraph.graph.taxonomy.curation.CurationCommand.SetDefinition;
import io.peergraph.graph.taxonomy.curation.CurationResult;
import io.peergraph.graph.taxonomy.curation.Rejection;
import io.peergraph.seeds.skos.LoadReport;
import io.peergraph.seeds.skos.SeedCatalog;
import io.peergraph.seeds.skos.SkosLoader;
import io.peergraph.seeds.testing.TaxonomyStore;
import io.peergraph.seeds.testing.Things;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.SKOS;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

class CurationTest {

    static final String SYMPTOMS = "https://peergraph.io/taxonomy/symptoms";
    static final String AUDIO = SYMPTOMS + "/audio";
    static final String CRACKLING = SYMPTOMS + "/audio-crackling";
    static final String MISSING = SYMPTOMS + "/audio-missing";
    static final String GRAPHICAL = SYMPTOMS + "/graphical";
    static final String MODERATOR = "cus_moderatormoderatormo";

    private Driver driver;
    private Curation curation;
    private Tags tagging;

    @BeforeEach
    void symptomsSeeded() {
        driver = TaxonomyStore.empty();
        new SkosLoader(GraphConnection.over(driver)).load(SeedCatalog.turtle("seeds/symptoms.ttl"));
        curation = new Curation(driver);
        tagging = new Tags(GraphConnection.over(driver));
    }

    @Test
    void aModeratorsRenameSurvivesANewerSeed() {
        applied(curation.apply(MODERATOR, new Rename(CRACKLING, "en", "Crackles and pops")));

        Model newer = SeedCatalog.turtle("seeds/symptoms.ttl");
        Resource scheme = newer.getResource(SYMPTOMS);
        scheme.removeAll(OWL.versionInfo).addProperty(OWL.versionInfo, "1.1");
        newer.getResource(CRACKLING).removeAll(SKOS.prefLabel).addProperty(SKOS.prefLabel, "Crackly audio", "en")
                .addProperty(SKOS.definition, "Clicks and pops in the sound.", "en");
        newer.createResource(SYMPTOMS + "/audio-echo", SKOS.Concept).addProperty(SKOS.inScheme, scheme)
                .addProperty(SKOS.broader, newer.getResource(AUDIO)).addProperty(SKOS.prefLabel, "Echo", "en");
        LoadReport report = new SkosLoader(GraphConnection.over(driver)).load(newer).getFirst();

        assertThat(report.outcome()).isEqualTo(LoadReport.Outcome.APPLIED);
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.keptByModerators()).as("the moderator's prefLabel and altLabels").isEqualTo(2);
        Map<String, Object> crackling = concept(CRACKLING);
        assertThat(crackling).containsEntry("prefLabel_en", "Crackles and pops")
                .containsEntry("definition_en", "Clicks and pops in the sound.");
        assertThat(altLabels(CRACKLING)).contains("Crackling audio");

        scheme.removeAll(OWL.versionInfo).addProperty(OWL.versionInfo, "0.9");
        assertThat(new SkosLoader(GraphConnection.over(driver)).load(newer).getFirst().outcome()).isEqualTo(LoadReport.Outcome.SKIPPED_OLDER);
    }

    @Test
    void mergingTagsRetagsEverythingAndTheOldLabelResolvesToTheSurvivor() {
        String p1 = Things.product(driver, "Game one");
        String p2 = Things.product(driver, "Game two");
        String p3 = Things.product(driver, "Game three");
        String ann = Things.customer("ann");
        String bob = Things.customer("bob");
        String source = tagging.tag(ann, p1, "Sound-Crackle").tagId();
        tagging.tag(bob, p2, "sound crackle");
        String target = tagging.tag(ann, p2, "crackly sound").tagId();
        tagging.tag(ann, p3, "crackly sound");
        tagging.tag(bob, p2, "crackly sound");
        applied(curation.apply(MODERATOR, new PromoteTag(target, SYMPTOMS, "en", AUDIO)));

        applied(curation.apply(MODERATOR, new MergeTags(source, target, "en")));

        try (var session = driver.session()) {
            var counts = session.run("""
                    MATCH (t:Tag) RETURN t.normalized AS tag, t.usageCount AS usage, COUNT { ()-[:TAGGED]->(t) } AS applied
                    ORDER BY tag""").list(r -> r.get("tag").asString() + "=" + r.get("usage").asLong() + "/" + r.get("applied").asLong());
            assertThat(counts).containsExactly("crackly sound=4/4", "sound crackle=0/0");
        }
        Tags.Resolution resolved = tagging.resolve("SOUND crackle").orElseThrow();
        assertThat(resolved.tagId()).isEqualTo(target);
        assertThat(resolved.concept().prefLabel()).isEqualTo("crackly sound");
        assertThat(tagging.tag(Things.customer("cem"), p1, "sound crackle").tagId()).isEqualTo(target);
        assertThat(altLabels(resolved.concept().iri())).containsExactly("Sound-Crackle");
    }

    @Test
    void mergingConceptsMovesTagsAndNarrowerAndKeepsTheLabel() {
        String game = Things.product(driver, "Game");
        var applied = tagging.tag(Things.customer("ann"), game, "sound missing");
        assertThat(applied.concept().iri()).isEqualTo(MISSING);

        applied(curation.apply(MODERATOR, new MergeConcepts(MISSING, CRACKLING)));

        assertThat(tagging.resolve("sound missing").orElseThrow().concept().iri()).isEqualTo(CRACKLING);
        assertThat(tagging.resolve("Missing audio").orElseThrow().concept().iri()).isEqualTo(CRACKLING);
        assertThat(altLabels(CRACKLING)).contains("Missing audio", "sound missing");
        assertThat(concept(MISSING)).containsEntry("status", "DEPRECATED");
    }

    @Test
    void aBroaderLinkThatWouldLoopIsRefusedWithThePath() {
        applied(curation.apply(MODERATOR, new SetBroader(GRAPHICAL, CRACKLING)));

        CurationResult result = curation.apply(MODERATOR, new SetBroader(AUDIO, GRAPHICAL));

        assertThat(result).isInstanceOf(CurationResult.Rejected.class);
        Rejection rejection = ((CurationResult.Rejected) result).rejection();
        assertThat(rejection).isInstanceOf(Rejection.WouldCreateCycle.class);
        assertThat(((Rejection.WouldCreateCycle) rejection).path()).extracting(ConceptRef::prefLabel)
                .containsExactly("Audio problem", "Display problem", "Crackling audio", "Audio problem");
        assertThat(rejection.message()).isEqualTo("Broader would loop: Audio problem → Display problem → Crackling audio → Audio problem");
    }

    @Test
    void undoRestoresTheStateBeforeExactly() {
        String game = Things.product(driver, "Game");
        String tag = tagging.tag(Things.customer("ann"), game, "popping audio").tagId();
        String other = tagging.tag(Things.customer("bob"), game, "pops").tagId();
        List<String> before = TaxonomyStore.dump(driver);

        AuditEntry event = applied(curation.applyAll(MODERATOR, List.of(
                new Rename(AUDIO, "en", "Sound problem"),
                new AddAltLabel(CRACKLING, "en", "crackle"),
                new SetDefinition(CRACKLING, "de", "Knistern im Ton."),
                new SetBroader(GRAPHICAL, AUDIO),
                new MarkRelated(MISSING, CRACKLING),
                new PromoteTag(tag, SYMPTOMS, "en", CRACKLING),
                new MergeTags(other, tag, "en"),
                new MergeConcepts(SYMPTOMS + "/audio-low-quality", CRACKLING),
                new Deprecate(SYMPTOMS + "/audio-broken", MISSING, "Same thing"))));
        List<String> after = TaxonomyStore.dump(driver);
        assertThat(after).isNotEqualTo(before);

        AuditEntry undo = applied(curation.undo(MODERATOR, event.id()));
        assertThat(TaxonomyStore.dump(driver)).isEqualTo(before);

        applied(curation.undo(MODERATOR, undo.id()));
        assertThat(TaxonomyStore.dump(driver)).isEqualTo(after);
    }

    @Test
    void anUndoIsRefusedWhenALaterChangeTouchedTheSameConcepts() {
        AuditEntry first = applied(curation.apply(MODERATOR, new Rename(AUDIO, "en", "Sound problem")));
        AuditEntry second = applied(curation.apply(MODERATOR, new AddAltLabel(AUDIO, "en", "noise")));

        CurationResult refused = curation.undo(MODERATOR, first.id());

        assertThat(refused).isInstanceOfSatisfying(CurationResult.Rejected.class,
                r -> assertThat(r.rejection().message()).contains(second.id()));
        applied(curation.undo(MODERATOR, second.id()));
        applied(curation.undo(MODERATOR, first.id()));
        assertThat(concept(AUDIO)).containsEntry("prefLabel_en", "Audio problem");
        assertThat(curation.history(AUDIO, 10)).extracting(AuditEntry::action).containsExactly("UNDO", "UNDO", "ADD_ALT_LABEL", "RENAME");
    }

    @Test
    void aBulkChangeWithOneRefusedStepChangesNothing() {
        List<String> before = TaxonomyStore.dump(driver);

        CurationResult result = curation.applyAll(MODERATOR, List.of(
                new Rename(AUDIO, "en", "Sound problem"),
                new SetBroader(AUDIO, CRACKLING)));

        assertThat(result).isInstanceOf(CurationResult.Rejected.class);
        assertThat(TaxonomyStore.dump(driver)).isEqualTo(before);
        assertThat(curation.recent(10)).isEmpty();
    }

    private Map<String, Object> concept(String iri) {
        try (var session = driver.session()) {
            return session.run("MATCH (c:Concept {iri: $iri}) RETURN properties(c) AS p", Map.of("iri", iri)).single().get("p").asMap();
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> altLabels(String iri) {
        return (List<String>) concept(iri).get("altLabels_en");
    }

    private static AuditEntry applied(CurationResult result) {
        assertThat(result).isInstanceOf(CurationResult.Applied.class);
        return ((CurationResult.Applied) result).event();
    }
}
