package io.peergraph.api.notification;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.graphql.Paging;
import io.peergraph.api.peers.Peer;
import io.peergraph.api.peers.Pseudonyms;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.notification.Follows;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.Notification;
import io.peergraph.graph.notification.NotificationKind;
import io.peergraph.graph.notification.NotificationPreferences;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** The caller's inbox, preferences, follows and live stream. Everything here is the caller's own. */
@Controller
public class NotificationController {

    public record QuietHoursInput(String from, String to, String timeZone) {}

    public record NotificationPreferencesInput(List<NotificationKind> kinds, List<NotificationPreferences.Channel> channels,
                                               QuietHoursInput quietHours, Boolean clearQuietHours, Boolean anomaliesOnly) {}

    private static final int MAX_IDS = 500;

    private final CallerResolver callers;
    private final ManagingNotifications notifications;
    private final Inbox inbox;
    private final Follows follows;
    private final LiveNotifications live;
    private final Pseudonyms pseudonyms;
    private final Paging paging;

    public NotificationController(CallerResolver callers, ManagingNotifications notifications, Inbox inbox, Follows follows,
                                  LiveNotifications live, Pseudonyms pseudonyms, Paging paging) {
        this.callers = callers;
        this.notifications = notifications;
        this.inbox = inbox;
        this.follows = follows;
        this.live = live;
        this.pseudonyms = pseudonyms;
        this.paging = paging;
    }

    @QueryMapping
    public Window<Notification> notifications(@Argument Boolean unreadOnly, @Argument Integer first, @Argument String after) {
        Caller caller = callers.current();
        int size = paging.size(first);
        long before = Long.MAX_VALUE;
        if (after != null) {
            if (!(paging.keysAfter(after).get("seq") instanceof Number seq)) {
                throw new ApiException.BadUserInput("after", "is not a cursor this list handed out; start again without it");
            }
            before = seq.longValue();
        }
        List<Notification> rows = inbox.page(caller.customerId(), Boolean.TRUE.equals(unreadOnly), before, size + 1);
        return paging.window(rows, size, n -> Map.of("seq", n.seq()));
    }

    @QueryMapping
    public long unreadNotificationCount() {
        return inbox.unreadCount(callers.current().customerId());
    }

    @QueryMapping
    public NotificationPreferences notificationPreferences() {
        return notifications.preferences(callers.current());
    }

    @QueryMapping
    public List<Inbox.DigestGroup> notificationDigest(@Argument OffsetDateTime since) {
        ZonedDateTime from = since == null ? ZonedDateTime.now().minusDays(1) : since.toZonedDateTime();
        return inbox.digest(callers.current().customerId(), from, 3);
    }

    @MutationMapping
    public long markRead(@Argument List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new ApiException.BadUserInput("ids", "at most " + MAX_IDS + " at a time");
        }
        ids.forEach(id -> Inputs.id("ids", id, PublicId.NOTIFICATION));
        return notifications.markRead(callers.current(), ids);
    }

    @MutationMapping
    public long markAllRead() {
        return notifications.markAllRead(callers.current());
    }

    @MutationMapping
    public NotificationPreferences updateNotificationPreferences(@Argument NotificationPreferencesInput input) {
        Caller caller = callers.current();
        boolean clear = Boolean.TRUE.equals(input.clearQuietHours());
        NotificationPreferences.QuietHours quiet = !clear && input.quietHours() != null ? quietHours(input.quietHours()) : null;
        return notifications.updatePreferences(caller, input.kinds() == null ? null : java.util.Set.copyOf(input.kinds()),
                input.channels() == null ? null : java.util.Set.copyOf(input.channels()), quiet, clear, input.anomaliesOnly());
    }

    @MutationMapping
    public Follows.Followed follow(@Argument String thing) {
        Caller caller = callers.current();
        PublicId type = PublicId.typeOf(thing).filter(Follows.FOLLOWABLE::contains).orElseThrow(() -> new ApiException.BadUserInput(
                "thing", "must be the id of a product, symptom, configuration item, tag, concept, or one of your items or configurations"));
        return notifications.follow(caller, type, thing);
    }

    @MutationMapping
    public boolean unfollow(@Argument String thing) {
        PublicId.typeOf(thing).filter(Follows.FOLLOWABLE::contains)
                .orElseThrow(() -> new ApiException.BadUserInput("thing", "is not the id of something one can follow"));
        return notifications.unfollow(callers.current(), thing);
    }

    @SubscriptionMapping("notifications")
    public Flux<Notification> liveNotifications() {
        return live.subscribe(callers.current());
    }

    @SchemaMapping(typeName = "Notification")
    public Peer actor(Notification n) {
        return n.actorId() == null ? null : new Peer(pseudonyms.of(n.recipientId(), n.actorId()));
    }

    @SchemaMapping(typeName = "Notification")
    public boolean withheld(Notification n) {
        return n.hidden();
    }

    @SchemaMapping(typeName = "NotificationPreferences")
    public List<NotificationKind> kinds(NotificationPreferences p) {
        return p.kinds().stream().sorted().toList();
    }

    @SchemaMapping(typeName = "NotificationPreferences")
    public List<NotificationPreferences.Channel> channels(NotificationPreferences p) {
        return p.channels().stream().sorted().toList();
    }

    @SchemaMapping(typeName = "NotificationPreferences")
    public List<Follows.Followed> following(NotificationPreferences p) {
        return follows.of(callers.current().customerId());
    }

    @SchemaMapping(typeName = "QuietHours")
    public String from(NotificationPreferences.QuietHours q) {
        return q.from().toString();
    }

    @SchemaMapping(typeName = "QuietHours")
    public String to(NotificationPreferences.QuietHours q) {
        return q.to().toString();
    }

    @SchemaMapping(typeName = "QuietHours")
    public String timeZone(NotificationPreferences.QuietHours q) {
        return q.zone().getId();
    }

    @SchemaMapping(typeName = "Followed")
    public String id(Follows.Followed f) {
        return f.thingId();
    }

    private static NotificationPreferences.QuietHours quietHours(QuietHoursInput q) {
        LocalTime from = time("input.quietHours.from", q.from());
        LocalTime to = time("input.quietHours.to", q.to());
        if (from.equals(to)) {
            throw new ApiException.BadUserInput("input.quietHours.to", "must differ from the start");
        }
        try {
            return new NotificationPreferences.QuietHours(from, to, ZoneId.of(Inputs.requiredLine("input.quietHours.timeZone", q.timeZone(), 64)));
        } catch (DateTimeException e) {
            throw new ApiException.BadUserInput("input.quietHours.timeZone", "is not a time zone (use an IANA name such as Europe/Berlin)");
        }
    }

    private static LocalTime time(String field, String value) {
        try {
            return LocalTime.parse(Inputs.requiredLine(field, value, 8));
        } catch (DateTimeParseException e) {
            throw new ApiException.BadUserInput(field, "must be a time of day, HH:mm");
        }
    }
}
