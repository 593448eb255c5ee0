package io.peergraph.graph.taxonomy.curation;

import static io.peergraph.graph.taxonomy.curation.ConceptEdits.conflict;
import static io.peergraph.graph.taxonomy.curation.ConceptEdits.invalid;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeConcepts;
import io.peergraph.graph.taxonomy.curation.CurationCommand.MergeSymptoms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * Curation of the symptoms customers described: merging one into an existing symptom moves what shows it. The
 * moved reports and solutions are captured whole in the change's snapshot (their SHOWS / SOLVES links are tracked),
 * so an undo puts each back on the customer's symptom; the target symptom is not captured (its other reports are not
 * the change's), so reporting it meanwhile does not block the undo.
 */
final class SymptomEdits {

    /** Reports and solutions one merge moves at most: each is captured for the undo. */
    static final int MOVE_LIMIT = 1_000;

    private static final String SHOWING = """
            MATCH (s:Symptom {id: $id})
            CALL (s) {
              MATCH (r:Report)-[:SHOWS]->(s) RETURN r.id AS thing, 'report' AS kind
              UNION
              MATCH (sol:Solution)-[:SOLVES]->(s) RETURN sol.id AS thing, 'solution' AS kind
            }
            RETURN thing, kind LIMIT $limit
            """;

    private static final String FOLD = """
            MATCH (s:Symptom {id: $source}), (t:Symptom {id: $target})
            CALL (s, t) {
              MATCH (x:Report)-[r:SHOWS]->(s)
              MERGE (x)-[:SHOWS]->(t)
              DELETE r
            }
            CALL (s, t) {
              MATCH (x:Solution)-[r:SOLVES]->(s)
              MERGE (x)-[:SOLVES]->(t)
              DELETE r
            }
            CREATE (s)-[:MERGED_INTO {at: $now, by: $by}]->(t)
            SET s.updatedAt = $now
            """;

    // The customers' symptoms classified as the concept, not merged yet; and the symptom that stands for the other
    // concept: its own (notation = key) first, else one everyone may report.
    private static final String PROPOSED_OF = """
            MATCH (:Concept {id: $concept})<-[:CLASSIFIED_AS]-(s:Symptom)
            WHERE s.proposedBy IS NOT NULL AND NOT EXISTS { (s)-[:MERGED_INTO]->() }
            RETURN s.id AS id ORDER BY id
            """;

    private static final String STANDING_FOR = """
            MATCH (c:Concept {id: $concept})<-[:CLASSIFIED_AS]-(s:Symptom)
            WHERE NOT EXISTS { (s)-[:MERGED_INTO]->() } AND (s.proposedBy IS NULL OR c.status = 'APPROVED')
            RETURN s.id AS id ORDER BY s.key = c.notation DESC, s.proposedBy IS NULL DESC, s.key LIMIT 1
            """;

    private SymptomEdits() {}

    static Optional<Rejection> merge(EditContext ctx, MergeSymptoms cmd) {
        Optional<SymptomNode> foundSource = ctx.symptom(cmd.sourceSymptomId());
        Optional<SymptomNode> foundTarget = ctx.symptom(cmd.targetSymptomId());
        if (foundSource.isEmpty()) {
            return Optional.of(new Rejection.NotFound("symptom", cmd.sourceSymptomId()));
        }
        if (foundTarget.isEmpty()) {
            return Optional.of(new Rejection.NotFound("symptom", cmd.targetSymptomId()));
        }
        SymptomNode source = foundSource.get();
        SymptomNode target = foundTarget.get();
        if (source.id().equals(target.id())) {
            return invalid("A symptom cannot be merged into itself");
        }
        if (source.proposedBy() == null) {
            return invalid(source.displayName() + " is not a symptom a customer described; merge its concept instead");
        }
        if (source.mergedInto() != null) {
            return conflict(source.displayName() + " is already merged");
        }
        if (!target.everyones()) {
            return invalid(target.displayName() + " is not a symptom everyone may report; merge into an approved one");
        }
        Optional<Rejection> folded = fold(ctx, source, target);
        if (folded.isPresent()) {
            return folded;
        }
        if (source.conceptIri() == null || source.conceptIri().equals(target.conceptIri())) {
            return Optional.empty(); // no concept of its own (any more: a merge of concepts may have moved it to the target's)
        }
        if (target.conceptIri() != null) {
            return ConceptEdits.mergeConcepts(ctx, new MergeConcepts(source.conceptIri(), target.conceptIri()));
        }
        ConceptNode concept = ctx.concept(source.conceptIri()).orElseThrow();
        if (!concept.deprecated()) {
            ConceptEdits.retire(ctx, concept, null, "merged into the symptom " + target.displayName());
        }
        return Optional.empty();
    }

    /**
     * Before the concept {@code sourceConceptId} merges into {@code targetConceptId}: the customers' symptoms
     * classified as the source join the symptom standing for the target, if there is one (else they stay, now
     * classified under an approved concept, as synonyms everyone may report).
     */
    static Optional<Rejection> foldProposed(EditContext ctx, String sourceConceptId, String targetConceptId) {
        List<String> proposed = ctx.tx.run(PROPOSED_OF, Map.of("concept", sourceConceptId)).list(r -> r.get("id").asString());
        if (proposed.isEmpty()) {
            return Optional.empty();
        }
        List<Record> standing = ctx.tx.run(STANDING_FOR, Map.of("concept", targetConceptId)).list();
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        SymptomNode target = ctx.symptom(standing.getFirst().get("id").asString()).orElseThrow();
        for (String id : proposed) {
            Optional<Rejection> folded = fold(ctx, ctx.symptom(id).orElseThrow(), target);
            if (folded.isPresent()) {
                return folded;
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> fold(EditContext ctx, SymptomNode source, SymptomNode target) {
        List<Record> showing = ctx.tx.run(SHOWING, Map.of("id", source.id(), "limit", MOVE_LIMIT + 1)).list();
        if (showing.size() > MOVE_LIMIT) {
            return conflict(source.displayName() + " is on more than " + MOVE_LIMIT + " reports and solutions; too many to move in one change");
        }
        List<String> reports = new ArrayList<>();
        List<String> solutions = new ArrayList<>();
        showing.forEach(r -> ("report".equals(r.get("kind").asString()) ? reports : solutions).add(r.get("thing").asString()));
        ctx.touch(source.id());
        ctx.touch(reports);
        ctx.touch(solutions);
        ctx.tx.run(FOLD, Map.of("source", source.id(), "target", target.id(), "now", ctx.now, "by", ctx.moderatorId)).consume();
        PeerSignature.refresh(ctx.tx, reports); // bounded above: what a report shows is in its signature
        reindex(ctx.tx, reports, solutions);
        return Optional.empty();
    }

    /**
     * After an undo put these nodes back: the reports among them are re-signed (they show their own symptom again,
     * whether or not the undo moved a concept) and, with the solutions, re-indexed for search. Bounded as a merge is.
     */
    static void restored(SimpleQueryRunner tx, Collection<String> ids) {
        List<String> reports = ids.stream().filter(PublicId.REPORT::matches).toList();
        PeerSignature.refresh(tx, reports);
        reindex(tx, reports, ids.stream().filter(PublicId.SOLUTION::matches).toList());
    }

    // Concept ids (unique constraint concept_id), then each customer's symptom classified as one of them.
    private static final String SHOWING_CUSTOMERS_SYMPTOMS = """
            MATCH (c:Concept) WHERE c.id IN $ids AND c.origin = 'CUSTOMER'
            MATCH (c)<-[:CLASSIFIED_AS]-(s:Symptom) WHERE s.proposedBy IS NOT NULL
            RETURN [(r:Report)-[:SHOWS]->(s) | r.id] AS reports, [(sol:Solution)-[:SOLVES]->(s) | sol.id] AS solutions
            """;

    /**
     * After a change to these concepts (an approval, a rejection, their undo): the reports and solutions of the
     * customers' symptoms among them are re-indexed, since search holds a customer's symptom only once it is public
     * ({@code SymptomVisibility.PUBLIC}). A customer's symptom has the reports of the few customers who used it.
     */
    static void visibilityMayHaveChanged(SimpleQueryRunner tx, Collection<String> conceptIds) {
        List<String> reports = new ArrayList<>();
        List<String> solutions = new ArrayList<>();
        tx.run(SHOWING_CUSTOMERS_SYMPTOMS, Map.of("ids", List.copyOf(conceptIds))).forEachRemaining(r -> {
            reports.addAll(r.get("reports").asList(Value::asString));
            solutions.addAll(r.get("solutions").asList(Value::asString));
        });
        if (!reports.isEmpty()) {
            Outbox.recordAll(tx, EventType.ReportChanged, reports, Map.of("change", "symptom reviewed"));
        }
        if (!solutions.isEmpty()) {
            Outbox.recordAll(tx, EventType.SolutionChanged, solutions, Map.of("change", "symptom reviewed"));
        }
    }

    private static void reindex(SimpleQueryRunner tx, List<String> reports, List<String> solutions) {
        if (!reports.isEmpty()) {
            Outbox.recordAll(tx, EventType.ReportChanged, reports, Map.of("change", "symptom merged"));
        }
        if (!solutions.isEmpty()) {
            Outbox.recordAll(tx, EventType.SolutionChanged, solutions, Map.of("change", "symptom merged"));
        }
    }
}
