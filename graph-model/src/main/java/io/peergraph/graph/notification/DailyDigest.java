package io.peergraph.graph.notification;

import io.peergraph.graph.id.PublicId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily digests: for every customer who wants one, the notifications of a day that are in no digest yet become
 * one {@link NotificationKind#DAILY_DIGEST} inbox entry (counts by kind, how many are still unread), and the
 * entries it covers are marked with its key. What a mailer sends is that entry and the day's entries behind it.
 *
 * <p>Idempotent and safe on several instances: the digest has the natural key {@code digest:<day>:<recipient>}
 * (notification_key constraint, MERGE), only a day that is over is digested (so no entry of it can arrive
 * later), and the covered entries are marked in the same transaction, so a second run finds nothing to add.
 * Each recipient is one transaction. A digest takes a sequence number from the outbox counter (a gap in the
 * event sequence, which consumers skip), so it sorts after what it summarises and pages stay strictly ordered.
 */
public class DailyDigest {

    /**
     * Who wants a digest: stored preferences with the DIGEST channel, or no stored preferences and a staff role
     * whose defaults include it (labels recorded by CustomerStore.recordStaffRoles). Reads preference nodes and
     * the staff labels, never all customers.
     */
    private static final String RECIPIENTS = """
            CALL () {
              MATCH (p:NotificationPreferences) WHERE 'DIGEST' IN p.channels RETURN p.customerId AS id
              UNION
              MATCH (c:Moderator) WHERE NOT EXISTS { (c)-[:PREFERS]->() } RETURN c.id AS id
              UNION
              MATCH (c:Support) WHERE NOT EXISTS { (c)-[:PREFERS]->() } RETURN c.id AS id
              UNION
              MATCH (c:Admin) WHERE NOT EXISTS { (c)-[:PREFERS]->() } RETURN c.id AS id
            }
            RETURN id ORDER BY id
            """;

    /**
     * One recipient's digest of [$from, $to): their newest entries through the notification_inbox index (at most
     * $limit), those of the day in no digest yet, summarised in one entry that MERGEs on its key.
     */
    private static final String DIGEST = """
            MATCH (n:Notification) WHERE n.recipientId = $recipientId AND n.seq > 0
            WITH n ORDER BY n.seq DESC LIMIT $limit
            WITH n WHERE n.createdAt >= $from AND n.createdAt < $to AND n.digest IS NULL AND n.kind <> 'DAILY_DIGEST'
            WITH collect(n) AS entries WHERE size(entries) > 0
            CALL (entries) {
              UNWIND entries AS e
              WITH e.kind AS kind, count(*) AS n ORDER BY n DESC, kind
              RETURN collect(n + ' ' + toLower(replace(kind, '_', ' '))) AS parts
            }
            MERGE (counter:OutboxCounter {name: 'outbox'})
            ON CREATE SET counter.seq = 0
            SET counter.seq = counter.seq + 1
            WITH entries, parts, counter.seq AS seq
            MERGE (d:Notification {key: $key})
            ON CREATE SET d.id = $id, d.recipientId = $recipientId, d.seq = seq, d.kind = 'DAILY_DIGEST',
                          d.title = 'Your digest for ' + $day,
                          d.detail = size(entries) + ' notifications, ' + size([e IN entries WHERE e:Unread]) + ' unread: '
                                     + reduce(s = '', p IN parts | s + CASE WHEN s = '' THEN '' ELSE ', ' END + p),
                          d.covers = size(entries), d.eventAt = datetime(), d.createdAt = datetime.realtime(),
                          d.read = false, d:Unread
            FOREACH (e IN entries | SET e.digest = $key)
            RETURN d.id AS id
            """;

    /** Entries read by one recipient are far fewer than this in a day; it bounds the read of a runaway inbox. */
    private static final int MAX_ENTRIES_PER_DAY = 10_000;

    private final Neo4jClient client;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DailyDigest(Neo4jClient client, TransactionTemplate tx, Clock clock) {
        this.client = client;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one run did. */
    public record Result(LocalDate day, int recipients, int digests) {}

    /** Digests the day (midnight to midnight in {@code zone}) for everyone who wants one; the day must be over. */
    public Result deliver(LocalDate day, ZoneId zone) {
        ZonedDateTime from = day.atStartOfDay(zone);
        ZonedDateTime to = day.plusDays(1).atStartOfDay(zone);
        if (to.toInstant().isAfter(clock.instant())) {
            throw new IllegalArgumentException("the day " + day + " is not over yet in " + zone);
        }
        List<String> recipients = List.copyOf(client.query(RECIPIENTS).fetchAs(String.class)
                .mappedBy((t, r) -> r.get("id").asString()).all());
        int digests = 0;
        for (String recipient : recipients) {
            String key = "digest:" + day + ":" + recipient;
            Map<String, Object> params = Map.of("recipientId", recipient, "from", from, "to", to, "limit", MAX_ENTRIES_PER_DAY,
                    "key", key, "id", PublicId.NOTIFICATION.fromKey(key), "day", day.toString());
            boolean written = Boolean.TRUE.equals(tx.execute(status -> client.query(DIGEST).bindAll(params).fetch().one().isPresent()));
            if (written) {
                digests++;
            }
        }
        return new Result(day, recipients.size(), digests);
    }

    /**
     * The digests of the last {@code days} days that are over, oldest first: what the daily schedule runs, so a
     * run missed (every instance down at the time) is made up the next day; days done already add nothing.
     */
    public List<Result> catchUp(ZoneId zone, int days) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return java.util.stream.IntStream.rangeClosed(1, days).map(i -> days + 1 - i)
                .mapToObj(back -> deliver(today.minusDays(back), zone)).toList();
    }
}
