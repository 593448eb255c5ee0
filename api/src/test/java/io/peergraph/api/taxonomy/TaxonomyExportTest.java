package io.peergraph.api.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import io.peergraph.api.cli.ExportTaxonomyCommand;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.seeds.shacl.IntegrityReport;
import io.peergraph.seeds.shacl.SkosIntegrity;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.eclipse.rdf4j.model.vocabulary.SKOS;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine;

/** The download URL and the CLI command: what they write parses in an independent parser (RDF4J) and passes the SHACL shapes. */
@ApiTest
class TaxonomyExportTest {

    static final String SYMPTOMS = "https://peergraph.io/taxonomy/symptoms";

    @Autowired GraphQlHttp api;

    @Test
    void theTurtleDownloadParsesElsewhereAndPassesTheIntegrityShapes() throws Exception {
        HttpResponse<byte[]> response = get("/taxonomy/export?format=turtle&scheme=" + URLEncoder.encode(SYMPTOMS, StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/turtle"));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"peergraph-taxonomy-symptoms.ttl\"");
        var rdf4j = Rio.parse(new ByteArrayInputStream(response.body()), SYMPTOMS, RDFFormat.TURTLE);
        assertThat(rdf4j.filter(null, SKOS.BROADER, null)).isNotEmpty();
        assertThat(rdf4j.filter(null, SKOS.IN_SCHEME, org.eclipse.rdf4j.model.util.Values.iri(SYMPTOMS)).size()).isGreaterThan(20);

        Model jena = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(response.body())).lang(Lang.TURTLE).parse(jena);
        assertThat(jena.size()).isEqualTo(rdf4j.size());
        IntegrityReport report = SkosIntegrity.validate(jena);
        assertThat(report.conforms()).as(report.turtle()).isTrue();
    }

    @Test
    void theJsonLdDownloadHoldsTheSameGraphAndUnknownArgumentsAreRefused() throws Exception {
        HttpResponse<byte[]> turtle = get("/taxonomy/export?scheme=" + URLEncoder.encode(SYMPTOMS, StandardCharsets.UTF_8));
        HttpResponse<byte[]> jsonld = get("/taxonomy/export?format=jsonld&scheme=" + URLEncoder.encode(SYMPTOMS, StandardCharsets.UTF_8));

        assertThat(jsonld.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/ld+json"));
        Model a = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(turtle.body())).lang(Lang.TURTLE).parse(a);
        Model b = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(jsonld.body())).lang(Lang.JSONLD).parse(b);
        assertThat(a.isIsomorphicWith(b)).isTrue();
        assertThat(get("/taxonomy/export?format=rdfxml").statusCode()).isEqualTo(400);
        assertThat(get("/taxonomy/export?scheme=" + URLEncoder.encode("https://example.org/none", StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theCliCommandWritesWhatTheServiceServes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("symptoms.ttl");

        int exit = new CommandLine(new ExportTaxonomyCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute("--url", api.uri("/").toString(), "--scheme", SYMPTOMS, "--format", "turtle", "-o", file.toString());

        assertThat(exit).isZero();
        var parsed = Rio.parse(new StringReader(Files.readString(file)), SYMPTOMS, RDFFormat.TURTLE);
        Model jena = ModelFactory.createDefaultModel();
        RDFParser.source(file).lang(Lang.TURTLE).parse(jena);
        Model served = ModelFactory.createDefaultModel();
        RDFParser.source(new ByteArrayInputStream(get("/taxonomy/export?scheme=" + URLEncoder.encode(SYMPTOMS, StandardCharsets.UTF_8)).body()))
                .lang(Lang.TURTLE).parse(served);
        assertThat(parsed.size()).isEqualTo(jena.size());
        assertThat(jena.isIsomorphicWith(served)).isTrue();
        assertThat(new CommandLine(new ExportTaxonomyCommand()).execute("--url", api.uri("/").toString(), "--scheme", "https://example.org/none",
                "-o", dir.resolve("none.ttl").toString())).isEqualTo(1);
        assertThat(dir.resolve("none.ttl")).doesNotExist();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
