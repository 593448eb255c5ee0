package io.peergraph.graph.notification;

import java.time.ZonedDateTime;

/**
 * A recipient an event concerns, and why: what {@link RecipientMatcher} hands to the {@link Inbox}. {@code symptomId}:
 * the symptom whose name {@code detail} gives, if any, so the inbox can withhold the name from a recipient who may no
 * longer see that symptom (SymptomVisibility: a customer's symptom whose approval was undone since).
 */
public record Candidate(long seq, ZonedDateTime eventAt, String recipientId, NotificationKind kind, String subjectId,
                        String title, String detail, String actorId, String symptomId) {

    /** The natural key: exactly one notification per event and recipient. */
    public String key() {
        return seq + ":" + recipientId;
    }
}
