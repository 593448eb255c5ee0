package io.peergraph.api.notification;

import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.notification.DailyDigest;
import io.peergraph.graph.notification.Follows;
import io.peergraph.graph.notification.Inbox;
import io.peergraph.graph.notification.InboxRetention;
import io.peergraph.graph.notification.NotificationRelay;
import io.peergraph.graph.notification.PreferenceStore;
import io.peergraph.graph.notification.RecipientMatcher;
import io.peergraph.graph.notification.SavedSearches;
import io.peergraph.graph.notification.SuggestionAnnouncements;
import io.peergraph.graph.outbox.OutboxFeed;
import io.peergraph.graph.tag.TagSuggestions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications: the relay that turns outbox events into inbox entries, and the live pushes. Every instance runs
 * both: relays on several instances write the same entries at most once (natural key), and each instance pushes
 * to the WebSocket clients connected to it.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class NotificationConfiguration {

    @Bean Inbox inbox(Neo4jClient client) { return new Inbox(client); }

    @Bean PreferenceStore preferenceStore(Neo4jClient client) { return new PreferenceStore(client); }

    @Bean Follows follows(Neo4jClient client) { return new Follows(client); }

    @Bean SavedSearches savedSearches(Neo4jClient client) { return new SavedSearches(client); }

    @Bean
    NotificationRelay notificationRelay(OutboxFeed feed, Neo4jClient client, Inbox inbox, PlatformTransactionManager transactions,
                                        BenchmarkNoise noise, @Value("${peergraph.privacy.k-anonymity:5}") int k,
                                        @Value("${peergraph.notifications.similarity:0.5}") double similarity) {
        RecipientMatcher matcher = new RecipientMatcher(client, similarity, k, noise);
        NotificationRelay relay = new NotificationRelay(NotificationRelay.CONSUMER, feed, matcher, inbox, new TransactionTemplate(transactions), 200);
        relay.start();
        return relay;
    }

    @Bean
    NotificationSchedule notificationSchedule(NotificationRelay relay, LiveNotifications live) {
        return new NotificationSchedule(relay, live);
    }

    @Bean
    DigestSchedule digestSchedule(Neo4jClient client, Inbox inbox, PlatformTransactionManager transactions,
                                  @Value("${peergraph.notifications.digest-zone:UTC}") ZoneId zone,
                                  @Value("${peergraph.notifications.keep-read:90d}") Duration keepRead) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new DigestSchedule(new DailyDigest(client, tx, Clock.systemUTC()), new InboxRetention(inbox, tx, keepRead, Clock.systemUTC()), zone);
    }

    @Bean
    TaxonomySuggestionNotices taxonomySuggestionNotices(TagSuggestions suggestions, Neo4jClient client, PlatformTransactionManager transactions,
                                                        @Value("${peergraph.notifications.suggestion-min-uses:5}") int minUses,
                                                        @Value("${peergraph.notifications.suggestion-min-confidence:0.8}") double minConfidence,
                                                        @Value("${peergraph.notifications.suggestion-max-reverse-confidence:0.5}") double maxReverse,
                                                        @Value("${peergraph.notifications.suggestions-per-run:20}") int perRun) {
        // minCustomers only concerns emerging tags, which the relay tells per event.
        var thresholds = new TagSuggestions.Thresholds(minUses, TagSuggestions.Thresholds.DEFAULT.minCustomers(), minConfidence, maxReverse);
        return new TaxonomySuggestionNotices(suggestions, new SuggestionAnnouncements(client, new TransactionTemplate(transactions)),
                thresholds, perRun);
    }

    @Bean
    SuggestionSchedule suggestionSchedule(TaxonomySuggestionNotices notices) {
        return new SuggestionSchedule(notices);
    }

    /**
     * Hourly by default: tells moderators of synonym and broader candidates not told yet. Every instance runs it;
     * each suggestion is told once whichever instance gets there first.
     */
    record SuggestionSchedule(TaxonomySuggestionNotices notices) {
        private static final Logger log = LoggerFactory.getLogger(SuggestionSchedule.class);

        @Scheduled(cron = "${peergraph.notifications.suggestion-cron:0 0 * * * *}")
        void hourly() {
            try {
                var result = notices.run();
                log.info("Taxonomy suggestions: {} above the thresholds, {} told before, {} told now ({} inbox entries)",
                        result.offered(), result.toldBefore(), result.told(), result.entries());
            } catch (RuntimeException e) {
                log.warn("Taxonomy suggestion run failed (the next run tells what this one did not): {}", e.toString());
            }
        }
    }

    /**
     * Once a day: the digests of the last days not digested yet (normally yesterday), then the read entries past
     * their retention. Every instance runs it; both jobs are idempotent (a digest is written once per key, pruning
     * deletes only what is still there).
     */
    record DigestSchedule(DailyDigest digest, InboxRetention retention, ZoneId zone) {
        private static final Logger log = LoggerFactory.getLogger(DigestSchedule.class);

        @Scheduled(cron = "${peergraph.notifications.digest-cron:0 15 0 * * *}", zone = "${peergraph.notifications.digest-zone:UTC}")
        void daily() {
            try {
                for (DailyDigest.Result result : digest.catchUp(zone, 3)) {
                    log.info("Daily digests for {}: {} written for {} recipients", result.day(), result.digests(), result.recipients());
                }
                log.info("{} read notifications pruned", retention.prune());
            } catch (RuntimeException e) {
                log.warn("Daily digest run failed (the next runs make up the last 3 days): {}", e.toString());
            }
        }
    }

    /** One turn: write what happened into inboxes, then push what was written to the clients connected here. */
    record NotificationSchedule(NotificationRelay relay, LiveNotifications live) {
        @Scheduled(fixedDelayString = "${peergraph.notifications.relay-delay:250ms}", initialDelayString = "1s")
        void tick() {
            relay.tick();
            live.push();
        }
    }
}
