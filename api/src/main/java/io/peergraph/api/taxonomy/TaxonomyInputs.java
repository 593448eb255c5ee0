package io.peergraph.api.taxonomy;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import java.util.regex.Pattern;

/** Validation of taxonomy arguments: IRIs, language tags, labels and depth limits. */
final class TaxonomyInputs {

    static final int IRI_MAX = 500;
    static final int LABEL_MAX = 200;
    static final int DEFINITION_MAX = 4000;
    static final int MAX_DEPTH = io.peergraph.graph.taxonomy.ConceptHierarchy.MAX_DEPTH;

    private static final Pattern IRI = Pattern.compile("https?://[^\\s<>\"{}|\\\\^`]+");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private TaxonomyInputs() {}

    static String iri(String field, String value) {
        String clean = Inputs.requiredLine(field, value, IRI_MAX);
        if (!IRI.matcher(clean).matches()) {
            throw new ApiException.BadUserInput(field, "must be an http(s) IRI");
        }
        return clean;
    }

    static String optionalIri(String field, String value) {
        return value == null || value.isBlank() ? null : iri(field, value);
    }

    /** A BCP 47 language tag; default {@code en}; "" stands for text without language. */
    static String lang(String value) {
        if (value == null) {
            return "en";
        }
        if (value.isEmpty()) {
            return "";
        }
        if (!LANG.matcher(value).matches()) {
            throw new ApiException.BadUserInput("lang", "must be a language tag such as en or pt-BR, or empty for none");
        }
        return value;
    }

    static String label(String field, String value) {
        return Inputs.requiredLine(field, value, LABEL_MAX);
    }

    static int depth(Integer value, int defaultDepth) {
        if (value == null) {
            return defaultDepth;
        }
        if (value < 1 || value > MAX_DEPTH) {
            throw new ApiException.BadUserInput("maxDepth", "must be between 1 and " + MAX_DEPTH);
        }
        return value;
    }

    static int atLeastOne(String field, Integer value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1) {
            throw new ApiException.BadUserInput(field, "must be at least 1");
        }
        return value;
    }
}
