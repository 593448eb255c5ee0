package io.peergraph.graph.notification;

import io.peergraph.graph.id.PublicId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells moderators of taxonomy suggestions ({@link NotificationKind#TAXONOMY_SUGGESTION}: synonym and broader
 * candidates, computed in memory by graph-model's TagSuggestions, too slowly to test per event) exactly once per suggestion.
 *
 * <p>Each suggestion has a natural key (its kind and the two normalised tags, or the tag and the concept), and
 * telling it writes an {@code :AnnouncedSuggestion {key}} (constraint announced_suggestion_key) in the same
 * transaction as the moderators' inbox entries. The MERGE on that key makes a second run, a second instance or a
 * restart find it told and write nothing; two instances telling it at the same moment serialise on the
 * constraint, and the second finds it told. Entries are written as {@link DailyDigest} writes its own: MERGE on
 * {@code suggestion:<key>:<recipient>} (notification_key), a sequence number from the outbox counter (a gap the
 * relay skips), so pages and digests stay ordered. One transaction per suggestion: moderators are a handful.
 */
public class SuggestionAnnouncements {

    /**
     * A suggestion as moderators are told of it: {@code key} names it (kind and the normalised tags or concept),
     * {@code subjectId} the tag it is about, {@code title} and {@code detail} the evidence.
     */
    public record Suggestion(String key, String subjectId, String title, String detail) {}

    /** What one run did: suggestions offered, of those told already, newly told, inbox entries written. */
    public record Result(int offered, int toldBefore, int told, long entries) {}

    /** Which keys were told before (announced_suggestion_key, one seek per key). */
    private static final String TOLD = """
            UNWIND $keys AS key
            WITH key WHERE EXISTS { MATCH (s:AnnouncedSuggestion {key: key}) }
            RETURN collect(key) AS told
            """;

    /**
     * Marks the suggestion told unless it was: the MERGE sets this run's token only when it creates the marker, so
     * a marker found (an earlier run, another instance that just committed) returns nothing.
     */
    private static final String MARK = """
            MERGE (s:AnnouncedSuggestion {key: $key})
            ON CREATE SET s.run = $run, s.kind = $kind, s.subjectId = $subjectId, s.title = $title, s.detail = $detail,
                          s.announcedAt = datetime()
            WITH s WHERE s.run = $run
            RETURN s.key AS key
            """;

    /**
     * Moderators (the :Moderator label of their latest token, a handful of nodes) whose preferences want the kind
     * (notification_preferences_customer).
     */
    private static final String MODERATORS = """
            MATCH (m:Moderator)
            OPTIONAL MATCH (p:NotificationPreferences {customerId: m.id})
            WITH m, p WHERE""" + Inbox.wanted("$kind") + """
            RETURN m.id AS id ORDER BY id
            """;

    /** One sequence number from the outbox counter for all the suggestion's entries, then the entries. */
    private static final String WRITE = """
            MERGE (counter:OutboxCounter {name: 'outbox'})
            ON CREATE SET counter.seq = 0
            SET counter.seq = counter.seq + 1
            WITH counter.seq AS seq
            MATCH (s:AnnouncedSuggestion {key: $key})
            SET s.seq = seq
            WITH seq
            UNWIND $rows AS row
            MERGE (n:Notification {key: row.key})
            ON CREATE SET n.id = row.id, n.recipientId = row.recipientId, n.seq = seq, n.kind = $kind,
                          n.subjectId = $subjectId, n.title = $title, n.detail = $detail,
                          n.eventAt = datetime(), n.createdAt = datetime.realtime(), n.read = false, n:Unread
            RETURN count(n) AS written
            """;

    /** A key longer than this is stored as its hash (index entries are limited to about 8 kB). */
    private static final int MAX_READABLE_KEY = 1000;

    private final Neo4jClient client;
    private final TransactionTemplate tx;

    public SuggestionAnnouncements(Neo4jClient client, TransactionTemplate tx) {
        this.client = client;
        this.tx = tx;
    }

    /**
     * Tells moderators of at most {@code max} suggestions not told before, in the order given (best first);
     * the rest wait for later runs.
     */
    public Result announce(List<Suggestion> ranked, int max) {
        List<Suggestion> suggestions = ranked.stream()
                .map(s -> new Suggestion(storedKey(s.key()), s.subjectId(), s.title(), s.detail())).toList();
        Set<String> toldBefore = new HashSet<>(client.query(TOLD).bind(suggestions.stream().map(Suggestion::key).toList()).to("keys")
                .fetchAs(List.class).mappedBy((t, r) -> r.get("told").asList(Value::asString)).one().orElse(List.of()));
        String run = UUID.randomUUID().toString();
        // Who is told: read once per run (a handful of moderators), not once per suggestion.
        List<String> moderators = List.copyOf(client.query(MODERATORS).bind(NotificationKind.TAXONOMY_SUGGESTION.name()).to("kind")
                .fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).all());
        int told = 0;
        long entries = 0;
        Set<String> offered = new HashSet<>();
        for (Suggestion s : suggestions) {
            if (told >= max) {
                break;
            }
            if (toldBefore.contains(s.key()) || !offered.add(s.key())) {
                continue;
            }
            Long written = tx.execute(status -> tell(s, run, moderators));
            if (written != null) {
                told++;
                entries += written;
            }
        }
        return new Result(suggestions.size(), toldBefore.size(), told, entries);
    }

    /** In the caller's transaction: the marker, then the entries; null when the suggestion was told already. */
    private Long tell(Suggestion s, String run, List<String> moderators) {
        Map<String, Object> params = new HashMap<>();
        params.put("key", s.key());
        params.put("run", run);
        params.put("kind", NotificationKind.TAXONOMY_SUGGESTION.name());
        params.put("subjectId", s.subjectId());
        params.put("title", s.title());
        params.put("detail", s.detail());
        if (client.query(MARK).bindAll(params).fetch().one().isEmpty()) {
            return null;
        }
        List<Map<String, Object>> rows = moderators.stream().map(recipient -> {
            String key = "suggestion:" + s.key() + ":" + recipient;
            return Map.<String, Object>of("key", key, "id", PublicId.NOTIFICATION.fromKey(key), "recipientId", recipient);
        }).toList();
        if (rows.isEmpty()) {
            return 0L;
        }
        params.put("rows", rows);
        return client.query(WRITE).bindAll(params).fetchAs(Long.class).mappedBy((t, r) -> r.get("written").asLong()).one().orElse(0L);
    }

    private static String storedKey(String key) {
        if (key.length() <= MAX_READABLE_KEY) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, key.indexOf(':') + 1) + "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
