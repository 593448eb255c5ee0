package io.peergraph.graph.taxonomy;

/** IRIs Peergraph mints for its own schemes and concepts (a promoted tag's concept, the seed schemes). */
public final class TaxonomyIri {

    /** Base of the IRIs of Peergraph's own schemes and concepts. */
    public static final String BASE = "https://peergraph.io/taxonomy/";

    private TaxonomyIri() {}

    /** The IRI of a concept a moderator made, from its public id. */
    public static String concept(String id) {
        return BASE + "concepts/" + id;
    }
}
