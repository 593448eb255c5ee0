package io.peergraph.graph.history;

import io.peergraph.graph.paging.PageRequest;
import io.peergraph.graph.report.Interaction;
import io.peergraph.graph.report.ReportStore;
import io.peergraph.graph.solution.Confirmation;
import io.peergraph.graph.solution.SolutionStore;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Everything a customer did and everything that happened on their cases, newest first, read from the graph
 * (never the search index, which may lag). Keyset-paged on (time, id), so a cursor stays valid while new events
 * arrive.
 */
public class CustomerHistory {

    /**
     * One branch per kind: where the events are (from the customer {@code c}, bound to {@code n}), their time, the
     * case they belong to and what is carried whole. Only the customer's own relationships are walked (OWNS,
     * REPORTED, HAS_INTERACTION, PROPOSED, CONFIRMED), never a label scan.
     */
    private record Branch(HistoryEntry.Kind kind, String match, String time, String reportId, String detail) {
        String cypher() {
            return """
                    MATCH %s WHERE '%s' IN $kinds
                    WITH *, %s AS at
                    WHERE $afterId IS NULL OR at.epochMillis < $afterTime OR (at.epochMillis = $afterTime AND n.id < $afterId)
                    RETURN '%s' AS kind, n.id AS id, at, at.epochMillis AS t, %s AS reportId, %s AS detail
                    ORDER BY t DESC, id DESC LIMIT $size
                    """.formatted(match, kind, time, kind, reportId, detail);
        }
    }

    private static final List<Branch> BRANCHES = List.of(
            new Branch(HistoryEntry.Kind.ITEM_ADDED, "(c)-[:OWNS]->(n:Item)", "n.createdAt", "null", "null"),
            new Branch(HistoryEntry.Kind.CONFIGURATION_CREATED, "(c)-[:OWNS]->(n:Configuration)", "n.createdAt", "null", "null"),
            new Branch(HistoryEntry.Kind.REPORTED, "(c)-[:REPORTED]->(n:Report)", "n.createdAt", "n.id", "null"),
            new Branch(HistoryEntry.Kind.INTERACTION, "(c)-[:REPORTED]->(r:Report)-[:HAS_INTERACTION]->(n:Interaction)", "n.at", "r.id",
                    "n {.id, .channel, .direction, .text, .outcome, .at, reportId: r.id}"),
            new Branch(HistoryEntry.Kind.SOLUTION_PROPOSED, "(c)-[:PROPOSED]->(n:Solution)", "n.createdAt", "null", "null"),
            new Branch(HistoryEntry.Kind.CONFIRMED, "(c)-[:CONFIRMED]->(n:Confirmation)-[:OF]->(sol:Solution)", "n.at", "null",
                    "n {.id, .worked, .note, .at, customerId: c.id, solutionId: sol.id, "
                            + "configurationId: head([(n)-[:WITH]->(cfg:Configuration) | cfg.id])}"));

    /**
     * Starts at the customer (customer_id constraint); each branch is filtered by the keyset and cut to the page
     * size before the union is sorted, so a page sorts at most six pages' worth of rows.
     */
    static final String PAGE = """
            MATCH (c:Customer {id: $customerId})
            CALL (c) {
            %s}
            RETURN kind, id, at, reportId, detail
            ORDER BY t DESC, id DESC LIMIT $size
            """.formatted(String.join("UNION ALL\n", BRANCHES.stream().map(Branch::cypher).toList()));

    private final Neo4jClient client;

    public CustomerHistory(Neo4jClient client) {
        this.client = client;
    }

    /** A keyset page of the customer's history (newest first), of the given kinds (all when empty). */
    public List<HistoryEntry> page(String customerId, Collection<HistoryEntry.Kind> kinds, PageRequest page) {
        Map<String, Object> p = new HashMap<>();
        p.put("customerId", customerId);
        p.put("kinds", (kinds == null || kinds.isEmpty() ? EnumSet.allOf(HistoryEntry.Kind.class) : kinds).stream().map(Enum::name).toList());
        p.put("afterTime", page.afterTime());
        p.put("afterId", page.afterId());
        p.put("size", page.size());
        return List.copyOf(client.query(PAGE).bindAll(p).fetchAs(HistoryEntry.class).mappedBy((t, r) -> map(r)).all());
    }

    private static HistoryEntry map(org.neo4j.driver.Record r) {
        HistoryEntry.Kind kind = HistoryEntry.Kind.valueOf(r.get("kind").asString());
        Value detail = r.get("detail");
        Interaction interaction = kind == HistoryEntry.Kind.INTERACTION ? ReportStore.mapInteraction(detail) : null;
        Confirmation confirmation = kind == HistoryEntry.Kind.CONFIRMED ? SolutionStore.mapConfirmation(detail) : null;
        return new HistoryEntry(kind, r.get("at").asZonedDateTime(), r.get("id").asString(), r.get("reportId").asString(null),
                interaction, confirmation);
    }
}
