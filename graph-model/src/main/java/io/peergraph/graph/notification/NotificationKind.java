package io.peergraph.graph.notification;

/**
 * What a notification is about. When one event concerns a recipient in several ways, the kind declared first
 * wins (the most personal reason), since each (event, recipient) gets exactly one notification.
 */
public enum NotificationKind {
    /** Someone else added an interaction (a reply, a call note) to my case. */
    CASE_INTERACTION,
    /** A solution I proposed was confirmed (it worked, or did not) by someone else. */
    SOLUTION_CONFIRMED,
    /** A new solution, or a confirmation that one worked, for a symptom of one of my open cases. */
    NEW_SOLUTION_FOR_MY_SYMPTOM,
    /** A measurement of mine lies outside p5–p95 of my similar-peer cohort (only when the cohort is k-anonymous). */
    MEASUREMENT_ANOMALY,
    /** A peer whose configuration is like one of mine reported a problem with a product I own. */
    PEER_REPORT_ON_MY_PRODUCT,
    /** For support staff: a new or changed report now matches one of my saved case searches. */
    SAVED_SEARCH_MATCH,
    /** For moderators: a tag nobody has mapped yet was used often enough, by enough customers, to be worth curating. */
    EMERGING_TAG,
    /**
     * For moderators: a synonym candidate (two tags that look like one) or a broader candidate (a tag almost always
     * used with a broader tag, or namespaced under a concept) above the suggestion thresholds; told once per
     * suggestion by a scheduled job ({@link SuggestionAnnouncements}), not per event.
     */
    TAXONOMY_SUGGESTION,
    /** Something new about a thing I follow: a report on a product, symptom, configuration item or tag, a solution for a symptom. */
    FOLLOWED_ACTIVITY,
    /** The day's notifications in one entry, for customers with the DIGEST channel (written by {@link DailyDigest}). */
    DAILY_DIGEST
}
