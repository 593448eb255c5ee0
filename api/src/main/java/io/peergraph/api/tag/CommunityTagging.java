package io.peergraph.api.tag;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.http.TokenBucket;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Role;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The community's rule for tags. Tagging one's own things (configurations, reports, solutions, and one's
 * organisation's) is bookkeeping: no limit. Tagging what others made (their shared reports and solutions, and
 * products, which are everyone's) speaks to the community, so:
 * <ul>
 *   <li>a customer applies at most {@value #OTHERS_PER_HOUR} tags an hour to others' things (a token bucket per
 *       customer in each instance, as the request rate limit); beyond, RATE_LIMITED with {@code retryAfter};</li>
 *   <li>labels that judge a thing rather than describe it ({@link #RESERVED}: spam, scam, abuse …) are moderation
 *       and only moderators apply them, on anything; others get FORBIDDEN (and may tell support).</li>
 * </ul>
 * Moderators are held to neither rule. Removing one's own tag ({@code untag}) is always allowed.
 */
@Component
public class CommunityTagging {

    /** Tags a customer may apply to others' things per hour. */
    static final int OTHERS_PER_HOUR = 60;

    /** Normalised labels only moderators apply. */
    static final Set<String> RESERVED = Set.of("spam", "scam", "abuse", "abusive", "offensive", "malware", "phishing", "nsfw",
            "fake", "duplicate", "off topic", "moderated");

    private static final int MAX_BUCKETS = 200_000;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** Refuses the tag when the rule does not allow it; {@code othersThing}: the caller neither owns nor shares it. */
    void check(Caller caller, String normalizedLabel, boolean othersThing) {
        if (caller.has(Role.MODERATOR)) {
            return;
        }
        if (RESERVED.contains(normalizedLabel)) {
            throw new ApiException.Forbidden("'" + normalizedLabel + "' is a moderation label: only moderators apply it.");
        }
        if (othersThing) {
            if (buckets.size() > MAX_BUCKETS) {
                buckets.clear();
            }
            long wait = buckets.computeIfAbsent(caller.customerId(), c -> new TokenBucket(OTHERS_PER_HOUR, OTHERS_PER_HOUR / 3600.0))
                    .take(System.nanoTime());
            if (wait > 0) {
                throw new ApiException.RateLimited("You tagged others' things " + OTHERS_PER_HOUR + " times in the last hour; try again in "
                        + wait + " s.", wait);
            }
        }
    }
}
