package io.peergraph.seeds.skos;

import java.util.List;

/**
 * What loading one scheme did. {@code keptByModerators} counts facts the seed would have changed but a
 * moderator owns; {@code unresolved} lists broader/related/replacement targets not in the store.
 */
public record LoadReport(String schemeIri, SeedVersion version, Outcome outcome, int created, int updated, int unchanged,
                         int retired, int keptByModerators, List<String> unresolved) {

    /** This load followed by a second pass over the same scheme (see {@link SkosLoader#load(org.apache.jena.rdf.model.Model)}). */
    LoadReport then(LoadReport second) {
        Outcome combined = outcome == Outcome.APPLIED || second.outcome == Outcome.APPLIED ? Outcome.APPLIED : second.outcome;
        return new LoadReport(schemeIri, version, combined, created, updated + second.created + second.updated, unchanged - second.updated,
                retired + second.retired, second.keptByModerators, second.unresolved);
    }

    public enum Outcome {
        /** Something was written. */
        APPLIED,
        /** The store already holds exactly this. */
        UNCHANGED,
        /** The store holds a newer version of this scheme; nothing was written. */
        SKIPPED_OLDER
    }
}
