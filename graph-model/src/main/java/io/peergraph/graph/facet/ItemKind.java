package io.peergraph.graph.facet;

import java.util.Optional;

/**
 * One item kind as a configuration-facets scheme declares it.
 *
 * @param kind        the {@code ConfigItem.kind} (the facet concept's {@code skos:notation})
 * @param domain      the IRI of the facet scheme that declares it: a domain's cohort ladder is its own kinds
 * @param cohortRank  the kind's place on the domain's cohort ladder (1 = most telling), null when not on it
 * @param familyRule  how values form families when the taxonomy does not classify them, null for none
 * @param valueScheme the IRI of the scheme whose concepts classify the values (by label), null for none
 */
public record ItemKind(String kind, String domain, Integer cohortRank, FamilyRule familyRule, String valueScheme) {

    public Optional<FamilyRule> rule() {
        return Optional.ofNullable(familyRule);
    }
}
