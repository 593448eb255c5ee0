package io.peergraph.seeds.skos;

import io.peergraph.graph.taxonomy.ConceptStatus;
import io.peergraph.graph.taxonomy.TaxonomyIri;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * Peergraph's own RDF terms, kept like Jena's {@code SKOS} class. SKOS has no lifecycle status, so a concept's
 * status and the reason for a deprecation without replacement live here; the replacement itself is
 * {@code dcterms:isReplacedBy} and a scheme's seed version {@code owl:versionInfo}.
 */
public final class TaxonomyVocab {

    public static final String NS = "https://peergraph.io/ns/taxonomy#";
    /** Base of the IRIs of Peergraph's own schemes and concepts. */
    public static final String TAXONOMY = TaxonomyIri.BASE;

    public static final Property status = ResourceFactory.createProperty(NS, "status");
    public static final Property deprecationReason = ResourceFactory.createProperty(NS, "deprecationReason");
    public static final Resource Candidate = ResourceFactory.createResource(NS + "Candidate");
    public static final Resource Approved = ResourceFactory.createResource(NS + "Approved");
    public static final Resource Deprecated = ResourceFactory.createResource(NS + "Deprecated");

    private TaxonomyVocab() {}

    /** The RDF term of a concept status. */
    public static Resource status(ConceptStatus status) {
        return switch (status) {
            case CANDIDATE -> Candidate;
            case APPROVED -> Approved;
            case DEPRECATED -> Deprecated;
        };
    }

    /** The status an RDF term names; seeds that say nothing are curated vocabularies, hence approved. */
    public static ConceptStatus status(Resource resource) {
        for (ConceptStatus status : ConceptStatus.values()) {
            if (status(status).equals(resource)) {
                return status;
            }
        }
        return ConceptStatus.APPROVED;
    }
}
