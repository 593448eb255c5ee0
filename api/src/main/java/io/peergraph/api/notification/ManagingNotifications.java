package io.peergraph.api.notification;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.notification.Follows;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.NotificationKind;
import io.peergraph.graph.notification.NotificationPreferences;
import io.peergraph.graph.notification.PreferenceStore;
import io.peergraph.graph.symptom.SymptomStore;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use cases of a customer's own notifications: marking them read, their preferences, and following things.
 * Each change is one transaction; ids arrive parsed (the controller's job).
 */
@Component
@RetriedWhenGraphBusy
public class ManagingNotifications {

    private final Ownership ownership;
    private final Inbox inbox;
    private final PreferenceStore preferences;
    private final Follows follows;
    private final SymptomStore symptoms;

    public ManagingNotifications(Ownership ownership, Inbox inbox, PreferenceStore preferences, Follows follows, SymptomStore symptoms) {
        this.ownership = ownership;
        this.symptoms = symptoms;
        this.inbox = inbox;
        this.preferences = preferences;
        this.follows = follows;
    }

    @Transactional
    public long markRead(Caller caller, List<String> ids) {
        return inbox.markRead(caller.customerId(), ids);
    }

    @Transactional
    public long markAllRead(Caller caller) {
        return inbox.markAllRead(caller.customerId());
    }

    /** The caller's stored preferences, or the defaults for their roles. */
    public NotificationPreferences preferences(Caller caller) {
        return preferences.stored(caller.customerId())
                .orElseGet(() -> NotificationPreferences.defaultsFor(caller.roles().stream().map(Enum::name).toList()));
    }

    /**
     * Changes the given parts of the caller's preferences (null: unchanged); {@code clearQuietHours} removes the
     * quiet hours.
     */
    @Transactional
    public NotificationPreferences updatePreferences(Caller caller, Set<NotificationKind> kinds, Set<NotificationPreferences.Channel> channels,
                                                     NotificationPreferences.QuietHours quietHours, boolean clearQuietHours,
                                                     Boolean anomaliesOnly) {
        NotificationPreferences current = preferences(caller);
        NotificationPreferences updated = new NotificationPreferences(
                kinds == null ? current.kinds() : kinds,
                channels == null ? current.channels() : channels, // INBOX is always added
                clearQuietHours ? null : quietHours != null ? quietHours : current.quietHours(),
                anomaliesOnly == null ? current.anomaliesOnly() : anomaliesOnly);
        return preferences.save(caller.customerId(), updated);
    }

    /** Follows a thing of a followable type; the caller's own items and configurations only. */
    @Transactional
    public Follows.Followed follow(Caller caller, PublicId type, String thing) {
        if (type == PublicId.ITEM || type == PublicId.CONFIGURATION) {
            ownership.requireRead(caller, thing, type.label().toLowerCase(Locale.ROOT));
        }
        if (type == PublicId.SYMPTOM && symptoms.visible(thing, caller.customerId()).isEmpty()) { // another's candidate: unknown
            throw new ApiException.NotFound("symptom", thing);
        }
        if (follows.count(caller.customerId()) >= Follows.MAX_PER_CUSTOMER) {
            throw new ApiException.BadUserInput("thing", "you follow " + Follows.MAX_PER_CUSTOMER + " things already; unfollow some first");
        }
        return follows.follow(caller.customerId(), thing).orElseThrow(() -> new ApiException.NotFound(type.label().toLowerCase(Locale.ROOT), thing));
    }

    @Transactional
    public boolean unfollow(Caller caller, String thing) {
        return follows.unfollow(caller.customerId(), thing);
    }
}
