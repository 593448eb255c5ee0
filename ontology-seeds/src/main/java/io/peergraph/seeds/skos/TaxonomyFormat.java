package io.peergraph.seeds.skos;

import org.apache.jena.riot.RDFFormat;

/** The serialisations the taxonomy is exported in, with their media types for a download URL. */
public enum TaxonomyFormat {
    TURTLE(RDFFormat.TURTLE_PRETTY, "text/turtle", "ttl"),
    JSONLD(RDFFormat.JSONLD11, "application/ld+json", "jsonld");

    private final RDFFormat rdfFormat;
    private final String mediaType;
    private final String fileExtension;

    TaxonomyFormat(RDFFormat rdfFormat, String mediaType, String fileExtension) {
        this.rdfFormat = rdfFormat;
        this.mediaType = mediaType;
        this.fileExtension = fileExtension;
    }

    public RDFFormat rdfFormat() {
        return rdfFormat;
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileExtension() {
        return fileExtension;
    }
}
