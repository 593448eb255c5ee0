package io.peergraph.api.benchmark;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.CohortDecisions;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Release epochs: within one epoch every statistic of a benchmark is computed once per question (who asks, about
 * which configuration, metric and cohort) and then returned as first released, whatever changes in the graph
 * meanwhile. Another question of the same asker that reaches a cohort already decided in the epoch gets the same
 * decision (answered or refused, and the walk of similar peers stops where it stopped) and, when answered, the same
 * statistics. Asking before and after a victim records a value or leaves the statistics therefore shows the same
 * answer; a trend month is likewise fixed the first time it is released, even when a later question asks for a
 * longer trend. Everything is dropped when the epoch ends. Held in memory: a restart starts the epoch's releases
 * afresh (with the same noise, which is keyed by what is counted, not by the restart).
 * <p>
 * Each asker has a budget of distinct questions per epoch: every new answer spends privacy (docs/privacy.md), so the
 * budget bounds what one customer can learn per epoch, and it bounds what an asker can make this class hold in
 * memory. Asking a question already answered in the epoch again spends nothing.
 */
final class BenchmarkReleases {

    private final int questionsPerEpoch;
    /** Distinct questions answered per asker in this epoch. */
    private final Map<String, Integer> asked = new ConcurrentHashMap<>();

    BenchmarkReleases(int questionsPerEpoch) {
        if (questionsPerEpoch < 1) {
            throw new IllegalArgumentException("peergraph.privacy.questions-per-epoch must be at least 1, not " + questionsPerEpoch);
        }
        this.questionsPerEpoch = questionsPerEpoch;
    }

    private record Release(BenchmarkAnswer answer, Map<YearMonth, BenchmarkAnswer.Month> months) {}

    private final Map<String, Release> released = new ConcurrentHashMap<>();
    /** By (asker, metric, answered cohort): whatever question reached the cohort first in the epoch. */
    private final Map<String, Release> byCohort = new ConcurrentHashMap<>();
    /** By (asker, metric, cohort): whether the cohort is answered, as first decided in the epoch (empty: answered). */
    private final Map<String, Optional<BenchmarkAnswer.Reason>> decisions = new ConcurrentHashMap<>();
    private volatile long epoch = Long.MIN_VALUE;

    /**
     * The answer to {@code question} in {@code epoch}: the first one computed in the epoch, its trend made of the
     * months released first. {@code compute} computes afresh (with {@code months} of trend when asked), deciding
     * each cohort as the asker's earlier questions of the epoch decided it; {@code secondsToNextEpoch} is what a caller
     * over budget is told to wait.
     *
     * @throws ApiException.RateLimited when {@code question} is new in the epoch and the asker has spent the budget
     */
    BenchmarkAnswer answer(long epoch, long secondsToNextEpoch, String asker, String metric, String question, int months,
                           Function<CohortDecisions, BenchmarkAnswer> compute) {
        if (epoch != this.epoch) {
            synchronized (this) {
                if (epoch != this.epoch) {
                    released.clear();
                    byCohort.clear();
                    decisions.clear();
                    asked.clear();
                    this.epoch = epoch;
                }
            }
        }
        if (!released.containsKey(question) && asked.merge(asker, 1, Integer::sum) > questionsPerEpoch) {
            asked.merge(asker, -1, Integer::sum);
            throw new ApiException.RateLimited("You have asked " + questionsPerEpoch + " different benchmark questions in this "
                    + "release period; every new answer spends some of the privacy that protects the customers counted in it. "
                    + "Questions already answered can be asked again; new ones after the period ends.", Math.max(1, secondsToNextEpoch));
        }
        Release release = released.compute(question, (key, before) -> {
            if (before != null && (months == 0 || !(before.answer() instanceof BenchmarkAnswer.Answered) || covers(before, months))) {
                return before;
            }
            BenchmarkAnswer fresh = sameCohortAsBefore(asker, metric, compute.apply((cohort, decide) ->
                    decisions.computeIfAbsent(cohortKey(asker, metric, cohort), k -> decide.get())));
            if (before == null) {
                return new Release(fresh, months(fresh));
            }
            // The statistics stay as first released; only months never released before are added.
            Map<YearMonth, BenchmarkAnswer.Month> merged = new LinkedHashMap<>(months(fresh));
            merged.putAll(before.months());
            return new Release(before.answer(), merged);
        });
        return withTrend(release, months);
    }

    /**
     * Another question of the same asker (another configuration with the same items, another cohort argument) that
     * reaches a cohort already answered in this epoch gets that answer's statistics, seen from its own value: a
     * second configuration is no way around the epoch.
     */
    private BenchmarkAnswer sameCohortAsBefore(String asker, String metric, BenchmarkAnswer fresh) {
        if (!(fresh instanceof BenchmarkAnswer.Answered a)) {
            return fresh;
        }
        Release kept = byCohort.merge(cohortKey(asker, metric, a.cohort()), new Release(a, months(a)), (first, now) -> {
            // Months first released stay; months never released to this asker for this cohort are added.
            Map<YearMonth, BenchmarkAnswer.Month> merged = new LinkedHashMap<>(now.months());
            merged.putAll(first.months());
            return new Release(first.answer(), merged);
        });
        List<BenchmarkAnswer.Month> trend = a.trend().stream().map(m -> {
            BenchmarkAnswer.Month k = kept.months().getOrDefault(m.month(), m);
            return k.statistics() == null || m.statistics() == null ? k
                    : new BenchmarkAnswer.Month(k.month(), k.statistics().seenFrom(m.statistics().myValue()), null);
        }).toList();
        return ((BenchmarkAnswer.Answered) kept.answer()).seenFrom(a.myValue()).withTrend(trend);
    }

    private static String cohortKey(String asker, String metric, BenchmarkAnswer.Level cohort) {
        return String.join("|", asker, metric, Integer.toString(cohort.depth()), cohort.description());
    }

    private static boolean covers(Release release, int months) {
        YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i < months; i++) {
            if (!release.months().containsKey(now.minusMonths(i))) return false;
        }
        return true;
    }

    private static Map<YearMonth, BenchmarkAnswer.Month> months(BenchmarkAnswer answer) {
        Map<YearMonth, BenchmarkAnswer.Month> out = new LinkedHashMap<>();
        if (answer instanceof BenchmarkAnswer.Answered a) {
            a.trend().forEach(m -> out.put(m.month(), m));
        }
        return out;
    }

    /** The released answer with its trend: the released months of the window, oldest first. */
    private static BenchmarkAnswer withTrend(Release release, int months) {
        if (!(release.answer() instanceof BenchmarkAnswer.Answered a) || months == 0) {
            return release.answer();
        }
        YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC);
        List<BenchmarkAnswer.Month> trend = new java.util.ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            BenchmarkAnswer.Month m = release.months().get(now.minusMonths(i));
            if (m != null) trend.add(m);
        }
        return a.withTrend(trend);
    }

}
