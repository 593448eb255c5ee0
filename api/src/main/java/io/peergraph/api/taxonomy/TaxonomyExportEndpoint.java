package io.peergraph.api.taxonomy;

import io.peergraph.graph.taxonomy.SchemeView;
import io.peergraph.graph.taxonomy.TaxonomyReader;
import io.peergraph.seeds.skos.TaxonomyExport;
import io.peergraph.seeds.skos.TaxonomyFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /taxonomy/export?format=turtle|jsonld[&scheme=IRI]}: the living taxonomy (or one scheme) as SKOS, a
 * download for anyone (the taxonomy is public, as its GraphQL queries are). 400 for an unknown format, 404 for
 * an unknown scheme. {@code ./peergraph export-taxonomy} fetches the same.
 */
@RestController
public class TaxonomyExportEndpoint {

    public static final String PATH = "/taxonomy/export";

    private final TaxonomyExport export;
    private final TaxonomyReader reader;

    public TaxonomyExportEndpoint(TaxonomyExport export, TaxonomyReader reader) {
        // A public download: a customer's symptom not yet approved is not in it (SymptomVisibility).
        this.export = export.forEveryone();
        this.reader = reader.forEveryone();
    }

    @GetMapping(PATH)
    public ResponseEntity<byte[]> export(@RequestParam(defaultValue = "turtle") String format,
                                                        @RequestParam(required = false) String scheme) {
        Optional<TaxonomyFormat> chosen = format(format);
        if (chosen.isEmpty()) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
                    .body("format must be turtle or jsonld\n".getBytes(StandardCharsets.UTF_8));
        }
        String name = "peergraph-taxonomy";
        if (scheme != null) {
            Optional<SchemeView> found = reader.schemes().stream().filter(s -> s.iri().equals(scheme)).findFirst();
            if (found.isEmpty()) {
                return ResponseEntity.notFound().build();
            }
            name += "-" + found.get().iri().replaceAll("^.*/", "").replaceAll("[^A-Za-z0-9._-]", "_");
        }
        TaxonomyFormat f = chosen.get();
        // The model is built in memory anyway; serialising it whole gives a Content-Length and never a truncated file.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        export.write(scheme, f, body);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + "." + f.fileExtension()).build().toString())
                .body(body.toByteArray());
    }

    static Optional<TaxonomyFormat> format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "turtle", "ttl" -> Optional.of(TaxonomyFormat.TURTLE);
            case "jsonld", "json-ld" -> Optional.of(TaxonomyFormat.JSONLD);
            default -> Optional.empty();
        };
    }
}
