package io.peergraph.graph.peers;

import io.peergraph.graph.facet.ItemRelation;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.Value;

/**
 * Re-signs the reports whose peer signature the taxonomy above them made stale: a signature holds the broader
 * symptoms and concepts of what a report shows ({@link PeerSignature#TERMS_OF_SYMPTOM}) and the concepts its
 * configuration's items are classified under ({@link PeerSignature#TERMS_OF_ITEM}), so whatever moves a concept,
 * classifies a symptom or an item that has reports, or links a symptom to a broader one calls this in its own
 * transaction.
 *
 * <p>Bounded changes (up to {@link #INLINE_LIMIT} reports) are re-signed in that transaction: the question sees the
 * change as soon as it commits. A wider one (moving a top concept touches tens of thousands of reports) records a
 * {@code :PeerResign} request in that transaction instead, naming the symptoms and items whose reports are stale, and
 * {@link #drain} re-signs them in batches of {@link #BATCH}, each batch in one transaction with the request's cursor
 * (report id) moved on, the request deleted with its last batch. So no work is lost: the request commits if and only
 * if the change does, and a crash repeats at most one batch; re-signing recomputes from the graph as it is then, so
 * repeating it, or two requests over the same reports, is harmless. Until the drain reaches a report it is found
 * under its old place in the taxonomy (docs/taxonomy.md).
 */
public final class SignatureResign {

    /** Reports re-signed in the changing transaction at most; a wider change is queued. */
    public static final int INLINE_LIMIT = 2_000;

    /** Reports per drain transaction. */
    public static final int BATCH = 2_000;

    // The symptoms whose terms hold one of the concepts: classified under it or under a narrower concept, within the
    // depth TERMS_OF_SYMPTOM walks up.
    private static final String SYMPTOMS_UNDER_CONCEPTS = """
            UNWIND $conceptIds AS conceptId
            MATCH (:Concept {id: conceptId})<-[:BROADER*0..8]-(:Concept)<-[:CLASSIFIED_AS]-(s:Symptom)
            RETURN collect(DISTINCT s.id) AS symptomIds
            """;

    // The items whose terms hold one of the concepts: classified under it or one level below, the depth
    // PeerSignature.TERMS_OF_ITEM walks up.
    private static final String ITEMS_UNDER_CONCEPTS = """
            UNWIND $conceptIds AS conceptId
            MATCH (:Concept {id: conceptId})<-[:BROADER*0..%d]-(:Concept)<-[:CLASSIFIED_AS]-(i:ConfigItem)
            RETURN collect(DISTINCT i.id) AS itemIds
            """.formatted(ItemRelation.CONCEPT_DEPTH);

    // The symptoms whose terms hold one of the symptoms by key: itself and its narrower ones.
    private static final String SYMPTOMS_UNDER_SYMPTOMS = """
            UNWIND $symptomIds AS symptomId
            MATCH (:Symptom {id: symptomId})<-[:BROADER*0..8]-(s:Symptom)
            RETURN collect(DISTINCT s.id) AS symptomIds
            """;

    // One more than the inline limit tells "too many" without counting a popular symptom's every report.
    private static final String REPORTS_SHOWING = """
            UNWIND $symptomIds AS symptomId
            MATCH (:Symptom {id: symptomId})<-[:SHOWS]-(r:Report)
            WITH DISTINCT r LIMIT $limit
            RETURN collect(r.id) AS reportIds
            """;

    // The same for reports on a configuration that includes one of the items.
    private static final String REPORTS_INCLUDING = """
            UNWIND $itemIds AS itemId
            MATCH (:ConfigItem {id: itemId})<-[:INCLUDES]-(:Configuration)<-[:ON]-(r:Report)
            WITH DISTINCT r LIMIT $limit
            RETURN collect(r.id) AS reportIds
            """;

    private static final String REQUEST = """
            CREATE (:PeerResign {symptomIds: $symptomIds, itemIds: $itemIds, after: '', requestedAt: datetime(), reason: $reason})
            """;

    // The oldest request first; SET takes its write lock, so two drains in parallel take turns on it and the second
    // reads the cursor the first moved on.
    private static final String NEXT_BATCH = """
            MATCH (q:PeerResign)
            WITH q ORDER BY q.requestedAt LIMIT 1
            SET q.drainedAt = datetime()
            WITH q
            CALL (q) {
              CALL (q) {
                UNWIND q.symptomIds AS symptomId
                MATCH (:Symptom {id: symptomId})<-[:SHOWS]-(r:Report)
                WHERE r.id > q.after
                RETURN r.id AS reportId
                UNION
                UNWIND coalesce(q.itemIds, []) AS itemId
                MATCH (:ConfigItem {id: itemId})<-[:INCLUDES]-(:Configuration)<-[:ON]-(r:Report)
                WHERE r.id > q.after
                RETURN r.id AS reportId
              }
              WITH reportId ORDER BY reportId LIMIT $batch
              RETURN collect(reportId) AS reportIds
            }
            RETURN elementId(q) AS request, reportIds
            """;

    private static final String ADVANCE = """
            MATCH (q:PeerResign) WHERE elementId(q) = $request
            CALL (q) {
              WITH q WHERE $last IS NULL
              DELETE q
            }
            CALL (q) {
              WITH q WHERE $last IS NOT NULL
              SET q.after = $last
            }
            """;

    private static final String PENDING = "MATCH (q:PeerResign) RETURN count(q) AS n";

    private SignatureResign() {}

    /**
     * After concepts' broader links or classifications changed: the reports under them (through the taxonomy), by the
     * symptoms they show and by the items of their configuration ({@link PeerSignature#TERMS_OF_ITEM}).
     */
    public static Outcome underConcepts(SimpleQueryRunner tx, Collection<String> conceptIds, String reason) {
        if (conceptIds.isEmpty()) {
            return Outcome.NONE;
        }
        Map<String, Object> p = Map.of("conceptIds", List.copyOf(conceptIds));
        return resign(tx, tx.run(SYMPTOMS_UNDER_CONCEPTS, p).single().get("symptomIds").asList(Value::asString),
                tx.run(ITEMS_UNDER_CONCEPTS, p).single().get("itemIds").asList(Value::asString), reason);
    }

    /** After these items' own terms changed (classified, reclassified): the reports on configurations that include them. */
    public static Outcome ofItems(SimpleQueryRunner tx, Collection<String> itemIds, String reason) {
        return resign(tx, List.of(), itemIds, reason);
    }

    /** After symptoms' broader symptoms (by key) changed: the reports showing them or a narrower one. */
    public static Outcome underSymptoms(SimpleQueryRunner tx, Collection<String> symptomIds, String reason) {
        return symptomIds.isEmpty() ? Outcome.NONE : ofSymptoms(tx, symptoms(tx, SYMPTOMS_UNDER_SYMPTOMS, "symptomIds", symptomIds), reason);
    }

    /** After these symptoms' own terms changed (classified, reclassified): the reports showing them. */
    public static Outcome ofSymptoms(SimpleQueryRunner tx, Collection<String> symptomIds, String reason) {
        return resign(tx, symptomIds, List.of(), reason);
    }

    private static Outcome resign(SimpleQueryRunner tx, Collection<String> symptomIds, Collection<String> itemIds, String reason) {
        if (symptomIds.isEmpty() && itemIds.isEmpty()) {
            return Outcome.NONE;
        }
        Set<String> reportIds = new HashSet<>();
        if (!symptomIds.isEmpty()) {
            reportIds.addAll(tx.run(REPORTS_SHOWING, Map.of("symptomIds", List.copyOf(symptomIds), "limit", INLINE_LIMIT + 1))
                    .single().get("reportIds").asList(Value::asString));
        }
        if (!itemIds.isEmpty() && reportIds.size() <= INLINE_LIMIT) {
            reportIds.addAll(tx.run(REPORTS_INCLUDING, Map.of("itemIds", List.copyOf(itemIds), "limit", INLINE_LIMIT + 1))
                    .single().get("reportIds").asList(Value::asString));
        }
        if (reportIds.isEmpty()) {
            return Outcome.NONE;
        }
        if (reportIds.size() <= INLINE_LIMIT) {
            PeerSignature.refresh(tx, reportIds);
            return new Outcome(reportIds.size(), false);
        }
        tx.run(REQUEST, Map.of("symptomIds", List.copyOf(symptomIds), "itemIds", List.copyOf(itemIds), "reason", reason)).consume();
        return new Outcome(reportIds.size(), true);
    }

    /**
     * Re-signs one batch of the oldest request, in one transaction with its cursor; returns how many reports it
     * re-signed, -1 when nothing is pending.
     */
    public static int drainBatch(Driver driver) {
        try (Session session = driver.session()) {
            return session.executeWrite(tx -> {
                var rows = tx.run(NEXT_BATCH, Map.of("batch", BATCH)).list();
                if (rows.isEmpty()) {
                    return -1;
                }
                String request = rows.getFirst().get("request").asString();
                List<String> reportIds = rows.getFirst().get("reportIds").asList(Value::asString);
                PeerSignature.refresh(tx, reportIds);
                Map<String, Object> p = new HashMap<>();
                p.put("request", request);
                p.put("last", reportIds.size() < BATCH ? null : reportIds.getLast());
                tx.run(ADVANCE, p).consume();
                return reportIds.size();
            });
        }
    }

    /** Drains every pending request; returns the reports re-signed. */
    public static long drain(Driver driver) {
        long total = 0;
        for (int n; (n = drainBatch(driver)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Requests not fully drained yet. */
    public static long pending(Driver driver) {
        try (Session session = driver.session()) {
            return session.run(PENDING).single().get("n").asLong();
        }
    }

    private static List<String> symptoms(SimpleQueryRunner tx, String cypher, String parameter, Collection<String> ids) {
        return tx.run(cypher, Map.of(parameter, List.copyOf(ids))).single().get("symptomIds").asList(Value::asString);
    }

    /** What a change cost: the reports re-signed in its transaction, or (queued) at least that many left to the drain. */
    public record Outcome(int reports, boolean queued) {
        static final Outcome NONE = new Outcome(0, false);
    }
}
