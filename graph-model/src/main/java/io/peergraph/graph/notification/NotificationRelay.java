package io.peergraph.graph.notification;

import io.peergraph.graph.driver.GraphFailures;
import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.graph.outbox.OutboxFeed;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifications consumer of the outbox: reads the events after its cursor, matches each to its recipients
 * and writes their inbox entries, and moves the cursor, all in one transaction per batch. A failure rolls back
 * entries and cursor together, so the batch is simply tried again; and because an event's entries are written
 * only when it has none, under a uniqueness constraint on their natural key, even a batch written twice (two
 * instances relaying at once: one of them is refused and retries) yields one entry per (event, recipient). Live pushes read the inbox afterwards, never the events: the inbox is the source of truth.
 */
public final class NotificationRelay {

    /** The cursor the service's relay keeps in the outbox. */
    public static final String CONSUMER = "notifications";

    private static final int PRUNE_LIMIT = 10_000;
    /** Inbox entries written per transaction (a single event's entries are never split). */
    static final int MAX_ENTRIES_PER_TRANSACTION = 10_000;
    private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

    private final String consumer;
    private final OutboxFeed feed;
    private final RecipientMatcher matcher;
    private final Inbox inbox;
    private final TransactionTemplate tx;
    private final int batch;
    private int failures;
    /** Whether this run of failures has been warned of (then only every tenth is). */
    private boolean warned;

    public NotificationRelay(String consumer, OutboxFeed feed, RecipientMatcher matcher, Inbox inbox, TransactionTemplate tx, int batch) {
        this.consumer = consumer;
        this.feed = feed;
        this.matcher = matcher;
        this.inbox = inbox;
        this.tx = tx;
        this.batch = batch;
    }

    /**
     * Starts the cursor at the newest event unless it exists: a new deployment notifies about what happens from
     * now on, not about the whole history.
     */
    public long start() {
        return feed.register(consumer, feed.latestSeq());
    }

    /** One scheduled turn: drains the backlog; never throws (a failed batch is retried next turn). */
    public synchronized Result tick() {
        try {
            Result result = drain();
            failures = 0;
            warned = false;
            return result;
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1 && GraphFailures.isConstraintViolation(e)) {
                // The designed outcome of two instances relaying the same events at once: the other one wrote
                // them, and the next turn finds them delivered. Only a refusal that repeats is worth a warning.
                log.debug("Another relay delivered the same events first; retrying: {}", e.toString());
            } else if (!warned || failures % 10 == 0) {
                warned = true;
                log.warn("Notification relay failed ({} in a row), retrying: {}", failures, e.toString());
            }
            return new Result(0, 0, feed.cursor(consumer).orElse(0L));
        }
    }

    /** What one drain did: events handled, inbox entries written, and the cursor afterwards. */
    public record Result(int events, long delivered, long cursor) {}

    /** Handles every event committed so far, batch by batch. */
    public synchronized Result drain() {
        start();
        int events = 0;
        long delivered = 0;
        long cursor = feed.cursor(consumer).orElseThrow();
        while (true) {
            long from = cursor;
            Result step = tx.execute(status -> {
                List<OutboxEvent> page = feed.after(from, batch);
                if (page.isEmpty()) {
                    return new Result(0, 0, from);
                }
                // Events are taken until their entries fill a transaction: one popular product's new report can
                // reach thousands of owners and followers, and a whole page of those would exceed what one
                // transaction may hold. An event is never split, so its entries commit together.
                List<Candidate> entries = new ArrayList<>();
                int taken = 0;
                while (taken < page.size() && (taken == 0 || entries.size() < MAX_ENTRIES_PER_TRANSACTION)) {
                    entries.addAll(matcher.match(List.of(page.get(taken))));
                    taken++;
                }
                long written = inbox.deliver(entries);
                long last = page.get(taken - 1).seq();
                feed.advance(consumer, last);
                return new Result(taken, written, last);
            });
            if (step == null || step.events() == 0) {
                break;
            }
            events += step.events();
            delivered += step.delivered();
            cursor = step.cursor();
        }
        if (events > 0) {
            feed.prune(PRUNE_LIMIT);
        }
        return new Result(events, delivered, cursor);
    }

    /** Every event up to this number has its inbox entries written. */
    public long cursor() {
        return feed.cursor(consumer).orElse(0L);
    }
}
