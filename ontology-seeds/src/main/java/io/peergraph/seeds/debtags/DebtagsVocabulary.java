package io.peergraph.seeds.debtags;

import io.peergraph.seeds.skos.TaxonomyVocab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.SKOS;

/**
 * Debian's debtags vocabulary (GPL-2, Debian debtags team) as a SKOS scheme: each facet is a top concept,
 * each tag ("game::strategy") a narrower concept of its facet. The facet or tag name is the notation, so a
 * tag typed as in Debian resolves to its concept; the short description is the prefLabel, the long one the
 * definition.
 */
public final class DebtagsVocabulary {

    public static final String SCHEME = TaxonomyVocab.TAXONOMY + "debtags";
    static final String VERSION = "1";

    /** One stanza of the vocabulary file: its fields, continuation lines joined. */
    record Stanza(Map<String, String> fields) {
        String get(String field) {
            return fields.get(field);
        }
    }

    private DebtagsVocabulary() {}

    public static Model read(BufferedReader reader) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("skos", SKOS.uri);
        Resource scheme = m.createResource(SCHEME, SKOS.ConceptScheme)
                .addProperty(SKOS.prefLabel, "Debian package tags", "en")
                .addProperty(SKOS.definition, "Debian's faceted classification of software packages (debtags, GPL-2).", "en")
                .addProperty(DCTerms.source, m.createResource("https://wiki.debian.org/Debtags"))
                .addProperty(OWL.versionInfo, VERSION);
        for (Stanza stanza : stanzas(reader)) {
            String facet = stanza.get("Facet");
            String tag = stanza.get("Tag");
            if (facet != null) {
                Resource c = concept(m, scheme, facet, stanza).addProperty(SKOS.topConceptOf, scheme);
                scheme.addProperty(SKOS.hasTopConcept, c);
            } else if (tag != null) {
                String facetName = tag.substring(0, tag.indexOf("::"));
                concept(m, scheme, tag, stanza).addProperty(SKOS.broader, m.createResource(iri(facetName)));
            }
        }
        return m;
    }

    public static String iri(String name) {
        return SCHEME + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private static Resource concept(Model m, Resource scheme, String name, Stanza stanza) {
        String description = stanza.get("Description");
        String[] parts = description == null ? new String[] {name} : description.split("\n", 2);
        Resource c = m.createResource(iri(name), SKOS.Concept).addProperty(SKOS.inScheme, scheme).addProperty(SKOS.notation, name)
                .addProperty(SKOS.prefLabel, parts[0].strip(), "en");
        if (parts.length > 1 && !parts[1].isBlank()) {
            c.addProperty(SKOS.definition, parts[1].strip(), "en");
        }
        return c;
    }

    /** RFC 822-style stanzas separated by blank lines; " ." is an empty line inside a long description. */
    static List<Stanza> stanzas(BufferedReader reader) {
        List<Stanza> out = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        try {
            for (String line = reader.readLine(); ; line = reader.readLine()) {
                if (line == null || line.isBlank()) {
                    if (!fields.isEmpty()) {
                        out.add(new Stanza(fields));
                        fields = new LinkedHashMap<>();
                    }
                    if (line == null) {
                        return out;
                    }
                } else if (line.startsWith(" ") && last != null) {
                    String text = line.strip().equals(".") ? "" : line.strip();
                    fields.merge(last, text, (a, b) -> a + "\n" + b);
                } else if (line.contains(":")) {
                    last = line.substring(0, line.indexOf(':'));
                    fields.put(last, line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
