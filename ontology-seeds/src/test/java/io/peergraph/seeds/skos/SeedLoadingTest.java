package io.peergraph.seeds.skos;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.graph.driver.GraphConnection;
import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.ConceptView;
import io.peergraph.graph.taxonomy.SchemeView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.graph.taxonomy.curation.Curation;
import io.peergraph.graph.taxonomy.curation.CurationCommand;
import io.peergraph.seeds.hardware.HardwareScheme;
import io.peergraph.seeds.shacl.IntegrityReport;
import io.peergraph.seeds.shacl.SkosIntegrity;
import io.peergraph.seeds.testing.TaxonomyStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;

class SeedLoadingTest {

    private Driver driver;

    @BeforeEach
    void emptyStore() {
        driver = TaxonomyStore.empty();
    }

    @Test
    void loadingTheSeedsTwiceLeavesTheSameGraph() {
        List<LoadReport> first = SeedCatalog.loadAll(GraphConnection.over(driver));
        List<String> afterFirst = TaxonomyStore.dump(driver);
        List<LoadReport> second = SeedCatalog.loadAll(GraphConnection.over(driver));

        assertThat(first).extracting(LoadReport::outcome).containsOnly(LoadReport.Outcome.APPLIED);
        assertThat(first).allSatisfy(r -> assertThat(r.unresolved()).isEmpty());
        assertThat(second).extracting(LoadReport::outcome).containsOnly(LoadReport.Outcome.UNCHANGED);
        assertThat(TaxonomyStore.dump(driver)).isEqualTo(afterFirst);
    }

    @Test
    void aStartLoadsTheSeedsOnlyWhenTheirChecksumChangedAndModeratorsChangesSurviveANewRelease() {
        SeedCatalog.SeedRun first = SeedCatalog.loadIfChanged(GraphConnection.over(driver));
        List<String> afterFirst = TaxonomyStore.dump(driver);
        SeedCatalog.SeedRun second = SeedCatalog.loadIfChanged(GraphConnection.over(driver));

        assertThat(first.loaded()).isTrue();
        assertThat(first.reports()).extracting(LoadReport::outcome).containsOnly(LoadReport.Outcome.APPLIED);
        assertThat(second.loaded()).isFalse();
        assertThat(second.reports()).isEmpty();
        assertThat(second.checksum()).isEqualTo(first.checksum());
        assertThat(TaxonomyStore.dump(driver)).isEqualTo(afterFirst);

        String crackling = "https://peergraph.io/taxonomy/symptoms/audio-crackling";
        new Curation(driver).apply("cus_moderator", new CurationCommand.Rename(crackling, "en", "Crackles and pops"));
        try (var session = driver.session()) { // as if the store had been loaded by an older release
            session.run("MATCH (s:SeedCatalog {name: 'taxonomy'}) SET s.checksum = 'an older release'").consume();
        }
        SeedCatalog.SeedRun newRelease = SeedCatalog.loadIfChanged(GraphConnection.over(driver));

        assertThat(newRelease.loaded()).isTrue();
        assertThat(new TaxonomyReader(GraphConnection.over(driver)).concept(crackling).orElseThrow().prefLabels()).containsEntry("en", "Crackles and pops");
        assertThat(SeedCatalog.loadIfChanged(GraphConnection.over(driver)).loaded()).as("the new checksum is stored").isFalse();
    }

    @Test
    void theHardwareSchemeIsGeneratedFromPciDeviceClassesAndMainVendors() {
        SeedCatalog.loadAll(GraphConnection.over(driver));
        try (var session = driver.session()) {
            var display = session.run("""
                    MATCH (c:Concept {notation: 'pci-class:03'})-[:TOP_CONCEPT_OF]->(:ConceptScheme {iri: $scheme})
                    RETURN c.prefLabel_en AS label, [(n)-[:BROADER]->(c) | n.prefLabel_en] AS narrower
                    """, java.util.Map.of("scheme", HardwareScheme.IRI)).single();
            assertThat(display.get("label").asString()).isEqualTo("Display controller");
            assertThat(display.get("narrower").asList(v -> v.asString())).contains("VGA compatible controller", "3D controller");
            var vendors = session.run("MATCH (v:Concept)-[:BROADER]->(:Concept {iri: $iri}) RETURN collect(v.notation) AS n",
                    java.util.Map.of("iri", HardwareScheme.IRI + "/vendor")).single().get("n").asList(v -> v.asString());
            assertThat(vendors).contains("pci-vendor:10de", "pci-vendor:1002", "pci-vendor:8086");
        }
    }

    @Test
    void theReaderShowsSchemesAndConceptsInFull() {
        SeedCatalog.loadAll(GraphConnection.over(driver));
        TaxonomyReader reader = new TaxonomyReader(GraphConnection.over(driver));

        assertThat(reader.schemes()).extracting(SchemeView::iri).contains(HardwareScheme.IRI, "https://peergraph.io/taxonomy/symptoms");
        ConceptView audio = reader.concept("https://peergraph.io/taxonomy/symptoms/audio").orElseThrow();
        assertThat(audio.prefLabels()).containsEntry("en", "Audio problem").containsEntry("de", "Tonproblem");
        assertThat(audio.altLabels().get("en")).containsExactly("no sound", "sound problem");
        assertThat(audio.narrowerCount()).isEqualTo(5);
        assertThat(audio.status()).isEqualTo(ConceptStatus.APPROVED);
    }

    @Test
    void theExportedTurtleReparsesAndPassesTheShapes() {
        SeedCatalog.loadAll(GraphConnection.over(driver));
        byte[] turtle = export(null, TaxonomyFormat.TURTLE);

        Model reparsed = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(turtle)).lang(Lang.TURTLE).parse(reparsed);
        IntegrityReport report = SkosIntegrity.validate(reparsed);

        assertThat(report.violations()).isEmpty();
        assertThat(report.conforms()).isTrue();
        assertThat(reparsed.size()).isGreaterThan(1000);
    }

    @Test
    void exportImportIntoAnEmptyStoreIsIsomorphic() {
        SeedCatalog.loadAll(GraphConnection.over(driver));
        Model exported = new TaxonomyExport(GraphConnection.over(driver)).model(null);
        byte[] jsonld = export(null, TaxonomyFormat.JSONLD);

        TaxonomyStore.empty();
        Model fromJsonLd = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(jsonld)).lang(Lang.JSONLD).parse(fromJsonLd);
        new SkosLoader(GraphConnection.over(driver)).load(fromJsonLd);

        assertThat(fromJsonLd.isIsomorphicWith(exported)).isTrue();
        assertThat(new TaxonomyExport(GraphConnection.over(driver)).model(null).isIsomorphicWith(exported)).isTrue();
    }

    private byte[] export(String scheme, TaxonomyFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TaxonomyExport(GraphConnection.over(driver)).write(scheme, format, out);
        return out.toByteArray();
    }
}
