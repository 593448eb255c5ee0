package io.peergraph.seeds.skos;

import org.apache.jena.rdf.model.Resource;

/** Lifecycle of a concept: proposed (e.g. a promoted tag), in use, or replaced. */
public enum ConceptStatus {
    CANDIDATE(TaxonomyVocab.Candidate),
    APPROVED(TaxonomyVocab.Approved),
    DEPRECATED(TaxonomyVocab.Deprecated);

    private final Resource rdf;

    ConceptStatus(Resource rdf) {
        this.rdf = rdf;
    }

    public Resource rdf() {
        return rdf;
    }

    /** Seeds that say nothing are curated vocabularies, hence approved. */
    public static ConceptStatus of(Resource resource) {
        for (ConceptStatus status : values()) {
            if (status.rdf.equals(resource)) {
                return status;
            }
        }
        return APPROVED;
    }
}
