package io.peergraph.api.benchmark;

import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Metric definitions: read by anyone signed in, defined by moderators. */
@Controller
public class MetricController {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    public record DefineMetricInput(String key, String name, String unit, Metric.Direction direction, double min, double max) {}

    private final MetricStore metrics;

    public MetricController(MetricStore metrics) {
        this.metrics = metrics;
    }

    @QueryMapping
    public List<Metric> metrics() {
        return metrics.all();
    }

    @MutationMapping
    public Metric defineMetric(@Argument DefineMetricInput input) {
        if (input.key() == null || !KEY.matcher(input.key()).matches()) {
            throw new ApiException.BadUserInput("input.key", "must be 1–64 lower-case letters, digits, _ . or -, starting with a letter");
        }
        String name = Inputs.requiredLine("input.name", input.name(), Inputs.NAME_MAX);
        String unit = Inputs.requiredLine("input.unit", input.unit(), 32);
        if (!Double.isFinite(input.min()) || !Double.isFinite(input.max()) || input.min() >= input.max()) {
            throw new ApiException.BadUserInput("input.max", "must be a number greater than min");
        }
        return metrics.define(new Metric(null, input.key(), name, unit, input.direction(), input.min(), input.max()))
                .orElseThrow(() -> new ApiException.Conflict("Metric " + input.key() + " is already defined."));
    }
}
