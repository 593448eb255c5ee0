package io.peergraph.api.benchmark;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.CallerResolver;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.measurement.BenchmarkAnswer;
import io.peergraph.graph.measurement.BenchmarkQuery;
import io.peergraph.graph.measurement.Cohort;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.stuff.ConfigurationStore;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import io.peergraph.graph.measurement.BenchmarkNoise;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Controller;

/**
 * "Where do I stand among people like me?" k-anonymous by construction ({@link Cohort}): the caller's and the
 * configuration owner's own values never count, and a cohort that would expose fewer than k customers comes back
 * as a {@code BenchmarkRefused}, a result the front-end can explain, not an error. On top of that, differentially
 * private: every released count is noisy ({@link BenchmarkNoise}, ε per count), and answers change only at
 * release epochs ({@link BenchmarkReleases}); docs/privacy.md states the guarantee.
 */
@Controller
public class BenchmarkController {

    private final CallerResolver callers;
    private final Ownership ownership;
    private final ConfigurationStore configurations;
    private final MetricStore metrics;
    private final BenchmarkQuery query;
    private final int k;
    private final BenchmarkNoise noise;
    private final BenchmarkReleases releases;

    public BenchmarkController(CallerResolver callers, Ownership ownership, ConfigurationStore configurations, MetricStore metrics,
                               BenchmarkQuery query, BenchmarkNoise noise, @Value("${peergraph.privacy.k-anonymity:5}") int k,
                               @Value("${peergraph.privacy.questions-per-epoch:200}") int questionsPerEpoch) {
        if (k < 2) {
            throw new IllegalArgumentException("peergraph.privacy.k-anonymity must be at least 2, not " + k);
        }
        this.callers = callers;
        this.ownership = ownership;
        this.configurations = configurations;
        this.metrics = metrics;
        this.query = query;
        this.k = k;
        this.noise = noise;
        this.releases = new BenchmarkReleases(questionsPerEpoch);
    }

    /** Most months of trend one question may ask for. */
    static final int MAX_TREND_MONTHS = 24;

    @QueryMapping
    public BenchmarkAnswer benchmark(@Argument String metric, @Argument String configuration, @Argument Cohort cohort,
                                     DataFetchingEnvironment env) {
        int trendMonths = trendMonths(env);
        Caller caller = callers.current();
        Inputs.id("configuration", configuration, PublicId.CONFIGURATION);
        Metric m = metrics.byKey(metric).orElseThrow(() -> new ApiException.BadUserInput("metric", "no metric " + metric + " (see the metrics query)"));
        if (!ownership.of(caller, configuration, "configuration").canRead()) {
            throw new ApiException.Forbidden("Ask about your own configurations.");
        }
        String ownerId = configurations.byId(configuration).orElseThrow(() -> new ApiException.NotFound("configuration", configuration)).ownerId();
        Instant now = Instant.now();
        long epoch = noise.epochOf(now);
        return releases.answer(epoch, noise.secondsToNextEpoch(now), caller.customerId(), m.key(), String.join("|", caller.customerId(), configuration, m.key(),
                        cohort.name()), trendMonths,
                decisions -> query.run(new BenchmarkQuery.Question(configuration, m, cohort, Set.copyOf(List.of(caller.customerId(), ownerId)), k,
                                trendMonths, YearMonth.now(ZoneOffset.UTC), new BenchmarkQuery.Release(noise, decisions)))
                        .orElseThrow(() -> new ApiException.NotFound("configuration", configuration)));
    }

    /** The trend is read in the same pass as the benchmark, and only when selected: the most months any selection asks. */
    private static int trendMonths(DataFetchingEnvironment env) {
        int months = 0;
        for (SelectedField field : env.getSelectionSet().getImmediateFields()) {
            if (field.getName().equals("trend")) {
                int asked = ((Number) field.getArguments().getOrDefault("months", 12)).intValue();
                if (asked < 1 || asked > MAX_TREND_MONTHS) {
                    throw new ApiException.BadUserInput("months", "a trend covers 1–" + MAX_TREND_MONTHS + " months");
                }
                months = Math.max(months, asked);
            }
        }
        return months;
    }

    @SchemaMapping(typeName = "Benchmark")
    public List<BenchmarkAnswer.Month> trend(BenchmarkAnswer.Answered answer, @Argument int months) {
        List<BenchmarkAnswer.Month> all = answer.trend();
        return all.subList(Math.max(0, all.size() - months), all.size());
    }

    @SchemaMapping(typeName = "BenchmarkMonth")
    public String month(BenchmarkAnswer.Month month) {
        return month.month().toString();
    }

    @SchemaMapping(typeName = "BenchmarkRefused")
    public String message(BenchmarkAnswer.Refused refused) {
        return switch (refused.reason()) {
            case FEWER_THAN_K_CUSTOMERS -> "Counted with the noise that keeps its members private, this cohort has fewer than "
                    + refused.k() + " other customers; try SIMILAR_PEERS.";
            case DIFFERS_FROM_A_LARGER_COHORT_BY_FEWER_THAN_K -> "Counted with noise, this cohort differs from a larger one by fewer than "
                    + refused.k() + " customers, so the two together could narrow someone's values down.";
            case DIFFERS_FROM_THE_WHOLE_COHORT_BY_FEWER_THAN_K -> "Fewer than " + refused.k()
                    + " customers of this cohort are missing from one month, so the two together could reveal their values.";
        };
    }

    /** The union's members are told apart by their Java type. */
    @org.springframework.context.annotation.Bean
    static RuntimeWiringConfigurer benchmarkResultTypes() {
        return wiring -> wiring.type("BenchmarkResult", type -> type.typeResolver(env -> env.getSchema().getObjectType(
                env.getObject() instanceof BenchmarkAnswer.Answered ? "Benchmark" : "BenchmarkRefused")));
    }
}
