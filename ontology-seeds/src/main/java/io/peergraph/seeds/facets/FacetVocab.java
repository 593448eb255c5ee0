package io.peergraph.seeds.facets;

import io.peergraph.seeds.skos.TaxonomyVocab;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/** The terms a domain's Turtle uses to declare its item kinds and its symptom scheme (namespace {@link TaxonomyVocab#NS}). */
public final class FacetVocab {

    /** A scheme whose concepts with a {@code skos:notation} are the item kinds of one domain. */
    public static final Resource ItemFacetScheme = ResourceFactory.createResource(TaxonomyVocab.NS + "ItemFacetScheme");
    /** A scheme whose concepts' notations are symptom keys: reported symptoms are classified by it. */
    public static final Resource SymptomScheme = ResourceFactory.createResource(TaxonomyVocab.NS + "SymptomScheme");
    /** A kind's place on its domain's cohort ladder (1 = most telling). */
    public static final Property cohortRank = ResourceFactory.createProperty(TaxonomyVocab.NS, "cohortRank");
    /** How a kind's values form families: {@code model-generation}, {@code version-major}, {@code version-series}, {@code release-name}, {@code prefix:N}, {@code numeric-range:W}. */
    public static final Property familyRule = ResourceFactory.createProperty(TaxonomyVocab.NS, "familyRule");
    /** The scheme whose concepts classify a kind's values by label. */
    public static final Property valueScheme = ResourceFactory.createProperty(TaxonomyVocab.NS, "valueScheme");

    private FacetVocab() {}
}
