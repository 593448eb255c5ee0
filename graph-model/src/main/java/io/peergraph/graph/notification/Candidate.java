package io.peergraph.graph.notification;

import java.time.ZonedDateTime;

/** A recipient an event concerns, and why: what {@link RecipientMatcher} hands to the {@link Inbox}. */
public record Candidate(long seq, ZonedDateTime eventAt, String recipientId, NotificationKind kind, String subjectId,
                        String title, String detail, String actorId) {

    /** The natural key: exactly one notification per event and recipient. */
    public String key() {
        return seq + ":" + recipientId;
    }
}
