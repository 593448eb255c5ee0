package io.peergraph.graph.report;

import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.outbox.EventType;
import io.peergraph.graph.outbox.Outbox;
import io.peergraph.graph.paging.PageRequest;
import io.peergraph.graph.peers.PeerSignature;
import io.peergraph.graph.stuff.Privacy;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.annotation.Transactional;

/** Reports (cases) and their interactions. Every write re-signs the report for peer search in the same transaction. */
public class ReportStore {

    private static final String RETURN = """
            RETURN r {.id, .title, .text, .status, .privacy, .occurredAt, .createdAt, .updatedAt, ownerId: owner.id,
                      configurationId: head([(r)-[:ON]->(cfg:Configuration) | cfg.id]),
                      productId: head([(r)-[:ABOUT]->(p:Product) | p.id]),
                      symptomIds: [(r)-[:SHOWS]->(s:Symptom) | s.id]} AS r
            """;

    private final Neo4jClient client;

    public ReportStore(Neo4jClient client) {
        this.client = client;
    }

    public record NewReport(String ownerId, String configurationId, String productId, List<String> symptomIds,
                            String title, String text, Privacy privacy, ZonedDateTime occurredAt) {}

    @Transactional
    public Report create(NewReport n) {
        String id = PublicId.REPORT.random();
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("ownerId", n.ownerId());
        p.put("configurationId", n.configurationId());
        p.put("productId", n.productId());
        p.put("symptomIds", n.symptomIds());
        p.put("title", n.title());
        p.put("text", n.text());
        p.put("privacy", n.privacy().name());
        p.put("occurredAt", n.occurredAt());
        client.query("""
                MATCH (owner:Customer {id: $ownerId}), (cfg:Configuration {id: $configurationId})
                CREATE (owner)-[:REPORTED]->(r:Report {id: $id, title: $title, text: $text, status: 'OPEN', privacy: $privacy,
                        occurredAt: coalesce($occurredAt, datetime()), createdAt: datetime(), updatedAt: datetime()})-[:ON]->(cfg)
                WITH r
                CALL (r) { MATCH (p:Product {id: $productId}) CREATE (r)-[:ABOUT]->(p) }
                CALL (r) { UNWIND $symptomIds AS symptomId MATCH (s:Symptom {id: symptomId}) CREATE (r)-[:SHOWS]->(s) }
                """).bindAll(p).run();
        PeerSignature.refresh(client, List.of(id));
        Outbox.record(client, EventType.ReportChanged, id, Map.of("change", "created"));
        return byId(id).orElseThrow();
    }

    public record ReportChange(String title, String text, Report.Status status, Privacy privacy) {}

    @Transactional
    public Report update(String id, ReportChange c) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("title", c.title());
        p.put("text", c.text());
        p.put("status", c.status() == null ? null : c.status().name());
        p.put("privacy", c.privacy() == null ? null : c.privacy().name());
        client.query("""
                MATCH (r:Report {id: $id})
                SET r.title = coalesce($title, r.title), r.text = coalesce($text, r.text), r.status = coalesce($status, r.status),
                    r.privacy = coalesce($privacy, r.privacy), r.updatedAt = datetime()
                """).bindAll(p).run();
        PeerSignature.refresh(client, List.of(id));
        Outbox.record(client, EventType.ReportChanged, id, Map.of("change", "updated"));
        return byId(id).orElseThrow();
    }

    public Optional<Report> byId(String id) {
        return client.query("MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: $id}) " + RETURN).bind(id).to("id")
                .fetchAs(Report.class).mappedBy((t, r) -> map(r.get("r"))).one();
    }

    public List<Report> byIds(Collection<String> ids) {
        return List.copyOf(client.query("UNWIND $ids AS id MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: id}) " + RETURN)
                .bind(List.copyOf(ids)).to("ids").fetchAs(Report.class).mappedBy((t, r) -> map(r.get("r"))).all());
    }

    /** A keyset page of the owner's reports, newest first. */
    public List<Report> byOwner(String ownerId, PageRequest page) {
        Map<String, Object> p = new HashMap<>();
        p.put("ownerId", ownerId);
        p.put("afterTime", page.afterTime());
        p.put("afterId", page.afterId());
        p.put("size", page.size());
        return List.copyOf(client.query("""
                        MATCH (owner:Customer {id: $ownerId})-[:REPORTED]->(r:Report)
                        WITH owner, r, r.createdAt.epochMillis AS t
                        WHERE $afterId IS NULL OR t < $afterTime OR (t = $afterTime AND r.id < $afterId)
                        WITH owner, r ORDER BY r.createdAt DESC, r.id DESC LIMIT $size
                        """ + RETURN).bindAll(p).fetchAs(Report.class).mappedBy((t, r) -> map(r.get("r"))).all());
    }

    /** An interaction whose author is not known (imports): nobody is spared the notification about it. */
    @Transactional
    public Interaction addInteraction(String reportId, Interaction.Channel channel, Interaction.Direction direction,
                                      String text, String outcome) {
        return addInteraction(reportId, channel, direction, text, outcome, null);
    }

    /** {@code actorId} is who added it: the report's owner is not notified about their own interactions. */
    @Transactional
    public Interaction addInteraction(String reportId, Interaction.Channel channel, Interaction.Direction direction,
                                      String text, String outcome, String actorId) {
        Map<String, Object> p = new HashMap<>();
        p.put("reportId", reportId);
        p.put("id", PublicId.INTERACTION.random());
        p.put("channel", channel.name());
        p.put("direction", direction.name());
        p.put("text", text);
        p.put("outcome", outcome);
        Interaction added = client.query("""
                        MATCH (r:Report {id: $reportId})
                        CREATE (r)-[:HAS_INTERACTION]->(i:Interaction {id: $id, channel: $channel, direction: $direction,
                                text: $text, outcome: $outcome, at: datetime(), createdAt: datetime(), updatedAt: datetime()})
                        SET r.updatedAt = datetime()
                        RETURN i {.*, reportId: r.id} AS i
                        """).bindAll(p).fetchAs(Interaction.class).mappedBy((t, r) -> mapInteraction(r.get("i"))).one().orElseThrow();
        Map<String, String> payload = new HashMap<>();
        payload.put("interactionId", added.id());
        payload.put("channel", channel.name());
        payload.put("actorId", actorId);
        Outbox.record(client, EventType.InteractionAdded, reportId, payload);
        return added;
    }

    /** Interactions per report, oldest first (one query for a whole batch of reports). */
    public Map<String, List<Interaction>> interactions(Collection<String> reportIds) {
        var rows = client.query("""
                        UNWIND $ids AS id
                        MATCH (r:Report {id: id})-[:HAS_INTERACTION]->(i:Interaction)
                        RETURN i {.*, reportId: r.id} AS i ORDER BY i.at, i.id
                        """).bind(List.copyOf(reportIds)).to("ids")
                .fetchAs(Interaction.class).mappedBy((t, r) -> mapInteraction(r.get("i"))).all();
        Map<String, List<Interaction>> out = new HashMap<>();
        reportIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        rows.forEach(i -> out.get(i.reportId()).add(i));
        return out;
    }

    /** Maps {@code i {.*, reportId}} (also used by the customer history). */
    public static Interaction mapInteraction(Value i) {
        return new Interaction(i.get("id").asString(), i.get("reportId").asString(), Interaction.Channel.valueOf(i.get("channel").asString()),
                Interaction.Direction.valueOf(i.get("direction").asString("INBOUND")), i.get("text").asString(null),
                i.get("outcome").asString(null), i.get("at").asZonedDateTime(null));
    }

    static Report map(Value r) {
        return new Report(r.get("id").asString(), r.get("ownerId").asString(), r.get("configurationId").asString(null),
                r.get("productId").asString(null), r.get("symptomIds").asList(Value::asString), r.get("title").asString(null),
                r.get("text").asString(null), Report.Status.valueOf(r.get("status").asString("OPEN")),
                Privacy.valueOf(r.get("privacy").asString("COMMUNITY")), r.get("occurredAt").asZonedDateTime(null),
                r.get("createdAt").asZonedDateTime(null), r.get("updatedAt").asZonedDateTime(null));
    }
}
