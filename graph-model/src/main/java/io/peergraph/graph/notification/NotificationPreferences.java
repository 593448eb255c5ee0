package io.peergraph.graph.notification;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a customer wants to hear about and how. The inbox always receives what the kinds allow (it is the record
 * that live pushes and digests are made from); {@code channels} adds live pushes and a daily digest on top.
 * Quiet hours hold back live pushes only. {@code anomaliesOnly} narrows everything to measurement anomalies.
 */
public record NotificationPreferences(Set<NotificationKind> kinds, Set<Channel> channels, QuietHours quietHours,
                                      boolean anomaliesOnly) {

    /** How notifications reach a customer besides the inbox. */
    public enum Channel { INBOX, LIVE, DIGEST }

    /**
     * A daily window in the customer's time zone, {@code from} inclusive, {@code to} exclusive; it may span
     * midnight (22:00–07:00).
     */
    public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {
        public boolean covers(Instant instant) {
            LocalTime local = instant.atZone(zone).toLocalTime();
            return from.isBefore(to)
                    ? !local.isBefore(from) && local.isBefore(to)
                    : !local.isBefore(from) || local.isBefore(to);
        }
    }

    public NotificationPreferences {
        kinds = kinds.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(kinds);
        EnumSet<Channel> all = EnumSet.of(Channel.INBOX);
        all.addAll(channels);
        channels = all;
    }

    /**
     * Defaults by role (role names as in tokens). Everyone hears every kind in the inbox. Customers also get live
     * pushes; support staff and moderators, who live in queues all day, get live pushes and a daily digest;
     * someone who is only an administrator gets the inbox and a digest, no live pushes.
     */
    public static NotificationPreferences defaultsFor(Collection<String> roles) {
        Set<Channel> channels = EnumSet.of(Channel.INBOX);
        boolean staff = roles.contains("SUPPORT") || roles.contains("MODERATOR");
        if (roles.contains("CUSTOMER") || staff || roles.isEmpty()) {
            channels.add(Channel.LIVE);
        }
        if (staff || roles.contains("ADMIN")) {
            channels.add(Channel.DIGEST);
        }
        return new NotificationPreferences(EnumSet.allOf(NotificationKind.class), channels, null, false);
    }

    /** Whether a notification of this kind is written to the inbox at all. */
    public boolean wants(NotificationKind kind) {
        return kinds.contains(kind) && (!anomaliesOnly || kind == NotificationKind.MEASUREMENT_ANOMALY);
    }

    /** Whether a notification of this kind is pushed live at this moment. */
    public boolean pushesLive(NotificationKind kind, Instant now) {
        return wants(kind) && channels.contains(Channel.LIVE) && (quietHours == null || !quietHours.covers(now));
    }
}
