package io.peergraph.seeds.shacl;

import io.peergraph.seeds.skos.SeedCatalog;
import java.io.StringWriter;
import java.util.Comparator;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

/**
 * Validates SKOS with the shapes in {@code shacl/skos-integrity.ttl}: one prefLabel per language, no cycle in
 * broader, no concept outside a scheme, no prefLabel that is also an altLabel, deprecated concepts carry a
 * replacement or a reason.
 */
public final class SkosIntegrity {

    private static final Shapes SHAPES = Shapes.parse(SeedCatalog.turtle("shacl/skos-integrity.ttl").getGraph());

    private SkosIntegrity() {}

    public static IntegrityReport validate(Model taxonomy) {
        ValidationReport report = ShaclValidator.get().validate(SHAPES, taxonomy.getGraph());
        var violations = report.getEntries().stream()
                .map(SkosIntegrity::violation)
                .sorted(Comparator.comparing(Violation::focusNode).thenComparing(Violation::message))
                .toList();
        StringWriter turtle = new StringWriter();
        RDFDataMgr.write(turtle, report.getModel(), RDFFormat.TURTLE_PRETTY);
        return new IntegrityReport(report.conforms(), violations, turtle.toString());
    }

    private static Violation violation(ReportEntry e) {
        return new Violation(text(e.focusNode()), e.resultPath() == null ? null : e.resultPath().toString(), text(e.value()),
                e.severity().level().getLocalName(), e.message());
    }

    private static String text(Node node) {
        if (node == null) {
            return null;
        }
        return node.isURI() ? node.getURI() : node.isLiteral() ? node.getLiteralLexicalForm() : node.toString();
    }
}
