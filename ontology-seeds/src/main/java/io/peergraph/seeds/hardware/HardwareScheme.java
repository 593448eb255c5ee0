package io.peergraph.seeds.hardware;

import io.peergraph.seeds.pci.PciIds;
import io.peergraph.seeds.skos.TaxonomyVocab;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.SKOS;

/**
 * The hardware scheme, generated from the bundled pci.ids rather than typed by hand: every PCI device class
 * is a top concept with its subclasses narrower (Display controller → VGA compatible controller, 3D
 * controller …), and a "Hardware vendors" top concept holds the vendors with the most devices listed.
 * The scheme's version is {@value #GENERATOR_REVISION} followed by the pci.ids date, so a newer pci.ids or a
 * changed generator loads as a newer seed.
 */
public final class HardwareScheme {

    public static final String IRI = TaxonomyVocab.TAXONOMY + "hardware";
    /** Bump when the generator would build another scheme from the same pci.ids (part of the seed checksum). */
    public static final String GENERATOR_REVISION = "1";
    /** Vendors with this many devices or more in pci.ids count as main vendors. */
    static final int MAIN_VENDOR_DEVICES = 100;

    private static final Pattern VERSION = Pattern.compile("^#\\s*Version:\\s*([0-9.]+)");
    private static final HexFormat HEX = HexFormat.of();

    private HardwareScheme() {}

    /** The scheme built from the pci.ids shipped in this module. */
    public static Model bundled() {
        return generate(PciIds.bundled(), bundledPciIdsVersion());
    }

    public static Model generate(PciIds pci, String pciIdsVersion) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("skos", SKOS.uri);
        Resource scheme = m.createResource(IRI, SKOS.ConceptScheme)
                .addProperty(SKOS.prefLabel, "Hardware", "en")
                .addProperty(SKOS.definition, "Kinds of hardware device and their main vendors, generated from the PCI ID Repository "
                        + "(pci-ids.ucw.cz, version " + pciIdsVersion + ", BSD-3-Clause).", "en")
                .addProperty(DCTerms.source, m.createResource("https://pci-ids.ucw.cz/"))
                .addProperty(OWL.versionInfo, GENERATOR_REVISION + "." + pciIdsVersion);

        for (int classId = 0; classId <= 0xff; classId++) {
            pci.deviceClass(classId).ifPresent(dc -> {
                String classHex = HEX.toHexDigits((byte) dc.id());
                Resource parent = concept(m, scheme, "class/" + classHex, dc.name(), "pci-class:" + classHex)
                        .addProperty(SKOS.topConceptOf, scheme);
                scheme.addProperty(SKOS.hasTopConcept, parent);
                dc.subclasses().forEach((subId, name) -> {
                    String subHex = classHex + HEX.toHexDigits(subId.byteValue());
                    // pci.ids repeats the class name for its "other" subclass (0x80); a label must say which is which.
                    String label = name.equalsIgnoreCase(dc.name()) ? "Other " + name.toLowerCase(Locale.ROOT) : name;
                    concept(m, scheme, "class/" + subHex, label, "pci-class:" + subHex).addProperty(SKOS.broader, parent);
                });
            });
        }

        Resource vendors = concept(m, scheme, "vendor", "Hardware vendors", null).addProperty(SKOS.topConceptOf, scheme)
                .addProperty(SKOS.definition, "Makers with at least " + MAIN_VENDOR_DEVICES + " devices in the PCI ID Repository.", "en");
        scheme.addProperty(SKOS.hasTopConcept, vendors);
        mainVendors(pci).forEach(v -> {
            String vendorHex = HEX.toHexDigits((short) v.id());
            concept(m, scheme, "vendor/" + vendorHex, v.name(), "pci-vendor:" + vendorHex).addProperty(SKOS.broader, vendors);
        });
        return m;
    }

    static List<PciIds.Vendor> mainVendors(PciIds pci) {
        return pci.vendorsNamed("").stream()
                .filter(v -> pci.devices(v.id()).size() >= MAIN_VENDOR_DEVICES)
                .sorted(Comparator.comparing(PciIds.Vendor::id))
                .toList();
    }

    private static Resource concept(Model m, Resource scheme, String path, String label, String notation) {
        Resource c = m.createResource(IRI + "/" + path, SKOS.Concept)
                .addProperty(SKOS.prefLabel, label, "en")
                .addProperty(SKOS.inScheme, scheme);
        if (notation != null) {
            c.addProperty(SKOS.notation, notation);
        }
        return c;
    }

    /** The "# Version:" header of the bundled pci.ids.gz (PciIds does not keep it). */
    static String bundledPciIdsVersion() {
        try (InputStream in = PciIds.class.getResourceAsStream("/pci.ids.gz");
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
                Matcher m = VERSION.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            throw new IllegalStateException("pci.ids.gz has no Version header");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
