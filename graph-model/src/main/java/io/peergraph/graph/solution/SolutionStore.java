package io.peergraph.graph.solution;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.annotation.Transactional;

/** Solutions and the confirmations that rank them. */
public class SolutionStore {

    private static final String RETURN = """
            RETURN sol {.id, .title, .steps, .kind, .createdAt, proposerId: proposer.id,
                        symptomIds: [(sol)-[:SOLVES]->(s:Symptom) | s.id]} AS sol
            """;

    private final Neo4jClient client;

    public SolutionStore(Neo4jClient client) {
        this.client = client;
    }

    public record NewSolution(String proposerId, List<String> symptomIds, String title, String steps, Solution.Kind kind,
                              String triedOnReportId) {}

    @Transactional
    public Solution propose(NewSolution n) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", PublicId.SOLUTION.random());
        p.put("proposerId", n.proposerId());
        p.put("symptomIds", n.symptomIds());
        p.put("title", n.title());
        p.put("steps", n.steps());
        p.put("kind", n.kind().name());
        p.put("reportId", n.triedOnReportId());
        Solution proposed = client.query("""
                        MATCH (proposer:Customer {id: $proposerId})
                        CREATE (proposer)-[:PROPOSED]->(sol:Solution {id: $id, title: $title, steps: $steps, kind: $kind,
                                createdAt: datetime(), updatedAt: datetime()})
                        WITH proposer, sol
                        CALL (sol) { UNWIND $symptomIds AS symptomId MATCH (s:Symptom {id: symptomId}) CREATE (sol)-[:SOLVES]->(s) }
                        CALL (sol) { MATCH (r:Report {id: $reportId}) CREATE (r)-[:TRIED]->(sol) }
                        WITH proposer, sol
                        """ + RETURN).bindAll(p).fetchAs(Solution.class).mappedBy((t, r) -> map(r.get("sol"))).one().orElseThrow();
        Outbox.record(client, EventType.SolutionChanged, proposed.id(), Map.of("change", "proposed"));
        return proposed;
    }

    public Optional<Solution> byId(String id) {
        return client.query("MATCH (proposer:Customer)-[:PROPOSED]->(sol:Solution {id: $id}) " + RETURN).bind(id).to("id")
                .fetchAs(Solution.class).mappedBy((t, r) -> map(r.get("sol"))).one();
    }

    public List<Solution> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (proposer:Customer)-[:PROPOSED]->(sol:Solution {id: id}) " + RETURN)
                .bind(List.copyOf(ids)).to("ids").fetchAs(Solution.class).mappedBy((t, r) -> map(r.get("sol"))).all());
    }

    /** Everyone's confirmations per solution: the worked count kept on it (ConfirmationTotals) and its confirmations by degree. */
    public Map<String, ConfirmationCounts> confirmationCounts(Collection<String> ids) {
        var rows = client.query("""
                        UNWIND $ids AS id
                        MATCH (sol:Solution {id: id})
                        RETURN id, coalesce(sol.confirmationsWorked, 0) AS worked, COUNT { (sol)<-[:OF]-() } AS total
                        """).bind(List.copyOf(ids)).to("ids")
                .fetchAs(CountsOf.class).mappedBy((t, r) -> new CountsOf(r.get("id").asString(),
                        new ConfirmationCounts(r.get("worked").asInt(), r.get("total").asInt()))).all();
        Map<String, ConfirmationCounts> out = new HashMap<>();
        rows.forEach(row -> out.put(row.solutionId(), row.counts()));
        return out;
    }

    /** How many confirmed that a solution worked, of how many confirmations in all. */
    public record ConfirmationCounts(int worked, int total) {
        public static final ConfirmationCounts NONE = new ConfirmationCounts(0, 0);
    }

    /** One row of {@link #confirmationCounts}. */
    private record CountsOf(String solutionId, ConfirmationCounts counts) {}

    /**
     * Records that the solution worked (or not) for the customer on that configuration. One confirmation per
     * customer, solution and configuration: confirming again changes the verdict instead of voting twice. A null
     * {@code note} keeps the note given before (a second confirmation without one does not erase it); see
     * {@link #confirm(String, String, String, boolean, String, boolean)} to remove it.
     */
    @Transactional
    public Confirmation confirm(String customerId, String solutionId, String configurationId, boolean worked, String note) {
        return confirm(customerId, solutionId, configurationId, worked, note, false);
    }

    /** As above; with {@code removeNote}, the confirmation has no note afterwards (whatever {@code note} says). */
    @Transactional
    public Confirmation confirm(String customerId, String solutionId, String configurationId, boolean worked, String note,
                                boolean removeNote) {
        Map<String, Object> p = new HashMap<>();
        p.put("customerId", customerId);
        p.put("solutionId", solutionId);
        p.put("configurationId", configurationId);
        p.put("worked", worked);
        p.put("note", removeNote ? null : note);
        p.put("keepNote", note == null && !removeNote);
        p.put("id", PublicId.CONFIRMATION.fromKey(customerId + "|" + solutionId + "|" + configurationId));
        // The solution's totals (ConfirmationTotals): locked, the confirmation as it was taken out, counted as it is now.
        Confirmation confirmation = client.query("""
                        MATCH (c:Customer {id: $customerId}), (sol:Solution {id: $solutionId}), (cfg:Configuration {id: $configurationId})
                        """ + ConfirmationTotals.lock("sol") + """
                        WITH c, sol, cfg
                        OPTIONAL MATCH (prior:Confirmation {id: $id})
                        """ + ConfirmationTotals.uncount("sol", "prior") + """
                        WITH c, sol, cfg
                        MERGE (cf:Confirmation {id: $id})
                        ON CREATE SET cf.createdAt = datetime()
                        SET cf.worked = $worked, cf.note = CASE WHEN $keepNote THEN cf.note ELSE $note END, cf.at = datetime(),
                            cf.updatedAt = datetime()
                        MERGE (c)-[:CONFIRMED]->(cf)
                        MERGE (cf)-[:OF]->(sol)
                        MERGE (cf)-[:WITH]->(cfg)
                        """ + ConfirmationTotals.count("sol", "cf") + """
                        RETURN cf {.id, .worked, .note, .at, customerId: c.id, solutionId: sol.id, configurationId: cfg.id} AS cf
                        """).bindAll(p).fetchAs(Confirmation.class).mappedBy((t, r) -> mapConfirmation(r.get("cf"))).one().orElseThrow();
        Outbox.record(client, EventType.ConfirmationRecorded, solutionId,
                Map.of("confirmationId", confirmation.id(), "worked", String.valueOf(worked)));
        return confirmation;
    }

    /** The customer's confirmations, newest first, at most {@code limit}. */
    public List<Confirmation> confirmationsBy(String customerId, int limit) {
        return List.copyOf(client.query("""
                        MATCH (c:Customer {id: $customerId})-[:CONFIRMED]->(cf:Confirmation)-[:OF]->(sol:Solution),
                              (cf)-[:WITH]->(cfg:Configuration)
                        RETURN cf {.id, .worked, .note, .at, customerId: c.id, solutionId: sol.id, configurationId: cfg.id} AS cf
                        ORDER BY cf.at DESC, cf.id LIMIT $limit
                        """).bindAll(Map.of("customerId", customerId, "limit", limit))
                .fetchAs(Confirmation.class).mappedBy((t, r) -> mapConfirmation(r.get("cf"))).all());
    }

    /** Maps {@code cf {.id, .worked, .note, .at, customerId, solutionId, configurationId}} (also used by the customer history). */
    public static Confirmation mapConfirmation(Value c) {
        return new Confirmation(c.get("id").asString(), c.get("customerId").asString(), c.get("solutionId").asString(),
                c.get("configurationId").asString(null), c.get("worked").asBoolean(), c.get("note").asString(null), c.get("at").asZonedDateTime(null));
    }

    /** A solution from a map with the fields this class returns (peersWithSymptom builds the same map). */
    public static Solution map(Value s) {
        return new Solution(s.get("id").asString(), s.get("proposerId").asString(), s.get("symptomIds").asList(Value::asString),
                s.get("title").asString(), s.get("steps").asString(null), Solution.Kind.valueOf(s.get("kind").asString("OTHER")),
                s.get("createdAt").asZonedDateTime(null));
    }
}
