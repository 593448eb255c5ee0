package io.peergraph.graph.notification;

import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * The persisted inbox: {@code :Notification} nodes, exactly one per (event, recipient), enforced by the
 * {@code notification_key} constraint on {@code key = seq:recipientId}. An event's entries are written together,
 * only if it has none yet, so a relay that retries a batch, or two instances relaying the same events, never write
 * one twice (a race between two instances ends in a refused, retried transaction). Unread entries also carry
 * the {@code :Unread} label, so "unread only" pages read their own index ({@code notification_unread}) instead of
 * skipping read ones. A recipient's entries are ordered by {@code seq}, the commit order of the events.
 */
public class Inbox {

    /**
     * Whether {@code n}'s subject is a private report that its recipient may not read (Visibility): not shared, not
     * theirs nor their organisation's, and they are not support staff (the :Support label of their latest token).
     * Declared before its users: built from Visibility when the class initialises, it is no compile-time constant.
     */
    private static final String HIDDEN = """
            OPTIONAL MATCH (r:Report {id: n.subjectId})
            WITH n, r IS NOT NULL AND NOT """ + Visibility.cypherSharedWithCustomers("r") + """

                    AND NOT EXISTS { MATCH (:Customer:Support {id: n.recipientId}) }
                    AND NOT EXISTS { MATCH (owner:Customer)-[:REPORTED]->(r) WHERE """
            + Visibility.cypherReadsAsOwner("owner", "n.recipientId") + """
             } AS hidden
            """;

    /**
     * Whether {@code n}'s detail names a symptom its recipient may not see now (SymptomVisibility.SHOWN): a customer's
     * symptom that was approved when they were told and whose approval was undone since, or that was rejected. The
     * name is the author's words again, so the detail is withheld (the subject and its title stay: what the event was
     * about is not the symptom's name). Follows {@link #HIDDEN}, whose {@code hidden} it carries on.
     */
    private static final String UNNAMED = """
            OPTIONAL MATCH (named:Symptom {id: n.symptomId})
            WITH n, hidden, named IS NOT NULL AND NOT """ + SymptomVisibility.shownTo("named", "n.recipientId") + """
             AS unnamed
            """;

    /**
     * Events that have inbox entries already (notification_seq index, one seek per event). An event's entries are
     * written in one transaction, so one entry means all of them.
     */
    private static final String DELIVERED = """
            UNWIND $seqs AS seq
            WITH seq WHERE EXISTS { MATCH (n:Notification) WHERE n.seq = seq }
            RETURN collect(seq) AS delivered
            """;

    /**
     * Writes the candidates their recipients want (a missing preferences node wants everything), for events with
     * no entries yet. CREATE, not MERGE: a relay on another instance writing the same event at the same moment
     * makes the notification_key constraint refuse this transaction, which is then retried and finds the event
     * delivered. Preferences are found by the notification_preferences_customer constraint.
     */
    private static final String DELIVER = """
            UNWIND $rows AS row
            OPTIONAL MATCH (p:NotificationPreferences {customerId: row.recipientId})
            WITH row, p WHERE """ + Inbox.wanted("row.kind") + """
            CREATE (n:Notification:Unread {key: row.key, id: row.id, recipientId: row.recipientId, seq: row.seq, kind: row.kind,
                    subjectId: row.subjectId, title: row.title, detail: row.detail, symptomId: row.symptomId, actorId: row.actorId,
                    eventAt: row.eventAt, createdAt: datetime.realtime(), read: false})
            RETURN count(n) AS created
            """;

    /**
     * A page of the recipient's inbox, newest first, before $before (a seq). Reads the notification_inbox (or
     * notification_unread) index in order. A report that became private since is withheld unless the recipient
     * may still read it (their own, or their organisation's).
     */
    private static final String PAGE = """
            MATCH (n:%s) WHERE n.recipientId = $recipientId AND n.seq < $before
            WITH n ORDER BY n.seq DESC LIMIT $size
            """ + Inbox.HIDDEN + Inbox.UNNAMED + """
            RETURN n {.*, hidden: hidden, unnamed: unnamed} AS n ORDER BY n.seq DESC
            """;

    /**
     * The recipient's notifications since a moment, grouped by kind, with the newest few of each (through the
     * notification_inbox index: the recipient's entries newest first, at most $limit).
     */
    private static final String DIGEST = """
            MATCH (n:Notification) WHERE n.recipientId = $recipientId AND n.seq > 0
            WITH n ORDER BY n.seq DESC LIMIT $limit
            WITH n WHERE n.createdAt >= $since
            """ + Inbox.HIDDEN + Inbox.UNNAMED + """
            WITH n.kind AS kind, collect(n {.*, hidden: hidden, unnamed: unnamed, unread: n:Unread}) AS entries
            RETURN kind, size(entries) AS count, size([e IN entries WHERE e.unread]) AS unread, entries[0..$latest] AS latest
            ORDER BY count DESC, kind
            """;

    /**
     * Whether the preferences {@code p} (null: none stored, every kind) want an entry of {@code kind} (a Cypher
     * expression): the one test every writer of inbox entries applies.
     */
    static String wanted(String kind) {
        return " (p IS NULL OR (%1$s IN p.kinds AND (NOT p.anomaliesOnly OR %1$s = 'MEASUREMENT_ANOMALY')))\n".formatted(kind);
    }

    private final Neo4jClient client;

    public Inbox(Neo4jClient client) {
        this.client = client;
    }

    /**
     * Writes the notifications in the caller's transaction, except those of events already delivered (a retry, a
     * replay, another instance); returns how many were written.
     */
    public long deliver(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return 0;
        }
        List<Long> seqs = candidates.stream().map(Candidate::seq).distinct().toList();
        java.util.Set<Long> delivered = client.query(DELIVERED).bind(seqs).to("seqs").fetch().one()
                .map(m -> ((List<?>) m.get("delivered")).stream().map(v -> ((Number) v).longValue()).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
        List<Map<String, Object>> rows = candidates.stream().filter(c -> !delivered.contains(c.seq())).map(c -> {
            Map<String, Object> row = new HashMap<>();
            row.put("key", c.key());
            row.put("id", PublicId.NOTIFICATION.fromKey(c.key()));
            row.put("recipientId", c.recipientId());
            row.put("seq", c.seq());
            row.put("kind", c.kind().name());
            row.put("subjectId", c.subjectId());
            row.put("title", c.title());
            row.put("detail", c.detail());
            row.put("actorId", c.actorId());
            row.put("symptomId", c.symptomId());
            row.put("eventAt", c.eventAt());
            return row;
        }).toList();
        if (rows.isEmpty()) {
            return 0;
        }
        return client.query(DELIVER).bind(rows).to("rows").fetchAs(Long.class).mappedBy((t, r) -> r.get("created").asLong())
                .one().orElse(0L);
    }

    /** Up to {@code size} entries older than {@code beforeSeq} (Long.MAX_VALUE for the newest), newest first. */
    public List<Notification> page(String recipientId, boolean unreadOnly, long beforeSeq, int size) {
        return List.copyOf(client.query(PAGE.formatted(unreadOnly ? "Unread" : "Notification"))
                .bindAll(Map.of("recipientId", recipientId, "before", beforeSeq, "size", size))
                .fetchAs(Notification.class).mappedBy((t, r) -> map(r.get("n"))).all());
    }

    public long unreadCount(String recipientId) {
        return client.query("MATCH (n:Unread) WHERE n.recipientId = $recipientId RETURN count(n) AS n")
                .bind(recipientId).to("recipientId").fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** Marks the recipient's notifications with these ids read (others' ids are ignored); returns how many changed. */
    public long markRead(String recipientId, Collection<String> ids) {
        return client.query("""
                        UNWIND $ids AS id
                        MATCH (n:Notification:Unread {id: id}) WHERE n.recipientId = $recipientId
                        SET n.read = true, n.readAt = datetime()
                        REMOVE n:Unread
                        RETURN count(n) AS n
                        """).bindAll(Map.of("recipientId", recipientId, "ids", List.copyOf(ids)))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** Marks every unread notification of the recipient read, through the notification_unread index. */
    public long markAllRead(String recipientId) {
        return client.query("""
                        MATCH (n:Unread) WHERE n.recipientId = $recipientId
                        SET n.read = true, n.readAt = datetime()
                        REMOVE n:Unread
                        RETURN count(n) AS n
                        """).bind(recipientId).to("recipientId")
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /**
     * Deletes entries read before {@code readBefore}, at most {@code limit} per call (one transaction's worth);
     * returns how many. Unread entries are kept whatever their age: the inbox is the record of what someone has
     * not seen yet. Finds them by the notification_read_at index.
     */
    public long pruneRead(java.time.ZonedDateTime readBefore, int limit) {
        return client.query("""
                        MATCH (n:Notification) WHERE n.readAt < $before
                        WITH n LIMIT $limit
                        DETACH DELETE n
                        RETURN count(*) AS n
                        """).bindAll(Map.of("before", readBefore, "limit", limit))
                .fetchAs(Long.class).mappedBy((t, r) -> r.get("n").asLong()).one().orElse(0L);
    }

    /** One kind's share of a digest. */
    public record DigestGroup(NotificationKind kind, int count, int unread, List<Notification> latest) {}

    /** A digest of what reached the recipient since {@code since} (at most the newest 1000 entries are read). */
    public List<DigestGroup> digest(String recipientId, java.time.ZonedDateTime since, int latest) {
        return List.copyOf(client.query(DIGEST).bindAll(Map.of("recipientId", recipientId, "since", since, "limit", 1000, "latest", latest))
                .fetchAs(DigestGroup.class).mappedBy((t, r) -> new DigestGroup(NotificationKind.valueOf(r.get("kind").asString()),
                        r.get("count").asInt(), r.get("unread").asInt(), r.get("latest").asList(Inbox::map))).all());
    }

    /**
     * What was written for these recipients for events in ({@code afterSeq}, {@code upToSeq}], in order: how an
     * instance finds what to push to the clients connected to it (notification_inbox index, one seek per recipient).
     */
    public List<Notification> writtenFor(Collection<String> recipientIds, long afterSeq, long upToSeq) {
        return List.copyOf(client.query("""
                        UNWIND $recipients AS recipient
                        MATCH (n:Notification) WHERE n.recipientId = recipient AND n.seq > $after AND n.seq <= $upTo
                        WITH n, false AS hidden
                        """ + UNNAMED + """
                        RETURN n {.*, hidden: hidden, unnamed: unnamed} AS n ORDER BY n.seq
                        """).bindAll(Map.of("recipients", List.copyOf(recipientIds), "after", afterSeq, "upTo", upToSeq))
                .fetchAs(Notification.class).mappedBy((t, r) -> map(r.get("n"))).all());
    }

    static Notification map(Value n) {
        boolean hidden = n.get("hidden").asBoolean(false);
        boolean unnamed = n.get("unnamed").asBoolean(false);
        return new Notification(n.get("id").asString(), n.get("recipientId").asString(), n.get("seq").asLong(),
                NotificationKind.valueOf(n.get("kind").asString()), n.get("subjectId").asString(null),
                hidden ? null : n.get("title").asString(null), hidden || unnamed ? null : n.get("detail").asString(null),
                n.get("actorId").asString(null), n.get("read").asBoolean(false), hidden, n.get("createdAt").asZonedDateTime(null));
    }
}
