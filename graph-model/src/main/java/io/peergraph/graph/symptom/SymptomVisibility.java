package io.peergraph.graph.symptom;

/**
 * Who sees a symptom. Seeded and imported symptoms are everyone's. A symptom a customer described
 * ({@code proposedBy}) is classified as a concept of the symptom scheme whose status decides: CANDIDATE — the customers
 * who described it ({@code describedBy}: its author, and those who described it by the same name since) alone see
 * and report it; APPROVED (by a moderator, or by use: {@code SymptomProposals}) — everyone; DEPRECATED
 * (rejected) — nobody may pick it any more. A symptom merged into another ({@code MERGED_INTO}) is gone for all: its
 * reports show the survivor. To anyone else an invisible symptom is exactly an unknown id.
 */
public final class SymptomVisibility {

    /** Cypher condition on {@code s:Symptom} for the customer {@code $viewerId} (null: nobody in particular). */
    public static final String VISIBLE = visibleTo("s", "$viewerId");

    /** {@link #VISIBLE} on the symptom variable {@code symptom} for the viewer in the Cypher expression {@code viewer}. */
    public static String visibleTo(String symptom, String viewer) {
        return """
                (NOT EXISTS { (%1$s)-[:MERGED_INTO]->() }
                 AND (%1$s.proposedBy IS NULL
                      OR EXISTS { (%1$s)-[:CLASSIFIED_AS]->(:Concept {status: 'APPROVED'}) }
                      OR (%2$s IN %1$s.describedBy AND EXISTS { (%1$s)-[:CLASSIFIED_AS]->(:Concept {status: 'CANDIDATE'}) })))"""
                .formatted(symptom, viewer);
    }

    /**
     * Cypher condition on {@code s:Symptom}: everyone sees it by name — seeded or imported, or a customer's approved. What
     * nobody in particular reads keeps to it: the search index (text, facets, highlights, shared symptoms), the public
     * taxonomy, notifications to others.
     */
    public static final String PUBLIC = "(s.proposedBy IS NULL OR EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept {status: 'APPROVED'}) })";

    /**
     * Cypher condition on {@code s:Symptom}, for where a symptom is already shown (a report's, a solution's symptoms):
     * public ones, and to the customers who described it ({@code $viewerId}) their own whatever its status, so an author
     * still sees a rejected symptom on their own report.
     *
     * <p>Others see such a report without that symptom, not as "a symptom not yet reviewed": its key is made from its
     * name ({@code proposed/…}), its id would let them follow it from report to report, and a placeholder says nothing
     * a peer can act on. The words are the author's until a moderator (or enough customers' use) makes them the
     * community's; the report's own title and text are what the author chose to share.
     */
    public static final String SHOWN = "(" + PUBLIC + " OR $viewerId IN s.describedBy)";

    /** {@link #SHOWN} with the viewer's id in the Cypher expression {@code viewer} rather than {@code $viewerId}. */
    public static String shownTo(String symptom, String viewer) {
        return ("(%1$s.proposedBy IS NULL OR EXISTS { (%1$s)-[:CLASSIFIED_AS]->(:Concept {status: 'APPROVED'}) } OR %2$s IN %1$s.describedBy)")
                .formatted(symptom, viewer);
    }

    /**
     * Cypher condition on a concept variable: anyone may see it in the taxonomy (its queries, SKOS export, the
     * concept a label resolves to) — every concept but a customer's symptom that is not approved (a candidate, or
     * rejected), whose label is its author's words. Moderators see them all.
     */
    public static String publicConcept(String concept) {
        return "(%1$s.origin IS NULL OR %1$s.origin <> 'CUSTOMER' OR %1$s.status = 'APPROVED')".formatted(concept);
    }

    private SymptomVisibility() {}
}
