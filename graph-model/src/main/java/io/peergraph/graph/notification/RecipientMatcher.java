package io.peergraph.graph.notification;

import io.peergraph.graph.access.Visibility;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkNoise;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.outbox.OutboxEvent;
import io.peergraph.graph.stuff.Rarity;
import io.peergraph.graph.symptom.SymptomVisibility;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * Who an outbox event concerns. Every query starts at the thing the event touched and walks to the people tied
 * to it (reporters of a symptom's open cases, a solution's proposer, a product's owners, the thing's followers),
 * using the id constraints to find the start and relationships from there: cost grows with the recipients of the
 * event, never with the number of customers. The actor is never their own recipient. Preferences are applied
 * by the {@link Inbox} when writing, so that they are read once per recipient, not once per reason.
 */
public class RecipientMatcher {

    /** How much of the reporter's configuration (by rarity weight) a configuration must share to count as "like it". */
    public static final double DEFAULT_SIMILARITY = 0.5;

    /** (configuration, owner) pairs a new report's product-owner match examines at most (see REPORT_CREATED). */
    static final int MAX_OWNER_CANDIDATES = 20_000;

    /** Reporters of open cases showing the symptom or a narrower one (BROADER points up, at most 3 levels). */
    private static final String SOLUTION_PROPOSED = """
            MATCH (proposer:Customer)-[:PROPOSED]->(sol:Solution {id: $id})
            CALL (sol, proposer) {
              MATCH (sol)-[:SOLVES]->(s:Symptom)<-[:BROADER*0..3]-(:Symptom)<-[:SHOWS]-(:Report {status: 'OPEN'})<-[:REPORTED]-(c:Customer)
              WHERE c <> proposer AND """ + SymptomVisibility.shownTo("s", "c.id") + """

              RETURN c.id AS recipient, 'NEW_SOLUTION_FOR_MY_SYMPTOM' AS kind, s.name AS detail, s.id AS symptom
              UNION
              MATCH (sol)-[:SOLVES]->(:Symptom)-[:BROADER*0..3]->(f:Symptom)<-[:FOLLOWS]-(c:Customer)
              WHERE c <> proposer AND """ + SymptomVisibility.shownTo("f", "c.id") + """

              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, f.name AS detail, f.id AS symptom
            }
            WITH sol, proposer, recipient, kind, head(collect([detail, symptom])) AS named
            RETURN recipient, kind, named[0] AS detail, named[1] AS symptom, sol.id AS subject, sol.title AS title, proposer.id AS actor
            """;

    /** The proposer hears of every verdict; reporters of open cases with the symptom hear of those that worked. */
    private static final String CONFIRMATION = """
            MATCH (confirmer:Customer)-[:CONFIRMED]->(cf:Confirmation {id: $confirmationId})-[:OF]->(sol:Solution)<-[:PROPOSED]-(proposer:Customer)
            CALL (sol, cf, proposer, confirmer) {
              WITH proposer, confirmer, cf WHERE proposer <> confirmer
              RETURN proposer.id AS recipient, 'SOLUTION_CONFIRMED' AS kind,
                     CASE WHEN cf.worked THEN 'worked for a peer' ELSE 'did not work for a peer' END AS detail, null AS symptom
              UNION
              WITH sol, cf, confirmer WHERE cf.worked
              MATCH (sol)-[:SOLVES]->(s:Symptom)<-[:BROADER*0..3]-(:Symptom)<-[:SHOWS]-(:Report {status: 'OPEN'})<-[:REPORTED]-(c:Customer)
              WHERE c <> confirmer AND """ + SymptomVisibility.shownTo("s", "c.id") + """

              RETURN c.id AS recipient, 'NEW_SOLUTION_FOR_MY_SYMPTOM' AS kind, 'confirmed for ' + s.name AS detail, s.id AS symptom
            }
            WITH sol, confirmer, recipient, kind, head(collect([detail, symptom])) AS named
            RETURN recipient, kind, named[0] AS detail, named[1] AS symptom, sol.id AS subject, sol.title AS title, confirmer.id AS actor
            """;

    /**
     * The case's owner, or the members of the organisation that owns it who read its cases (Visibility), except
     * whoever added the interaction.
     */
    private static final String INTERACTION = """
            MATCH (owner:Customer)-[:REPORTED]->(r:Report {id: $id})
            CALL (owner) {
              RETURN owner AS c
              UNION
              MATCH (c:Customer)-[m:MEMBER_OF]->(owner) WHERE m.role IN """ + Visibility.cypherReadingRoles() + """

              RETURN c
            }
            WITH r, c WHERE c.kind <> 'ORGANISATION' AND ($actorId IS NULL OR c.id <> $actorId)
            RETURN c.id AS recipient, 'CASE_INTERACTION' AS kind, 'new ' + toLower($channel) + ' interaction' AS detail,
                   r.id AS subject, r.title AS title, $actorId AS actor
            """;

    /**
     * A new report shown to peers (not private, configuration listed): owners of its product whose best
     * configuration shares at least $similarity of the reporter's configuration's rarity weight
     * (Rarity: ln(1 + configurations / configurations with the item), as similarPeers weighs), and followers of its
     * product, symptoms (or broader ones), configuration items, configuration or item.
     *
     * <p>Owners are found by prefix filtering: with the reporter's items heaviest (rarest) first, a configuration
     * that shares none of the leading items whose weights still add up to $similarity of the total ("prefix") can
     * share at most the rest, which is less than $similarity: so only configurations including a prefix item can
     * qualify. The walk starts from the cheaper side: the prefix items' configurations (ConfigItem.configCount,
     * reached by INCLUDES), checking that their owner owns the product, or, for a product with few owners, the
     * product's owners (INSTANCE_OF, OWNS), checking that a configuration of theirs includes a prefix item. Either
     * side examines at most $budget (configuration, owner) pairs, rarest item first: past that a report is
     * about a product so widely owned and a configuration so common that it is no longer an early warning.
     * Followers are found through FOLLOWS.
     */
    private static final String REPORT_CREATED = """
            MATCH (reporter:Customer)-[:REPORTED]->(r:Report {id: $id})-[:ON]->(cfg:Configuration)
            WHERE """ + Visibility.cypherShownToPeers("r", "cfg") + """

            WITH reporter, r, cfg, head([(r)-[:ABOUT]->(p:Product) | p]) AS product, COUNT { (:Configuration) } AS n
            CALL (reporter, r, cfg, product, n) {
              WITH reporter, cfg, product, n WHERE product IS NOT NULL
              MATCH (cfg)-[:INCLUDES]->(i:ConfigItem)
              WITH reporter, product, i, """ + Rarity.cypher("n", "i.configCount") + """
             AS w
              ORDER BY w DESC, i.id
              WITH reporter, product, collect(i) AS items, collect(w) AS weights, sum(w) AS total
              WITH reporter, product, items, weights, total,
                   [x IN range(0, size(items) - 1) WHERE reduce(a = 0.0, y IN weights[x..] | a + y) >= $similarity * total | items[x]] AS prefix
              WHERE total > 0
              WITH reporter, product, items, weights, total, prefix,
                   reduce(c = 0, p IN prefix | c + p.configCount) AS viaItems, COUNT { (product)<-[:INSTANCE_OF]-() } AS viaProduct
              CALL (reporter, product, prefix, viaItems, viaProduct) {
                WITH reporter, product.id AS productId, prefix WHERE viaItems <= 2 * viaProduct
                UNWIND prefix AS p
                MATCH (p)<-[:INCLUDES]-(mine:Configuration)<-[:OWNS]-(owner:Customer)
                WHERE owner <> reporter
                WITH mine, owner, productId LIMIT $budget
                WITH mine, owner WHERE EXISTS { MATCH (owner)-[:OWNS]->(:Item)-[:INSTANCE_OF]->(q:Product) WHERE q.id = productId }
                RETURN mine, owner
                UNION
                WITH reporter, product, prefix WHERE viaItems > 2 * viaProduct
                MATCH (product)<-[:INSTANCE_OF]-(:Item)<-[:OWNS]-(owner:Customer)-[:OWNS]->(mine:Configuration)
                WHERE owner <> reporter
                WITH DISTINCT mine, owner, prefix LIMIT $budget
                WITH mine, owner WHERE EXISTS { MATCH (mine)-[:INCLUDES]->(x:ConfigItem) WHERE x IN prefix }
                RETURN mine, owner
              }
              WITH owner, product, total, items, weights, [(mine)-[:INCLUDES]->(x:ConfigItem) WHERE x IN items | x] AS mine
              WITH owner, product, total,
                   max(reduce(s = 0.0, k IN range(0, size(items) - 1) | s + CASE WHEN items[k] IN mine THEN weights[k] ELSE 0.0 END)) AS best
              WHERE best >= $similarity * total
              RETURN owner.id AS recipient, 'PEER_REPORT_ON_MY_PRODUCT' AS kind, 'about ' + product.name AS detail, null AS symptom
              UNION
              MATCH (r)-[:ABOUT]->(p:Product)<-[:FOLLOWS]-(c:Customer) WHERE c <> reporter
              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, 'about ' + p.name AS detail, null AS symptom
              UNION
              MATCH (r)-[:SHOWS]->(:Symptom)-[:BROADER*0..3]->(s:Symptom)<-[:FOLLOWS]-(c:Customer)
              WHERE c <> reporter AND """ + SymptomVisibility.shownTo("s", "c.id") + """

              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, 'shows ' + s.name AS detail, s.id AS symptom
              UNION
              MATCH (cfg)-[:INCLUDES]->(i:ConfigItem)<-[:FOLLOWS]-(c:Customer) WHERE c <> reporter
              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, 'on ' + i.kind + ' ' + i.value AS detail, null AS symptom
              UNION
              MATCH (cfg)<-[:FOLLOWS]-(c:Customer) WHERE c <> reporter
              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, 'on a configuration you follow' AS detail, null AS symptom
              UNION
              MATCH (cfg)-[:OF_ITEM]->(:Item)<-[:FOLLOWS]-(c:Customer) WHERE c <> reporter
              RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, 'on an item you follow' AS detail, null AS symptom
            }
            WITH r, reporter, recipient, kind, head(collect([detail, symptom])) AS named
            RETURN recipient, kind, named[0] AS detail, named[1] AS symptom, r.id AS subject, r.title AS title, reporter.id AS actor
            """;

    /** Followers of the tag, or of the concept it means, when a shown report or a solution is tagged. */
    private static final String TAGGED = """
            MATCH (thing {id: $id}) WHERE (thing:Solution) OR (thing:Report AND """ + Visibility.cypherSharedWithCustomers("thing") + """
            )
            MATCH (t:Tag {normalized: $tag})
            CALL (t) {
              MATCH (t)<-[:FOLLOWS]-(c:Customer) RETURN c, t.label AS via
              UNION
              MATCH (t)-[:MEANS]->(k:Concept)<-[:FOLLOWS]-(c:Customer) RETURN c, coalesce(k.prefLabel_en, k.prefLabel, t.label) AS via
            }
            WITH thing, c, via WHERE $by IS NULL OR c.id <> $by
            RETURN c.id AS recipient, 'FOLLOWED_ACTIVITY' AS kind, head(collect('tagged ' + via)) AS detail,
                   thing.id AS subject, thing.title AS title, $by AS actor
            """;

    /**
     * Moderators hear once of a tag that crosses the emerging threshold (the same test as the moderators'
     * emerging-tag suggestions: used $minUses times by $minCustomers customers, not mapped to a concept nor
     * merged). Only the tag just applied is looked at (Tag.normalized constraint), and the tag is marked
     * announced in the relay's transaction, so later uses and replays say nothing new. Moderators are found by
     * their label (CustomerStore.recordStaffRoles), never by scanning customers.
     */
    private static final String EMERGING_TAG = """
            MATCH (t:Tag {normalized: $tag})
            WHERE t.usageCount >= $minUses AND t.emergingAnnouncedAt IS NULL
              AND NOT EXISTS { (t)-[:MEANS]->() } AND NOT EXISTS { (t)-[:MERGED_INTO]->() }
            CALL (t) { MATCH ()-[r:TAGGED]->(t) RETURN count(DISTINCT r.by) AS customers }
            WITH t, customers WHERE customers >= $minCustomers
            SET t.emergingAnnouncedAt = datetime()
            WITH t, customers
            MATCH (m:Moderator) WHERE $by IS NULL OR m.id <> $by
            RETURN m.id AS recipient, 'EMERGING_TAG' AS kind,
                   'used ' + t.usageCount + ' times by ' + customers + ' customers' AS detail,
                   t.id AS subject, t.label AS title, null AS actor
            """;

    /**
     * Support staff whose saved search the report now matches for the first time (SavedSearches: the filter
     * parts of searchCases; symptoms include narrower ones, by key and by the taxonomy, as NarrowerSymptoms). Reads every saved search (few: support only, 50
     * each) and remembers each match as MATCHED in the relay's transaction, so a later edit of a matching
     * report, or a replay, says nothing new. Owners must still hold the SUPPORT role (:Support label), and are
     * not told of their own changes. Support reads every case, private ones included.
     */
    private static final String SAVED_SEARCH = """
            MATCH (r:Report {id: $id})
            MATCH (s:SavedSearch)
            WHERE NOT EXISTS { (s)-[:MATCHED]->(r) }
              AND (s.productId IS NULL OR EXISTS { (r)-[:ABOUT]->(:Product {id: s.productId}) })
              AND (s.symptomId IS NULL OR EXISTS { (r)-[:SHOWS]->(:Symptom)-[:BROADER*0..]->(:Symptom {id: s.symptomId}) }
                   OR EXISTS { (r)-[:SHOWS]->(:Symptom)-[:CLASSIFIED_AS]->(:Concept)-[:BROADER*0..8]->(:Concept)<-[:CLASSIFIED_AS]-(:Symptom {id: s.symptomId}) })
              AND (size(s.statuses) = 0 OR r.status IN s.statuses)
              AND (size(s.configItemIds) = 0 OR EXISTS { (r)-[:ON]->(:Configuration)-[:INCLUDES]->(i:ConfigItem) WHERE i.id IN s.configItemIds })
              AND (size(s.channels) = 0 OR EXISTS { (r)-[:HAS_INTERACTION]->(x:Interaction) WHERE x.channel IN s.channels })
              AND (size(s.tags) = 0 OR EXISTS { (r)-[:TAGGED]->(t:Tag) WHERE t.normalized IN s.tags })
            MATCH (owner:Customer:Support {id: s.ownerId})
            WHERE $actorId IS NULL OR owner.id <> $actorId
            MERGE (s)-[m:MATCHED]->(r) ON CREATE SET m.at = datetime()
            WITH r, owner, collect(s.name) AS names
            RETURN owner.id AS recipient, 'SAVED_SEARCH_MATCH' AS kind, 'matches your saved search ' + names[0] AS detail,
                   r.id AS subject, r.title AS title, $actorId AS actor
            """;

    /** The measured configurations whose latest value this measurement still is (an item's counts for each of its configurations). */
    private static final String MEASURED = """
            MATCH (owner:Customer)-[:MEASURED]->(m:Measurement {id: $id})-[:OF_METRIC]->(metric:Metric), (m)-[:ABOUT]->(target)
            CALL (target) {
              WITH target WHERE target:Configuration RETURN target AS cfg
              UNION
              MATCH (cfg:Configuration)-[:OF_ITEM]->(target) RETURN cfg
            }
            MATCH (cfg)-[l:LATEST_VALUE]->(metric) WHERE l.measurementId = m.id
            RETURN owner.id AS owner, metric.key AS metric, m.value AS value, cfg.id AS configuration, cfg.name AS name
            ORDER BY cfg.id
            """;

    private final Neo4jClient client;
    private final BenchmarkQuery benchmark;
    private final BenchmarkQuery.Release release;
    private final MetricStore metrics;
    private final double similarity;
    private final int k;
    private final EmergingThreshold emerging;

    /**
     * When an unmapped tag is worth telling moderators about: the defaults are those of the moderators'
     * emerging-tag suggestions (ontology-seeds TagSuggestions.Thresholds.DEFAULT).
     */
    public record EmergingThreshold(int minUses, int minCustomers) {
        public static final EmergingThreshold DEFAULT = new EmergingThreshold(5, 3);
    }

    /**
     * @param k     the k-anonymity of benchmark cohorts (an anomaly is only judged in a cohort that may be answered)
     * @param noise the benchmarks' noise (the service's, so that a notification reads the very statistics a
     *              benchmark answer about the same cohort releases)
     */
    public RecipientMatcher(Neo4jClient client, double similarity, int k, BenchmarkNoise noise) {
        this(client, similarity, k, EmergingThreshold.DEFAULT, noise);
    }

    public RecipientMatcher(Neo4jClient client, double similarity, int k, EmergingThreshold emerging, BenchmarkNoise noise) {
        this.client = client;
        this.emerging = emerging;
        this.release = new BenchmarkQuery.Release(noise);
        this.benchmark = new BenchmarkQuery(client);
        this.metrics = new MetricStore(client);
        this.similarity = similarity;
        this.k = k;
    }

    /** The candidates of a batch of events, at most one per (event, recipient): the most personal kind wins. */
    public List<Candidate> match(List<OutboxEvent> events) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (OutboxEvent event : events) {
            for (Candidate c : match(event)) {
                best.merge(c.key(), c, (a, b) -> a.kind().compareTo(b.kind()) <= 0 ? a : b);
            }
        }
        return List.copyOf(best.values());
    }

    /** The candidates of one event (possibly several per recipient). */
    public List<Candidate> match(OutboxEvent event) {
        if (event.field("source").filter("import"::equals).isPresent()) {
            return List.of(); // bulk history is not news (a tag crossing the emerging threshold is told at its next live use)
        }
        return switch (event.type()) {
            case SolutionChanged -> event.field("change").filter("proposed"::equals).isPresent()
                    ? rows(event, SOLUTION_PROPOSED, Map.of("id", event.aggregateId())) : List.of();
            case ConfirmationRecorded -> event.field("confirmationId")
                    .map(id -> rows(event, CONFIRMATION, Map.of("confirmationId", id))).orElse(List.of());
            case InteractionAdded -> {
                Map<String, Object> p = new HashMap<>();
                p.put("id", event.aggregateId());
                p.put("actorId", event.field("actorId").orElse(null));
                p.put("channel", event.field("channel").orElse("WEB"));
                List<Candidate> out = new ArrayList<>(rows(event, INTERACTION, p));
                out.addAll(savedSearches(event, event.field("actorId").orElse(null)));
                yield out;
            }
            case ReportChanged -> {
                List<Candidate> out = new ArrayList<>();
                if (event.field("change").filter("created"::equals).isPresent()) {
                    out.addAll(rows(event, REPORT_CREATED, Map.of("id", event.aggregateId(), "similarity", similarity, "budget", MAX_OWNER_CANDIDATES)));
                }
                out.addAll(savedSearches(event, reporterOf(event.aggregateId())));
                yield out;
            }
            case TagApplied -> {
                if (event.field("tag").isEmpty()) {
                    yield List.of();
                }
                Map<String, Object> p = new HashMap<>();
                p.put("id", event.aggregateId());
                p.put("tag", event.field("tag").get());
                p.put("by", event.field("by").orElse(null));
                p.put("minUses", emerging.minUses());
                p.put("minCustomers", emerging.minCustomers());
                List<Candidate> out = new ArrayList<>(rows(event, EMERGING_TAG, p));
                if (PublicId.REPORT.matches(event.aggregateId()) || PublicId.SOLUTION.matches(event.aggregateId())) {
                    out.addAll(rows(event, TAGGED, p));
                }
                if (PublicId.REPORT.matches(event.aggregateId())) {
                    out.addAll(savedSearches(event, event.field("by").orElse(null)));
                }
                yield out;
            }
            case MeasurementRecorded -> anomaly(event).map(List::of).orElse(List.of());
            case ProductChanged, TagRemoved, ConfigurationChanged -> List.of();
        };
    }

    /** Saved searches the event's report starts to match (see SAVED_SEARCH); {@code actorId} is not told. */
    private List<Candidate> savedSearches(OutboxEvent event, String actorId) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", event.aggregateId());
        p.put("actorId", actorId);
        return rows(event, SAVED_SEARCH, p);
    }

    private String reporterOf(String reportId) {
        return client.query("MATCH (c:Customer)-[:REPORTED]->(:Report {id: $id}) RETURN c.id AS id").bind(reportId).to("id")
                .fetchAs(String.class).mappedBy((t, r) -> r.get("id").asString()).one().orElse(null);
    }

    private List<Candidate> rows(OutboxEvent event, String cypher, Map<String, Object> params) {
        return List.copyOf(client.query(cypher).bindAll(params).fetchAs(Candidate.class).mappedBy((t, r) -> new Candidate(
                event.seq(), event.at(), r.get("recipient").asString(), NotificationKind.valueOf(r.get("kind").asString()),
                r.get("subject").asString(), r.get("title").asString(null), r.get("detail").asString(null),
                r.get("actor").asString(null), r.get("symptom").asString(null))).all());
    }

    private record Measured(String owner, String metric, double value, String configuration, String name) {}

    /**
     * The owner's measurement is an anomaly when it lies below p5 or above p95 of the similar-peer cohort of a
     * configuration it is the latest value of. The cohort and its statistics are exactly the benchmark answer the
     * owner would be given about that configuration (the same question, noise and k rule: noisy counts, the
     * percentile read from them; it backs off to a larger group of peers, and says nothing when even that is
     * refused), never counting the owner: a notification tells nothing a benchmark answer would not.
     */
    private Optional<Candidate> anomaly(OutboxEvent event) {
        List<Measured> measured = List.copyOf(client.query(MEASURED).bind(event.aggregateId()).to("id").fetchAs(Measured.class)
                .mappedBy((t, r) -> new Measured(r.get("owner").asString(), r.get("metric").asString(), r.get("value").asDouble(),
                        r.get("configuration").asString(), r.get("name").asString(null))).all());
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        Metric metric = metrics.byKey(measured.getFirst().metric()).orElseThrow();
        List<Candidate> found = new ArrayList<>();
        for (Measured m : measured) {
            benchmark.run(new BenchmarkQuery.Question(m.configuration(), metric, Cohort.SIMILAR_PEERS, List.of(m.owner()), k,
                            0, null, release))
                    .filter(BenchmarkAnswer.Answered.class::isInstance).map(BenchmarkAnswer.Answered.class::cast)
                    .filter(a -> a.myPercentile() != null && (a.myPercentile() < 5.0 || a.myPercentile() > 95.0))
                    .ifPresent(a -> found.add(new Candidate(event.seq(), event.at(), m.owner(), NotificationKind.MEASUREMENT_ANOMALY,
                            event.aggregateId(), metric.name() + " " + number(m.value()) + " " + metric.unit(),
                            describe(a, m), null, null)));
        }
        return found.stream().min(Comparator.comparing(Candidate::detail));
    }

    private static String describe(BenchmarkAnswer.Answered a, Measured m) {
        String side = a.myPercentile() < 5.0 ? "below the 5th" : "above the 95th";
        return "%s percentile of %s%d peers like %s (%s)".formatted(side, a.customersRounded() ? "about " : "", a.customers(),
                m.name() == null ? "your configuration" : m.name(), a.cohort().description());
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
