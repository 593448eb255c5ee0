package io.peergraph.api.notification;

import io.peergraph.api.security.Caller;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.Notification;
import io.peergraph.graph.notification.NotificationPreferences;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.notification.PreferenceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live pushes to the subscriptions connected to this instance. The inbox is the source of truth: each turn reads
 * what the relay has written since the last turn (every event up to the relay's cursor is complete) for the
 * recipients connected here only, and pushes what their preferences allow now (live channel on, not in quiet
 * hours). Several instances each push to their own clients; nothing is shared but the graph. A client that was
 * offline (or held back by quiet hours) finds everything in its inbox.
 */
@Component
public class LiveNotifications {

    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);
    private static final int RECIPIENTS_PER_READ = 1000;
    private static final int BUFFER = 256;

    private record Subscriber(Sinks.Many<Notification> sink, Set<String> roles) {}

    private final Inbox inbox;
    private final PreferenceStore preferences;
    private final NotificationRelay relay;
    private final Clock clock;
    private final Map<String, Set<Subscriber>> byRecipient = new ConcurrentHashMap<>();
    private volatile long pushedUpTo = -1;

    public LiveNotifications(Inbox inbox, PreferenceStore preferences, NotificationRelay relay) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.relay = relay;
        this.clock = Clock.systemUTC();
    }

    /** The caller's live stream; it ends when the client unsubscribes or disconnects. */
    public Flux<Notification> subscribe(Caller caller) {
        Sinks.Many<Notification> sink = Sinks.many().unicast().onBackpressureBuffer(new java.util.concurrent.ArrayBlockingQueue<>(BUFFER));
        Subscriber subscriber = new Subscriber(sink, caller.roles().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet()));
        byRecipient.computeIfAbsent(caller.customerId(), id -> new CopyOnWriteArraySet<>()).add(subscriber);
        return sink.asFlux().doFinally(signal -> byRecipient.computeIfPresent(caller.customerId(), (id, subs) -> {
            subs.remove(subscriber);
            return subs.isEmpty() ? null : subs;
        }));
    }

    /** How many clients are connected to this instance. */
    public int connected() {
        return byRecipient.values().stream().mapToInt(Set::size).sum();
    }

    /** How many of one customer's clients are connected to this instance (tests wait for a browser's subscription). */
    public int connected(String customerId) {
        Set<Subscriber> subscribers = byRecipient.get(customerId);
        return subscribers == null ? 0 : subscribers.size();
    }

    /** One turn: pushes what was written since the last turn to the clients connected here. Never throws. */
    public synchronized void push() {
        try {
            long upTo = relay.cursor();
            long from = pushedUpTo < 0 ? upTo : pushedUpTo; // on start, only what happens from now on
            if (upTo <= from || byRecipient.isEmpty()) {
                pushedUpTo = upTo;
                return;
            }
            List<String> recipients = new ArrayList<>(byRecipient.keySet());
            List<Notification> written = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i += RECIPIENTS_PER_READ) {
                written.addAll(inbox.writtenFor(recipients.subList(i, Math.min(recipients.size(), i + RECIPIENTS_PER_READ)), from, upTo));
            }
            written.sort(java.util.Comparator.comparingLong(Notification::seq));
            Map<String, NotificationPreferences> stored = written.isEmpty() ? Map.of()
                    : preferences.stored(written.stream().map(Notification::recipientId).distinct().toList());
            Instant now = clock.instant();
            for (Notification n : written) {
                for (Subscriber s : byRecipient.getOrDefault(n.recipientId(), Set.of())) {
                    NotificationPreferences p = stored.getOrDefault(n.recipientId(), NotificationPreferences.defaultsFor(s.roles()));
                    if (p.pushesLive(n.kind(), now)) {
                        s.sink().tryEmitNext(n); // a client that cannot keep up misses pushes, never inbox entries
                    }
                }
            }
            pushedUpTo = upTo;
        } catch (RuntimeException e) {
            log.warn("Live notification push failed, retrying next turn: {}", e.toString());
        }
    }
}
