package io.peergraph.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peergraph.api.security.Role;
import io.peergraph.api.testing.ApiTest;
import io.peergraph.api.testing.GraphQlHttp;
import io.peergraph.graph.customer.CustomerStore;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import io.peergraph.graph.stuff.ConfigItemValue;
import io.peergraph.graph.stuff.ConfigurationStore;
import io.peergraph.graph.stuff.Privacy;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Benchmarks over HTTP against small cohorts built for each test (a metric of its own, items of its own):
 * the k-anonymity threshold, the differencing attack, opt-outs, and who may ask.
 */
@ApiTest
class BenchmarkTest {

    static final String BENCHMARK = """
            query($m: String!, $c: ID!, $cohort: Cohort!) {
              benchmark(metric: $m, configuration: $c, cohort: $cohort) {
                __typename
                ... on Benchmark { customers customersRounded p10 p25 p50 p75 p90 myValue myPercentile
                                   cohort { depth description } histogram { from to count } }
                ... on BenchmarkRefused { reason k message cohort { depth } }
              }
            }""";

    @Autowired GraphQlHttp api;
    @Autowired CustomerStore customers;
    @Autowired ConfigurationStore configurations;
    @Autowired MetricStore metrics;
    @Autowired MeasurementStore measurements;

    String u;
    Metric fps;
    String aliceToken;
    String aliceId;

    @BeforeEach
    void metric() {
        u = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        fps = metrics.define(new Metric(null, "fps-" + u, "Frames per second", "frames/s", Metric.Direction.HIGHER_IS_BETTER, 0, 1000)).orElseThrow();
        aliceToken = api.token("alice-" + u, List.of(Role.CUSTOMER));
        aliceId = api.post(aliceToken, "{ me { customer { id } } }").data().path("me").path("customer").path("id").asText();
    }

    @Test
    void aCohortOfFourIsRefusedAndOfFiveAnswered() {
        String mine = config(aliceId, true, "gpu A", "driver A");
        measure(aliceId, mine, 60);
        for (int i = 0; i < 4; i++) {
            measure(peer(), config(lastPeer, true, "gpu A", "driver A"), 50 + i);
        }
        measure(peer(), config(lastPeer, false, "gpu A", "driver A"), 70); // opted out of statistics: never counts
        JsonNode refused = ask(mine, "SAME_CONFIGURATION_ITEMS");
        assertThat(refused.path("__typename").asText()).isEqualTo("BenchmarkRefused");
        assertThat(refused.path("reason").asText()).isEqualTo("FEWER_THAN_K_CUSTOMERS");
        assertThat(refused.path("k").asInt()).isEqualTo(5);

        measure(peer(), config(lastPeer, true, "gpu A", "driver A"), 58);
        JsonNode answered = ask(mine, "SAME_CONFIGURATION_ITEMS");
        assertThat(answered.path("__typename").asText()).isEqualTo("Benchmark");
        assertThat(answered.path("customers").asInt()).isEqualTo(5);
        assertThat(answered.path("myValue").asDouble()).isEqualTo(60);
        assertThat(answered.path("myPercentile").asDouble()).isGreaterThan(50);
        assertThat(answered.path("histogram").findValues("count").stream().mapToInt(JsonNode::asInt).sum())
                .as("the opted-out 70 is not counted").isEqualTo(5);
        assertThat(answered.path("p50").asDouble()).isBetween(40.0, 80.0);
        assertThat(answered.path("cohort").path("description").asText()).contains(u + " gpu A", u + " driver A");
    }

    @Test
    void twoCohortsDifferingByOneCustomerDoNotBothAnswer() {
        for (int i = 0; i < 6; i++) {
            measure(peer(), config(lastPeer, true, "gpu B", "driver B"), 40 + i);
        }
        double secret = 990;
        measure(peer(), config(lastPeer, true, "gpu B", "driver C"), secret); // the victim: same GPU, another driver
        String likeTheSix = config(aliceId, true, "gpu B", "driver B");
        String likeTheVictim = config(aliceId, true, "gpu B", "driver C");
        String gpuOnly = config(aliceId, true, "gpu B");

        JsonNode six = ask(likeTheSix, "SAME_CONFIGURATION_ITEMS");
        assertThat(six.path("__typename").asText()).isEqualTo("BenchmarkRefused");
        assertThat(six.path("reason").asText()).isEqualTo("DIFFERS_FROM_A_LARGER_COHORT_BY_FEWER_THAN_K");
        assertThat(ask(likeTheVictim, "SAME_CONFIGURATION_ITEMS").path("__typename").asText()).isEqualTo("BenchmarkRefused");

        // Every answer the attacker can get is about the same seven customers: subtracting reveals nothing.
        // That includes the months of the trend (all measured this month: the month is the whole cohort).
        String withTrend = BENCHMARK.replace("histogram { from to count } }",
                "histogram { from to count } trend(months: 2) { month suppressed statistics { p50 histogram { from to count } } } }");
        List<JsonNode> answers = new ArrayList<>();
        for (String config : List.of(likeTheSix, likeTheVictim, gpuOnly)) {
            for (String cohort : List.of("SIMILAR_PEERS", "SAME_CONFIGURATION_ITEMS", "SAME_PRODUCT")) {
                JsonNode a = api.post(aliceToken, withTrend, Map.of("m", fps.key(), "c", config, "cohort", cohort)).data().path("benchmark");
                if (a.path("__typename").asText().equals("Benchmark")) {
                    answers.add(a);
                    a.path("trend").forEach(month -> {
                        if (month.path("suppressed").isNull()) {
                            assertThat(month.path("statistics").path("histogram")).isEqualTo(a.path("histogram"));
                        }
                    });
                    ((ObjectNode) a).remove("trend");
                }
            }
        }
        assertThat(answers).isNotEmpty();
        assertThat(answers).extracting(a -> a.path("histogram")).containsOnly(answers.getFirst().path("histogram"));
        assertThat(answers).extracting(a -> a.path("p50")).containsOnly(answers.getFirst().path("p50"));
        for (JsonNode a : answers) {
            assertThat(a.toString()).doesNotContain("990");
        }
    }

    @Test
    void measurementsOutOfRangeOrInTheWrongUnitAreRejectedAndNothingIsWritten() {
        String mine = config(aliceId, true, "gpu D");
        String record = "mutation($in: MeasurementInput!) { recordMeasurement(input: $in) { id created } }";
        var wrongUnit = api.post(aliceToken, record, Map.of("in", Map.of("configuration", mine, "metric", fps.key(), "value", 60, "unit", "Hz")));
        assertThat(wrongUnit.errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(wrongUnit.firstError().path("extensions").path("field").asText()).isEqualTo("input.unit");
        var outOfRange = api.post(aliceToken, record, Map.of("in", Map.of("configuration", mine, "metric", fps.key(), "value", 5000, "unit", "frames/s")));
        assertThat(outOfRange.firstError().path("extensions").path("field").asText()).isEqualTo("input.value");

        String batch = "mutation($ms: [MeasurementInput!]!) { recordMeasurements(measurements: $ms) { created measurements { id created } } }";
        var half = api.post(aliceToken, batch, Map.of("ms", List.of(
                Map.of("configuration", mine, "metric", fps.key(), "value", 60, "unit", "frames/s", "key", "a"),
                Map.of("configuration", mine, "metric", fps.key(), "value", -1, "unit", "frames/s", "key", "b"))));
        assertThat(half.firstError().path("extensions").path("field").asText()).isEqualTo("measurements[1].value");
        assertThat(measurements.count(aliceId, fps.key())).isZero();

        List<Map<String, Object>> good = List.of(
                Map.of("configuration", mine, "metric", fps.key(), "value", 60, "unit", "frames/s", "key", "a", "at", "2026-01-01T00:00:00Z"),
                Map.of("configuration", mine, "metric", fps.key(), "value", 61, "unit", "frames/s", "key", "b", "at", "2026-02-01T00:00:00Z"));
        assertThat(api.post(aliceToken, batch, Map.of("ms", good)).data().path("recordMeasurements").path("created").asInt()).isEqualTo(2);
        assertThat(api.post(aliceToken, batch, Map.of("ms", good)).data().path("recordMeasurements").path("created").asInt()).isZero();
        assertThat(measurements.count(aliceId, fps.key())).isEqualTo(2);
        assertThat(measurements.latest(mine, fps.key())).contains(61.0);
    }

    @Test
    void onlyOwnersRecordAndAskAndOnlyModeratorsDefineMetrics() {
        String mine = config(aliceId, true, "gpu E");
        String stranger = api.newCustomer();
        var record = api.post(stranger, "mutation($in: MeasurementInput!) { recordMeasurement(input: $in) { id } }",
                Map.of("in", Map.of("configuration", mine, "metric", fps.key(), "value", 60, "unit", "frames/s")));
        assertThat(record.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(stranger, BENCHMARK, Map.of("m", fps.key(), "c", mine, "cohort", "SIMILAR_PEERS")).errorCode()).isEqualTo("FORBIDDEN");
        String define = "mutation($in: DefineMetricInput!) { defineMetric(input: $in) { id key } }";
        Map<String, Object> metric = Map.of("key", "ms-" + u, "name", "Latency", "unit", "ms", "direction", "LOWER_IS_BETTER", "min", 0, "max", 10000);
        assertThat(api.post(stranger, define, Map.of("in", metric)).errorCode()).isEqualTo("FORBIDDEN");
        assertThat(api.post(api.newCustomer(Role.CUSTOMER, Role.MODERATOR), define, Map.of("in", metric)).data()
                .path("defineMetric").path("key").asText()).isEqualTo("ms-" + u);
    }

    @Test
    void theMonthlyTrendAnswersOnlyMonthsWithKContributorsThatDifferFromTheWholeCohortByKOrNone() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        String mine = config(aliceId, true, "gpu F", "driver F");
        measure(aliceId, mine, 500, now.minusMonths(1));
        List<String[]> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new String[] {peer(), config(lastPeer, true, "gpu F", "driver F")});
        }
        for (int i = 0; i < 6; i++) {
            measure(six.get(i)[0], six.get(i)[1], 100 + i, now.minusMonths(1)); // all six: answered
            if (i < 5) {
                measure(six.get(i)[0], six.get(i)[1], 200 + i, now.minusMonths(2)); // five, one missing: suppressed
            }
            if (i < 4) {
                measure(six.get(i)[0], six.get(i)[1], 300 + i, now); // four: suppressed
            }
        }
        String query = """
                query($m: String!, $c: ID!) {
                  benchmark(metric: $m, configuration: $c, cohort: SAME_CONFIGURATION_ITEMS) {
                    ... on Benchmark { customers trend(months: 4) { month suppressed statistics { customers p50 myValue histogram { count } } } }
                  }
                }""";
        JsonNode benchmark = api.post(aliceToken, query, Map.of("m", fps.key(), "c", mine)).data().path("benchmark");
        assertThat(benchmark.path("customers").asInt()).isEqualTo(5); // six, rounded down to a multiple of 5
        JsonNode trend = benchmark.path("trend");
        assertThat(trend.findValuesAsText("month")).containsExactly(
                now.minusMonths(3).toString(), now.minusMonths(2).toString(), now.minusMonths(1).toString(), now.toString());
        assertThat(trend.get(0).path("suppressed").asText()).isEqualTo("FEWER_THAN_K_CUSTOMERS");
        assertThat(trend.get(1).path("suppressed").asText()).isEqualTo("DIFFERS_FROM_THE_WHOLE_COHORT_BY_FEWER_THAN_K");
        assertThat(trend.get(1).path("statistics").isNull()).isTrue();
        JsonNode lastMonth = trend.get(2).path("statistics");
        assertThat(trend.get(2).path("suppressed").isNull()).isTrue();
        assertThat(lastMonth.path("histogram").findValues("count").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(6);
        assertThat(lastMonth.path("p50").asDouble()).isBetween(90.0, 120.0).as("that month's values, not the latest");
        assertThat(lastMonth.path("myValue").asDouble()).isEqualTo(500);
        assertThat(trend.get(3).path("suppressed").asText()).isEqualTo("FEWER_THAN_K_CUSTOMERS");
        assertThat(trend.toString()).doesNotContain("300.0").doesNotContain("200.0");

        var tooLong = api.post(aliceToken, query.replace("months: 4", "months: 25"), Map.of("m", fps.key(), "c", mine));
        assertThat(tooLong.errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void privateConfigurationsNeverCountInStatistics() {
        String mine = config(aliceId, true, "gpu G");
        for (int i = 0; i < 5; i++) {
            measure(peer(), config(lastPeer, true, "gpu G"), 50 + i);
        }
        String hidden = configurations.create(new ConfigurationStore.NewConfiguration(peer(), "pc", Privacy.PRIVATE, true, true, null,
                List.of(new ConfigItemValue("gpu", u + " gpu G")))).id();
        measure(lastPeer, hidden, 900);
        JsonNode answered = ask(mine, "SAME_CONFIGURATION_ITEMS");
        assertThat(answered.path("__typename").asText()).isEqualTo("Benchmark");
        assertThat(answered.path("histogram").findValues("count").stream().mapToInt(JsonNode::asInt).sum()).isEqualTo(5);
        assertThat(answered.path("p90").asDouble()).isLessThan(100);
    }

    String lastPeer;

    private String peer() {
        lastPeer = customers.signIn("peer-" + UUID.randomUUID()).id();
        return lastPeer;
    }

    private String config(String owner, boolean inStatistics, String... items) {
        List<ConfigItemValue> values = new ArrayList<>();
        for (String item : items) {
            String[] kv = item.split(" ", 2);
            values.add(new ConfigItemValue(kv[0], u + " " + item));
        }
        return configurations.create(new ConfigurationStore.NewConfiguration(owner, "pc", Privacy.COMMUNITY, true, inStatistics, null, values)).id();
    }

    private void measure(String owner, String configuration, double value) {
        measurements.record(owner, List.of(new MeasurementStore.NewMeasurement(configuration, fps.key(), value, "frames/s", OffsetDateTime.now(), null)));
    }

    /** A measurement on the 10th of the month, noon UTC. */
    private void measure(String owner, String configuration, double value, YearMonth month) {
        measurements.record(owner, List.of(new MeasurementStore.NewMeasurement(configuration, fps.key(), value, "frames/s",
                month.atDay(10).atTime(12, 0).atOffset(ZoneOffset.UTC), null)));
    }

    private JsonNode ask(String configuration, String cohort) {
        return api.post(aliceToken, BENCHMARK, Map.of("m", fps.key(), "c", configuration, "cohort", cohort)).data().path("benchmark");
    }
}
