package io.peergraph.graph.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How long read notifications are kept: entries read longer ago than {@code keepRead} are deleted in batches of
 * {@link #BATCH}, one transaction each, so pruning a large backlog never holds one huge transaction. Unread
 * entries stay. Safe on several instances (deleting what another instance deleted finds nothing).
 */
public record InboxRetention(Inbox inbox, TransactionTemplate tx, Duration keepRead, Clock clock) {

    static final int BATCH = 10_000;

    /** Deletes every entry read before now minus {@code keepRead}; returns how many. */
    public long prune() {
        var before = clock.instant().minus(keepRead).atZone(ZoneOffset.UTC);
        long total = 0;
        while (true) {
            Long deleted = tx.execute(status -> inbox.pruneRead(before, BATCH));
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < BATCH) {
                return total;
            }
        }
    }
}
