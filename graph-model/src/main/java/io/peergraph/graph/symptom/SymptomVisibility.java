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
    public static final String VISIBLE = """
            (NOT EXISTS { (s)-[:MERGED_INTO]->() }
             AND (s.proposedBy IS NULL
                  OR EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept {status: 'APPROVED'}) }
                  OR ($viewerId IN s.describedBy AND EXISTS { (s)-[:CLASSIFIED_AS]->(:Concept {status: 'CANDIDATE'}) })))""";

    private SymptomVisibility() {}
}
