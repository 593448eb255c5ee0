package io.peergraph.graph.notification;

import java.time.ZonedDateTime;

/**
 * One entry of a recipient's inbox. {@code seq} is the outbox sequence number of the event behind it, so a
 * recipient's notifications are in commit order of what happened. {@code title} is the subject's title when the
 * event was matched; {@code hidden} says the recipient may no longer read the subject (it became private since),
 * and then the title is withheld. {@code actorId} is who caused it: it never leaves the service except as a
 * per-recipient pseudonym.
 */
public record Notification(String id, String recipientId, long seq, NotificationKind kind, String subjectId, String title,
                           String detail, String actorId, boolean read, boolean hidden, ZonedDateTime createdAt) {}
