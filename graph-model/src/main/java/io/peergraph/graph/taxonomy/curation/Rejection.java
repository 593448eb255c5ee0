package io.peergraph.graph.taxonomy.curation;

import io.peergraph.graph.taxonomy.ConceptRef;
import java.util.List;
import java.util.stream.Collectors;

/** Why a curation change was refused; nothing was written. {@link #code()} is stable for API error extensions. */
public sealed interface Rejection {

    String code();

    String message();

    record NotFound(String kind, String reference) implements Rejection {
        public String code() {
            return "NOT_FOUND";
        }

        public String message() {
            return "No " + kind + " " + reference;
        }
    }

    /** The new broader link would close this loop: the concept, its new broader, …, back to the concept. */
    record WouldCreateCycle(List<ConceptRef> path) implements Rejection {
        public String code() {
            return "CYCLE";
        }

        public String message() {
            return "Broader would loop: " + path.stream().map(ConceptRef::prefLabel).collect(Collectors.joining(" → "));
        }
    }

    /** The change contradicts the current state (already so, stale undo, deprecated target …). */
    record Conflict(String message) implements Rejection {
        public String code() {
            return "CONFLICT";
        }
    }

    /** The command itself is malformed (blank label, a concept related to itself …). */
    record Invalid(String message) implements Rejection {
        public String code() {
            return "INVALID";
        }
    }
}
