package io.peergraph.graph.measurement;

import io.peergraph.graph.facet.DeclaredKinds;
import io.peergraph.graph.facet.ItemFacets;
import io.peergraph.graph.tag.TagLabel;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.neo4j.driver.Value;
import org.springframework.data.neo4j.core.Neo4jClient;

/**
 * "Where do I stand among people like me?" One pass over the metric's latest values ({@code LATEST_VALUE}
 * relationships into the one {@code :Metric} node, found by the {@code metric_key} constraint) places every
 * counted configuration at its depth on my path through the {@link Cohort} tree; the answer is the group the
 * cohort asks for, if the k rule, decided on the noisy counts the answer would carry, allows it. Only
 * configurations with {@code inStatistics} (and not private) count, never the asker's own.
 */
public final class BenchmarkQuery {

    /** The fixed grid every statistic is computed on. */
    static final int BUCKETS = 50;

    private static final String DEPTHS = """
            MATCH (me:Configuration {id: $configurationId})
            MATCH (metric:Metric {key: $metric})
            WITH me, metric,
                 head([(me)-[:OF_ITEM]->(:Item)-[:INSTANCE_OF]->(p:Product) | p {.id, .name}]) AS myProduct,
                 [kind IN $ladder | [(me)-[:INCLUDES]->(i:ConfigItem) WHERE i.kind = kind
                    | i {.id, .value, unit: coalesce(head([(i)-[:CLASSIFIED_AS]->(c:Concept) WHERE c.origin IS NULL OR c.origin <> 'GENERATED' | c.id]), i.id),
                         concept: head([(i)-[:CLASSIFIED_AS]->(c:Concept) WHERE c.origin IS NULL OR c.origin <> 'GENERATED' | coalesce(c.prefLabel_en, c.prefLabel)])}]] AS mine
            CALL (me, metric) {
              OPTIONAL MATCH (me)-[l:LATEST_VALUE]->(metric)
              RETURN l.value AS myValue, CASE WHEN $since IS NULL THEN [] ELSE
                       [(me)<-[:ABOUT]-(m:Measurement)-[:OF_METRIC]->(metric) WHERE m.at >= $since | [m.at, m.value]]
                       + [(me)-[:OF_ITEM]->(:Item)<-[:ABOUT]-(m:Measurement)-[:OF_METRIC]->(metric) WHERE m.at >= $since | [m.at, m.value]]
                     END AS myHistory
            }
            // OPTIONAL: a metric nobody else measured is a cohort of none (refused), not a missing configuration.
            OPTIONAL CALL (metric, myProduct, mine) {
              MATCH (owner:Customer)-[:OWNS]->(c:Configuration)-[l:LATEST_VALUE]->(metric)
              WHERE coalesce(c.inStatistics, true) AND coalesce(c.privacy, 'COMMUNITY') <> 'PRIVATE'
                AND NOT owner.id IN $excludedOwners
              WITH owner, c, l.value AS value, head([(c)-[:OF_ITEM]->(:Item)-[:INSTANCE_OF]->(p:Product) | p.id]) AS product
              WITH owner, c, value, product = myProduct.id OR (product IS NULL AND myProduct IS NULL) AS sameProduct
              // Items only for configurations of my product: the others stop at depth 0 whatever they include. An item
              // counts as the concept it is classified as (two items merged into one concept are the same), else itself;
              // not as a generated family concept (driver major, age band: facet.FamilyConcepts), which would make the
              // cohort of my exact driver that of every driver of its major version.
              WITH owner, c, value, sameProduct, CASE WHEN sameProduct
                     THEN [(c)-[:INCLUDES]->(i:ConfigItem) WHERE i.kind IN $ladder
                           | [i.kind, coalesce(head([(i)-[:CLASSIFIED_AS]->(x:Concept) WHERE x.origin IS NULL OR x.origin <> 'GENERATED' | x.id]), i.id)]] ELSE [] END AS items
              // A configuration of another domain (none of my ladder's kinds, some of another's) stops at the product.
              WITH owner, c, value, sameProduct, items,
                   sameProduct AND size(items) = 0 AND EXISTS { (c)-[:INCLUDES]->(o:ConfigItem) WHERE o.kind IN $foreignKinds } AS foreign
              WITH owner, c, value, sameProduct, foreign,
                   [s IN range(0, size($ladder) - 1) |
                      size([p IN items WHERE p[0] = $ladder[s]]) = size(mine[s])
                      AND all(m IN mine[s] WHERE [$ladder[s], m.unit] IN items)] AS sameKind
              WITH owner, c, value, CASE WHEN NOT sameProduct THEN 0 WHEN foreign THEN 1
                   ELSE 1 + reduce(run = [0, true], ok IN sameKind |
                              CASE WHEN run[1] AND ok THEN [run[0] + 1, true] ELSE [run[0], false] END)[0] END AS depth
              // The trend's raw material, read only when a trend is asked for: this configuration's measurements
              // (of it or of its item) since the window's first month.
              WITH owner, value, depth, [(owner)-[:MEMBER_OF]-(x:Customer) | x.id] AS links, CASE WHEN $since IS NULL THEN [] ELSE
                     [(c)<-[:ABOUT]-(m:Measurement)-[:OF_METRIC]->(metric) WHERE m.at >= $since | [m.at, m.value]]
                     + [(c)-[:OF_ITEM]->(:Item)<-[:ABOUT]-(m:Measurement)-[:OF_METRIC]->(metric) WHERE m.at >= $since | [m.at, m.value]]
                   END AS history
              RETURN depth, collect(owner.id) AS owners, collect(links) AS links, collect(value) AS values,
                     collect(history) AS histories
            }
            RETURN myProduct, mine, myValue, myHistory,
                   collect(CASE WHEN depth IS NOT NULL THEN {depth: depth, owners: owners, links: links, values: values, histories: histories} END) AS levels
            """;

    private static final String MY_KINDS = """
            MATCH (:Configuration {id: $configurationId})-[:INCLUDES]->(i:ConfigItem)
            RETURN DISTINCT i.kind AS kind
            """;

    private final Neo4jClient client;
    private final DeclaredKinds declaredKinds;

    public BenchmarkQuery(Neo4jClient client) {
        this.client = client;
        this.declaredKinds = new DeclaredKinds(client);
    }

    /**
     * @param trendMonths how many calendar months (UTC) of trend, ending with {@code trendUntil}; 0 for none
     *                    (the trend costs a read of every counted configuration's measurements in the window)
     */
    /**
     * @param release where the answer's noise comes from and what makes its draws its own (the asker and the
     *                release epoch); null for exact counts, only for uses that release nothing to a customer
     */
    public record Question(String configurationId, Metric metric, Cohort cohort, Collection<String> excludedOwnerIds, int k,
                           int trendMonths, YearMonth trendUntil, Release release) {
        public Question(String configurationId, Metric metric, Cohort cohort, Collection<String> excludedOwnerIds, int k) {
            this(configurationId, metric, cohort, excludedOwnerIds, k, 0, null, null);
        }

        public Question(String configurationId, Metric metric, Cohort cohort, Collection<String> excludedOwnerIds, int k,
                        int trendMonths, YearMonth trendUntil) {
            this(configurationId, metric, cohort, excludedOwnerIds, k, trendMonths, trendUntil, null);
        }

        YearMonth trendFrom() {
            return trendUntil.minusMonths(trendMonths - 1L);
        }
    }

    /**
     * Noisy counts: every count of the answer gets a draw labelled with the metric and exactly what is counted
     * (see {@link Statistics}), not with who asks or when: the same input is the same release for everyone and in
     * every epoch, so neither colluding askers nor patience average the noise away; only a changed input draws anew.
     * {@code decisions} keeps whether a cohort is answered as first decided in the release epoch ({@link CohortDecisions}).
     */
    public record Release(BenchmarkNoise noise, CohortDecisions decisions) {
        public Release(BenchmarkNoise noise) {
            this(noise, CohortDecisions.FRESH);
        }

        Statistics.Release of(Metric metric, int k) {
            return new Statistics.Release(noise, metric.key(), k);
        }

        /**
         * The noisy number of contributors this release draws for a group with these values (one per contributor,
         * by contributor id): what the k rule decides on and, rounded, what an answer about the group says. For
         * checks of an answer against an input known in advance.
         */
        public int total(Metric metric, SortedMap<String, Double> valuePerContributor) {
            return Statistics.total(metric, valuePerContributor, of(metric, 0));
        }
    }

    /** The ladder of my configuration's domain, and the kinds of the other domains. */
    private record Ladder(List<String> kinds, List<String> foreignKinds) {}

    private Ladder ladder(String configurationId) {
        ItemFacets facets = declaredKinds.read();
        List<String> kinds = client.query(MY_KINDS).bind(configurationId).to("configurationId").fetchAs(String.class)
                .mappedBy((t, r) -> r.get("kind").asString()).all().stream().toList();
        ItemFacets.Ladder ladder = facets.ladderFor(kinds);
        return new Ladder(ladder.kinds(), facets.kindsOutside(ladder.domain()));
    }

    /** Empty when the configuration does not exist. */
    public Optional<BenchmarkAnswer> run(Question q) {
        Map<String, Object> p = new HashMap<>();
        p.put("configurationId", q.configurationId());
        p.put("metric", q.metric().key());
        Ladder ladder = ladder(q.configurationId());
        p.put("ladder", ladder.kinds());
        p.put("foreignKinds", ladder.foreignKinds());
        p.put("excludedOwners", List.copyOf(q.excludedOwnerIds()));
        p.put("since", q.trendMonths() <= 0 ? null : q.trendFrom().atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        return client.query(DEPTHS).bindAll(p).fetchAs(BenchmarkAnswer.class).mappedBy((t, r) -> answer(q, ladder.kinds(), r.get("myProduct"),
                r.get("mine"), r.get("myValue"), monthly(r.get("myHistory")), r.get("levels"))).one();
    }

    /**
     * A counted configuration: its depth on my path, its contributor (its owner, or the one contributor its owner
     * belongs to, see {@link Contributors}), latest value, and last value of each month measured.
     */
    record Row(int depth, String owner, double value, Map<YearMonth, Double> months) {}

    private static BenchmarkAnswer answer(Question q, List<String> ladder, Value myProduct, Value mine, Value myValue, Map<YearMonth, Double> myMonths,
                                          Value levels) {
        List<Row> raw = new ArrayList<>();
        Contributors contributors = new Contributors();
        q.excludedOwnerIds().forEach(contributors::add);
        for (Value level : levels.values()) {
            int depth = level.get("depth").asInt();
            List<String> owners = level.get("owners").asList(Value::asString);
            List<List<String>> links = level.get("links").asList(l -> l.asList(Value::asString));
            List<Double> values = level.get("values").asList(Value::asDouble);
            List<Value> histories = level.get("histories").asList(v -> v);
            for (int i = 0; i < owners.size(); i++) {
                raw.add(new Row(depth, owners.get(i), values.get(i), monthly(histories.get(i))));
                contributors.link(owners.get(i), links.get(i));
            }
        }
        // An organisation and its members are one contributor; the asker's and the owner's never count.
        List<Row> rows = raw.stream().filter(r -> q.excludedOwnerIds().stream().noneMatch(x -> contributors.same(x, r.owner())))
                .map(r -> new Row(r.depth(), contributors.of(r.owner()), r.value(), r.months())).toList();
        List<BenchmarkAnswer.Level> path = path(ladder, myProduct, mine);
        int target = switch (q.cohort()) {
            case SAME_PRODUCT -> 1;
            case SAME_CONFIGURATION_ITEMS, SIMILAR_PEERS -> Cohort.levels(ladder) - 1;
        };
        ToIntFunction<List<Row>> count = counting(q.metric(), release(q));
        CohortDecisions decisions = q.release() == null ? CohortDecisions.FRESH : q.release().decisions();
        IntFunction<Optional<BenchmarkAnswer.Reason>> decide = depth -> decisions.refusal(path.get(depth),
                () -> refusal(rows, depth, q.k(), count));
        Optional<BenchmarkAnswer.Reason> refusal = decide.apply(target);
        if (q.cohort() == Cohort.SIMILAR_PEERS) {
            while (refusal.isPresent() && target > 0) {
                target--; // back off to the next larger group of peers like me
                refusal = decide.apply(target);
            }
        }
        if (refusal.isPresent()) {
            return new BenchmarkAnswer.Refused(path.get(target), refusal.get(), q.k());
        }
        int depth = target;
        List<Row> members = rows.stream().filter(r -> r.depth() >= depth).toList();
        BenchmarkAnswer.Answered answer = Statistics.of(q.metric(), path.get(target), perContributor(members, Row::value),
                myValue.isNull() ? null : myValue.asDouble(), release(q));
        return q.trendMonths() <= 0 ? answer : answer.withTrend(trend(q, rows, depth, path.get(target), myMonths));
    }

    /**
     * The answered cohort month by month, each month held to the cohort's own k rule on its contributors' values
     * that month (decided on the month's noisy total, as the cohort is). A month is an answer of its own: the
     * difference between a month and the cohort's latest values is the difference of two noisy releases, which
     * differential privacy covers (the rule that refused months missing fewer than k of the cohort was an exact
     * count, so it is gone).
     */
    static List<BenchmarkAnswer.Month> trend(Question q, List<Row> rows, int depth, BenchmarkAnswer.Level cohort,
                                             Map<YearMonth, Double> mine) {
        ToIntFunction<List<Row>> count = counting(q.metric(), release(q));
        List<BenchmarkAnswer.Month> months = new ArrayList<>();
        for (YearMonth month = q.trendFrom(); !month.isAfter(q.trendUntil()); month = month.plusMonths(1)) {
            YearMonth m = month;
            List<Row> measured = rows.stream().filter(r -> r.months().containsKey(m))
                    .map(r -> new Row(r.depth(), r.owner(), r.months().get(m), Map.of())).toList();
            List<Row> members = measured.stream().filter(r -> r.depth() >= depth).toList();
            Optional<BenchmarkAnswer.Reason> refusal = refusal(measured, depth, q.k(), count);
            months.add(refusal.map(reason -> new BenchmarkAnswer.Month(m, null, reason)).orElseGet(() -> new BenchmarkAnswer.Month(m,
                    Statistics.of(q.metric(), cohort, perContributor(members, Row::value), mine.get(m),
                            release(q)), null)));
        }
        return months;
    }

    /** [at, value] pairs → the last value of each calendar month (UTC); the larger value on equal times. */
    private static Map<YearMonth, Double> monthly(Value history) {
        if (history.isNull() || history.isEmpty()) {
            return Map.of();
        }
        Map<YearMonth, OffsetDateTime> lastAt = new HashMap<>();
        Map<YearMonth, Double> last = new HashMap<>();
        for (Value pair : history.values()) {
            OffsetDateTime at = pair.get(0).asZonedDateTime().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            double value = pair.get(1).asDouble();
            YearMonth month = YearMonth.from(at);
            OffsetDateTime seen = lastAt.get(month);
            if (seen == null || at.isAfter(seen) || (at.isEqual(seen) && value > last.get(month))) {
                lastAt.put(month, at);
                last.put(month, value);
            }
        }
        return last;
    }

    /**
     * Why the group at {@code depth} may not be answered: it counts fewer than k contributors, or its nearest larger
     * group that differs from it counts fewer than k more (larger groups further up only differ by more, so the
     * nearest is the one to check). {@code count} is what a group counts as: for released answers its noisy total,
     * so that whether a group is answered is itself a differentially private output ({@link #counting}).
     */
    static Optional<BenchmarkAnswer.Reason> refusal(List<Row> rows, int depth, int k, ToIntFunction<List<Row>> count) {
        int cohort = count.applyAsInt(rows.stream().filter(r -> r.depth() >= depth).toList());
        if (cohort < k) {
            return Optional.of(BenchmarkAnswer.Reason.FEWER_THAN_K_CUSTOMERS);
        }
        int nearest = rows.stream().mapToInt(Row::depth).filter(d -> d < depth).max().orElse(-1);
        if (nearest >= 0 && count.applyAsInt(rows.stream().filter(r -> r.depth() >= nearest).toList()) - cohort < k) {
            return Optional.of(BenchmarkAnswer.Reason.DIFFERS_FROM_A_LARGER_COHORT_BY_FEWER_THAN_K);
        }
        return Optional.empty();
    }

    /**
     * What a group of rows counts as for the k rule: with a release, the noisy total its answer would carry (the same
     * draw: the same metric, contributors and values, see {@link Statistics#total}), so the decision costs no privacy
     * beyond that total's; without one (uses that release nothing to a customer), its exact number of contributors.
     */
    static ToIntFunction<List<Row>> counting(Metric metric, Statistics.Release release) {
        return group -> Statistics.total(metric, perContributor(group, Row::value), release);
    }

    private static Statistics.Release release(Question q) {
        return q.release() == null ? null : q.release().of(q.metric(), q.k());
    }

    /** One value per contributor, however many configurations they have in the cohort: the mean of theirs. */
    static SortedMap<String, Double> perContributor(List<Row> members, ToDoubleFunction<Row> value) {
        SortedMap<String, double[]> sums = new TreeMap<>();
        for (Row r : members) {
            double[] s = sums.computeIfAbsent(r.owner(), o -> new double[2]);
            s[0] += value.applyAsDouble(r);
            s[1]++;
        }
        SortedMap<String, Double> means = new TreeMap<>();
        sums.forEach((owner, s) -> means.put(owner, s[0] / s[1]));
        return means;
    }

    /**
     * An item of a rung as the cohort compares it: its value, and the concept it counts as when that is not the value
     * in other words ("urban (as Inner city)" once a moderator merged Urban into Inner city: the cohort holds both).
     */
    private static String described(Value item) {
        String value = item.get("value").asString();
        String concept = item.get("concept").asString(null);
        return concept == null || TagLabel.normalize(concept).equals(TagLabel.normalize(value)) ? value : value + " (as " + concept + ")";
    }

    private static List<BenchmarkAnswer.Level> path(List<String> ladder, Value myProduct, Value mine) {
        List<BenchmarkAnswer.Level> path = new ArrayList<>();
        path.add(new BenchmarkAnswer.Level(0, "every configuration with a value of this metric"));
        StringBuilder same = new StringBuilder("same product: ")
                .append(myProduct.isNull() ? "none" : myProduct.get("name").asString());
        path.add(new BenchmarkAnswer.Level(1, same.toString()));
        for (int s = 0; s < ladder.size(); s++) {
            List<String> values = mine.get(s).asList(BenchmarkQuery::described);
            same.append(", same ").append(ladder.get(s)).append(": ").append(values.isEmpty() ? "none" : String.join(" + ", values));
            path.add(new BenchmarkAnswer.Level(s + 2, same.toString()));
        }
        return path;
    }
}
