/**
 * Notifications: the outbox's second consumer. {@link io.peergraph.graph.notification.NotificationRelay} reads the
 * domain events, {@link io.peergraph.graph.notification.RecipientMatcher} finds who they concern by walking from
 * the thing touched (never over customers), and {@link io.peergraph.graph.notification.Inbox} writes one entry per
 * (event, recipient). Preferences ({@link io.peergraph.graph.notification.PreferenceStore}) and follows
 * ({@link io.peergraph.graph.notification.Follows}) decide what is wanted.
 */
package io.peergraph.graph.notification;
