package io.peergraph.api.benchmark;

import io.peergraph.api.config.RetriedWhenGraphBusy;
import io.peergraph.api.graphql.ApiException;
import io.peergraph.api.graphql.Inputs;
import io.peergraph.api.security.Caller;
import io.peergraph.api.security.Ownership;
import io.peergraph.graph.id.PublicId;
import io.peergraph.graph.measurement.MeasurementRule;
import io.peergraph.graph.measurement.MeasurementStore;
import io.peergraph.graph.measurement.Metric;
import io.peergraph.graph.measurement.MetricStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The use case of recording measurements. Everything is checked before anything is written (metric, unit, range,
 * ownership), and the batch is one transaction: a retry with the same keys changes nothing, a key reused for
 * something else rolls the whole batch back.
 */
@Component
@RetriedWhenGraphBusy
public class RecordingMeasurements {

    public record MeasurementInput(String item, String configuration, String metric, Double value, String unit,
                                   OffsetDateTime at, String key) {}

    public record RecordMeasurementsPayload(List<MeasurementStore.Recorded> measurements, int created) {}

    private final Ownership ownership;
    private final MetricStore metrics;
    private final MeasurementStore measurements;

    public RecordingMeasurements(Ownership ownership, MetricStore metrics, MeasurementStore measurements) {
        this.ownership = ownership;
        this.metrics = metrics;
        this.measurements = measurements;
    }

    /** Checks the whole batch, then records it; {@code path} names the input of index i in errors. */
    @Transactional
    public RecordMeasurementsPayload record(Caller caller, List<MeasurementInput> inputs, Function<Integer, String> path) {
        Map<String, Metric> byKey = metrics.byKeys(inputs.stream().map(MeasurementInput::metric).distinct().toList()).stream()
                .collect(Collectors.toMap(Metric::key, Function.identity()));
        List<MeasurementStore.NewMeasurement> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        Set<String> checkedTargets = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            MeasurementInput in = inputs.get(i);
            String at = path.apply(i);
            String target = target(in, at);
            Metric metric = byKey.get(in.metric());
            if (metric == null) {
                throw new ApiException.BadUserInput(at + ".metric", "no metric " + in.metric() + " (see the metrics query)");
            }
            MeasurementRule.check(metric, in.value(), in.unit()).ifPresent(r -> {
                throw new ApiException.BadUserInput(at + "." + r.field(), r.reason());
            });
            String key = Inputs.optionalLine(at + ".key", in.key(), 200);
            if (key != null && !keys.add(key)) {
                throw new ApiException.BadUserInput(at + ".key", "is used twice in this batch");
            }
            if (checkedTargets.add(target)) {
                ownership.requireWrite(caller, target, in.item() != null ? "item" : "configuration");
            }
            batch.add(new MeasurementStore.NewMeasurement(target, metric.key(), in.value(), metric.unit(),
                    in.at() == null ? OffsetDateTime.now(ZoneOffset.UTC) : in.at(), key));
        }
        List<MeasurementStore.Recorded> recorded = measurements.record(caller.customerId(), batch);
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).created() && !recorded.get(i).sameAsBefore()) {
                throw new ApiException.Conflict(path.apply(i) + ".key was already used for a different measurement.");
            }
        }
        return new RecordMeasurementsPayload(recorded, (int) recorded.stream().filter(MeasurementStore.Recorded::created).count());
    }

    private static String target(MeasurementInput in, String at) {
        if ((in.item() == null) == (in.configuration() == null)) {
            throw new ApiException.BadUserInput(at + ".item", "give exactly one of item and configuration");
        }
        return in.item() != null ? Inputs.id(at + ".item", in.item(), PublicId.ITEM)
                : Inputs.id(at + ".configuration", in.configuration(), PublicId.CONFIGURATION);
    }
}
