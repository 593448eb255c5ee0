package io.peergraph.api.graphql;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.text.Text;

/**
 * Validation of user input before any write: text is normalised (NFKC, whitespace) and bounded, ids must be
 * well formed and of the expected type. Every rejection names the offending field.
 */
public final class Inputs {

    public static final int NAME_MAX = 200;
    public static final int TEXT_MAX = 20_000;

    private Inputs() {}

    /** A required single-line text of 1..max characters after normalisation. */
    public static String requiredLine(String field, String value, int max) {
        String clean = Text.line(value);
        if (clean == null || clean.isEmpty()) {
            throw new ApiException.BadUserInput(field, "must not be empty");
        }
        return bounded(field, clean, max);
    }

    /** An optional single-line text: null stays null, blank becomes null. */
    public static String optionalLine(String field, String value, int max) {
        String clean = Text.line(value);
        return clean == null || clean.isEmpty() ? null : bounded(field, clean, max);
    }

    /** An optional multi-line text: null stays null, blank becomes null. */
    public static String optionalBlock(String field, String value, int max) {
        String clean = Text.block(value);
        return clean == null || clean.isEmpty() ? null : bounded(field, clean, max);
    }

    /** An id of the given type. */
    public static String id(String field, String value, PublicId type) {
        if (!type.matches(value)) {
            throw new ApiException.BadUserInput(field, "must be the id of a " + type.label()
                    + " (it starts with " + type.prefix() + "_)");
        }
        return value;
    }

    private static String bounded(String field, String clean, int max) {
        if (clean.length() > max) {
            throw new ApiException.BadUserInput(field, "must be at most " + max + " characters");
        }
        return clean;
    }
}
